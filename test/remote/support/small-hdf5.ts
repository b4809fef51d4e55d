// Small HDF5 files written by h5py into a temporary folder for fault and cache tests.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const generator = fileURLToPath(new URL("./make_small_hdf5.py", import.meta.url));

export class ScratchFolder {
  readonly path = mkdtempSync(join(tmpdir(), "tsnwb-remote-"));

  /** Writes `name` with h5py: a 500 000 (+ extra) sample float64 series seeded by `seed`. */
  smallHdf5(name: string, seed: number, extraSamples = 0): string {
    const out = join(this.path, name);
    execFileSync("/usr/bin/python3", [generator, out, String(seed), String(extraSamples)]);
    return out;
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** h5py's values of slices [start, stop) of the series, as an independent reference (one Python run). */
export function h5pySlices(file: string, slices: [number, number][]): number[][] {
  const script = `import h5py, json, sys\nwith h5py.File(sys.argv[1], "r") as f:\n    d = f["acquisition/series/data"]\n    print(json.dumps([d[a:b].tolist() for a, b in json.loads(sys.argv[2])]))`;
  return JSON.parse(
    execFileSync("/usr/bin/python3", ["-c", script, file, JSON.stringify(slices)], {
      encoding: "utf8",
    }),
  ) as number[][];
}

export function h5pySeries(file: string, start: number, stop: number): number[] {
  return h5pySlices(file, [[start, stop]])[0];
}

// Peak memory of one whole-dataset read, ours vs h5py: each reader reads /acquisition/ts/data of
// the read bench's 100 MB float32 files (contiguous, chunked, chunked + gzip) once, in a fresh
// process; the figure is the growth of the peak resident set over the resident set after opening
// (the result itself is 100 MB in both). ratio = our growth / h5py's. read-bench.ts runs it on
// the files it wrote (so `npm run bench` includes it). With --quick (10 MB) the peak can come from
// loading the code rather than the read: those figures are a smoke run only.
// Our side runs the built reader in peak-memory-child.mjs.
// Then a recording's whole raw voltage at full length (h5py_raw_series.py: the bundled raw samples
// repeated to 8.8 M int16, gzip chunks as DANDI stores them), read in a fresh process and in a
// warm one (one earlier gzip read of another recording, as a worker or kernel after its first
// file). A fresh Node process also compiles the wasm decompressor with V8's optimizing tier
// during its first large gzip read: that one-time cost is in the fresh figure and not in the warm one.
// Run: npx tsx bench/nwb/peak-memory.ts [--quick]   (needs /usr/bin/python3 with h5py; ~300 MB of temp space)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const self = fileURLToPath(import.meta.url);

interface Peak {
  base: number;
  peak: number;
  bytes: number;
}

/** A bundled recording: its raw series is the warm-up read of the warm runs. */
const WARM_RECORDING = join(here, "../../data/recordings/Allen_GCaMP6f_Emx1_102959_rec0.nwb");

const run = (cmd: string, args: string[]): Peak =>
  JSON.parse(execFileSync(cmd, args, { encoding: "utf8" }).trim().split("\n").pop()!) as Peak;
const mb = (b: number) => (b / 1e6).toFixed(1);

/** Our side runs the built reader: build it once if the sources changed. */
let built = false;
function ensureBuilt(): void {
  if (!built)
    execFileSync(
      process.execPath,
      [join(here, "../../scripts/build-stamp.mjs"), "build-if-stale"],
      {
        stdio: "inherit",
      },
    );
  built = true;
}

/** Growth of the peak RSS (bytes) for one whole read of `path` by h5py and by us, each in a fresh
 *  process; `nodeFlags` are V8 options for ours. */
function growths(
  path: string,
  warm?: string,
  nodeFlags: string[] = [],
): { h5py: number; ours: number; bytes: number } {
  ensureBuilt();
  const extra = warm ? [warm] : [];
  const py = run("/usr/bin/python3", [join(here, "h5py_peak_memory.py"), path, ...extra]);
  const ours = run(process.execPath, [
    "--expose-gc",
    ...nodeFlags,
    join(here, "peak-memory-child.mjs"),
    path,
    ...extra,
  ]);
  return { h5py: py.peak - py.base, ours: ours.peak - ours.base, bytes: ours.bytes };
}

/** Prints the table and one ratio line for the files `<layout>.nwb` in `dir` (written by h5py_read_bench.py make). */
export function printPeakMemory(dir: string, layouts: readonly string[]): void {
  const ratios: string[] = [];
  console.log(
    "\npeak memory of one whole read, each reader in a fresh process (growth of peak RSS over RSS after open)",
  );
  console.log("layout       result MB   h5py growth MB   ours growth MB");
  for (const layout of layouts) {
    const g = growths(join(dir, `${layout}.nwb`));
    console.log(
      `${layout.padEnd(12)} ${mb(g.bytes).padStart(9)}   ${mb(g.h5py).padStart(14)}   ${mb(g.ours).padStart(14)}`,
    );
    ratios.push(`${layout} ${(g.ours / g.h5py).toFixed(2)}`);
  }
  console.log(`peak memory: ratio tsnwb/h5py growth ${ratios.join(", ")}`);
}

/** Writes a full-length raw series into `dir` and prints its fresh and warm peak-memory growth (median of `runs`). */
export function printRawSeriesPeakMemory(dir: string, runs = 3): void {
  execFileSync("/usr/bin/python3", [join(here, "h5py_raw_series.py"), WARM_RECORDING, dir], {
    stdio: "inherit",
  });
  const path = join(dir, "raw.nwb");
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(
    `\npeak memory of one whole read of a recording's raw voltage (8.8 M int16 samples, gzip), median of ${runs} fresh processes per reader`,
  );
  console.log("process              result MB   h5py growth MB   ours growth MB   ours/h5py");
  const ratios: string[] = [];
  for (const [label, warm, flags] of [
    ["fresh", undefined, []],
    // The same with V8's baseline wasm compiler only: what the optimizing tier's compilation adds.
    ["fresh, liftoff-only", undefined, ["--liftoff-only"]],
    ["warm", WARM_RECORDING, []],
  ] as const) {
    const gs = Array.from({ length: runs }, () => growths(path, warm, [...flags]));
    const [h, o] = [median(gs.map((g) => g.h5py)), median(gs.map((g) => g.ours))];
    console.log(
      `${label.padEnd(20)} ${mb(gs[0]!.bytes).padStart(9)}   ${mb(h).padStart(14)}   ${mb(o).padStart(14)}   ${(o / h).toFixed(2)}`,
    );
    ratios.push(`${label} ${(o / h).toFixed(2)}`);
  }
  console.log(`peak memory: raw series ratio tsnwb/h5py growth ${ratios.join(", ")}`);
}

if (process.argv[1] === self) {
  const rows = process.argv.includes("--quick") ? 25_000 : 250_000;
  const dir = mkdtempSync(join(tmpdir(), "tsnwb-peak-"));
  try {
    console.log(`writing 3 × ${(rows * 400) / 1e6} MB files with h5py in ${dir} …`);
    execFileSync(
      "/usr/bin/python3",
      [join(here, "h5py_read_bench.py"), "make", dir, String(rows)],
      { stdio: "inherit" },
    );
    printPeakMemory(dir, ["contiguous", "chunked", "gzip"]);
    printRawSeriesPeakMemory(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

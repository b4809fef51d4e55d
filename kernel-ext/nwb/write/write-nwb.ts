// The public entry point: write a NEW NWB file from a plain description. Existing files are never
// opened; the target is written under a temporary name and renamed into place when complete.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { NWBFileDescription } from "./description.js";
import { writeH5Tree } from "./h5write.js";
import { buildNWBTree } from "./nwbfile.js";
import { NWBWriteError } from "./timeseries.js";

export interface WriteNWBOptions {
  /** Replace an existing file at `path` (default false: refuse, so a source is never clobbered). */
  overwrite?: boolean;
}

/**
 * Writes `description` as a new NWB 2.5.0 file at `path`, with the cached core + hdmf-common
 * schema embedded. The same description always gives byte-identical files: object ids are
 * derived from the identifier, and HDF5's object timestamps are pinned to `fileCreateDate`
 * (default: `sessionStartTime`). Resolves to the absolute path written.
 *
 * Exporting notebook results next to a recording (the source is only read):
 *
 *     const src = await openNWB("data/recordings/Allen_GCaMP6s_Cux2_102436_rec0.nwb");
 *     await writeNWB("results.nwb", {
 *       ...derivedFrom(src, { description: "ΔF/F and inferred spikes" }),
 *       processing: [{ name: "analysis", description: "notebook results", interfaces: [
 *         { type: "TimeSeries", name: "dff", data: dff, unit: "n.a.", timing: { timestamps: t } },
 *         { type: "TimeSeries", name: "spike_probability", data: p, unit: "n.a.", timing: { timestamps: t } },
 *       ] }],
 *     });
 */
export async function writeNWB(
  path: string,
  description: NWBFileDescription,
  options: WriteNWBOptions = {},
): Promise<string> {
  const target = resolve(path);
  if (!options.overwrite && existsSync(target)) {
    throw new NWBWriteError(
      target,
      "a path where no file exists yet (pass { overwrite: true } to replace it)",
    );
  }
  if (!existsSync(dirname(target)))
    throw new NWBWriteError(dirname(target), "an existing directory for the output file");
  const tree = buildNWBTree(description);
  const clockMs = (description.fileCreateDate ?? description.sessionStartTime).getTime();
  await writeH5Tree(target, tree, { clockMs });
  return target;
}

import type { Command } from "../main.js";
import type { ConvertOptions } from "../../groundtruth/convert.js";

const usage = `usage: tsnwb convert-groundtruth IN.mat OUT_DIR [options]
       tsnwb convert-groundtruth --all GROUNDTRUTH_DIR OUT_DIR [options] [--force]

Converts CASCADE ground-truth .mat files (CAttached layout) into NWB files in the DANDI:000048
layout, one per recording: real ΔF/F, frame times and spike times (and, for Chen et al. 2013
cells, the mean image and ROI mask); reconstructed voltage traces, movie and raw F (each object's
description says what was reconstructed and how). Same input → byte-identical output.

--all converts every .mat under GROUNDTRUTH_DIR (e.g. ../shared/data/groundtruth) into OUT_DIR
with the same subfolders (e.g. .cache/groundtruth-nwb), keeping files already there unless --force.
Its movie defaults are those of the bundled recordings (--fov 32 --bin 4 --soma-radius 6), full
length: about 25–65 MB per recording instead of 130–280 MB at --fov 96.

options:
  --recording K   convert only recording K (1-based, repeatable; single-file form only)
  --seconds S     keep only the first S seconds of the reconstructed movie and voltage
                  (default: all; the real ΔF/F, F and spike times are always full-length)
  --fov N         movie side in (binned) pixels (default 96)
  --bin B         bin the Chen et al. full frame B×B before cropping (default 1)
  --soma-radius R soma radius in pixels of the synthetic image of the Allen cells (default 8)
  --ephys-rate HZ sampling rate of the reconstructed voltage (default 20000)`;

type Options = ConvertOptions & { force?: boolean; recordings?: number[] };

function parse(args: string[]): { positional: string[]; options: Options; all: boolean } {
  const positional: string[] = [];
  const options: Options = {};
  let all = false;
  const num = (flag: string, v: string | undefined, integer: boolean): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
      throw new Error(`tsnwb convert-groundtruth: ${flag} needs a positive ${integer ? "integer" : "number"}, got ${v ?? "nothing"}`);
    }
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--all") all = true;
    else if (a === "--force") options.force = true;
    else if (a === "--seconds") options.seconds = num(a, args[++i], false);
    else if (a === "--recording") (options.recordings ??= []).push(num(a, args[++i], true) - 1);
    else if (a === "--fov") options.fov = num(a, args[++i], true);
    else if (a === "--bin") options.bin = num(a, args[++i], true);
    else if (a === "--soma-radius") options.somaRadius = num(a, args[++i], false);
    else if (a === "--ephys-rate") {
      options.ephysRate = num(a, args[++i], false);
      if (options.ephysRate <= 10000) throw new Error("tsnwb convert-groundtruth: --ephys-rate must be above 10000 Hz (the filtered copy goes up to 5 kHz)");
    } else if (a.startsWith("--")) throw new Error(`tsnwb convert-groundtruth: unknown option ${a}\n\n${usage}`);
    else positional.push(a);
  }
  if (all && options.recordings) throw new Error("tsnwb convert-groundtruth: --recording applies to a single .mat file, not --all");
  if (positional.length !== 2) throw new Error(`tsnwb convert-groundtruth: expected ${all ? "GROUNDTRUTH_DIR" : "IN.mat"} and OUT_DIR\n\n${usage}`);
  return { positional, options, all };
}

export const command: Command = {
  summary: "convert CASCADE ground-truth .mat files into NWB (DANDI:000048 layout)",
  usage,
  async run(args) {
    let parsed;
    try {
      parsed = parse(args);
    } catch (e) {
      console.error((e as Error).message);
      return 2;
    }
    const [input, outDir] = parsed.positional;
    try {
      if (parsed.all) {
        parsed.options.fov ??= 32;
        parsed.options.bin ??= 4;
        parsed.options.somaRadius ??= 6;
        const { convertGroundTruthFolder } = await import("../../groundtruth/convertFolder.js");
        const done = await convertGroundTruthFolder(input, outDir, parsed.options, (p) => console.log(`${p.status === "written" ? "wrote " : "cached"} ${p.output}`));
        console.log(`${done.length} recordings (${done.filter((p) => p.status === "written").length} written) in ${outDir}`);
      } else {
        const { convertGroundTruthFile } = await import("../../groundtruth/convert.js");
        for (const f of await convertGroundTruthFile(input, outDir, parsed.options)) console.log(`wrote ${f}`);
      }
      return 0;
    } catch (e) {
      console.error(`tsnwb convert-groundtruth: ${(e as Error).message}`);
      return 1;
    }
  },
};

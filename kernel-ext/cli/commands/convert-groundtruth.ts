import type { Command } from "../main.js";
import { choiceOption, numberOption, parseArgs, type ParsedArgs } from "../parse-args.js";
import { UsageError } from "../usage-error.js";
import type { ConvertOptions } from "../../groundtruth/convert.js";
import { GroundTruthOptionError } from "../../groundtruth/option-error.js";
import { INDICATORS, LABS } from "../../groundtruth/source.js";

const usage = `usage: tsnwb convert-groundtruth IN.mat OUT_DIR [options]
       tsnwb convert-groundtruth --all GROUNDTRUTH_DIR OUT_DIR [options] [--force]

Converts CASCADE ground-truth .mat files (CAttached layout) into NWB files in the DANDI:000048
layout, one per recording: real ΔF/F, frame times and spike times (and, for Chen et al. 2013
cells, the mean image and ROI mask); reconstructed voltage traces, movie and raw F (each object's
description says what was reconstructed and how). Same input → byte-identical output.

A CASCADE file name (CAttached_Chen2013_GC6f_cell1C_….mat, CAttached_Allen_Emx1_102959_….mat)
says the lab, indicator, mouse line and cell; for a file of any other name, say them:
  --lab Chen2013|Allen        Chen et al. 2013 (viral) or Huang et al. 2021 (Allen, transgenic)
  --indicator GCaMP6f|GCaMP6s
  --line LINE                 the Allen cell's mouse line, e.g. Emx1, Cux2 (not for Chen2013)
  --cell NAME                 cell name in the output's file name and identifier (default: from
                              the file name; for other names, the file name without .mat)
Given options win over the name (with --all, they apply to every file).

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
  --ephys-rate HZ sampling rate of the reconstructed voltage (default 20000)
  --force         with --all: convert again recordings already in OUT_DIR

Exit code: 0 done, 1 failed (the error names the file and field), 2 usage error.`;

type Options = ConvertOptions & { force?: boolean; recordings?: number[] };

const SPECS = [
  { name: "--all" },
  { name: "--force" },
  ...[
    "--recording",
    "--seconds",
    "--fov",
    "--bin",
    "--soma-radius",
    "--ephys-rate",
    "--lab",
    "--indicator",
    "--line",
    "--cell",
  ].map((name) => ({ name, value: true })),
];

function options(p: ParsedArgs): Options {
  const o: Options = {};
  const num = (flag: string, integer: boolean) => {
    const v = p.get(flag);
    return v === undefined ? undefined : numberOption(flag, v, { integer });
  };
  if (p.has("--force")) o.force = true;
  if (p.has("--recording"))
    o.recordings = p
      .all("--recording")
      .map((v) => numberOption("--recording", v, { integer: true }) - 1);
  o.seconds = num("--seconds", false);
  o.fov = num("--fov", true);
  o.bin = num("--bin", true);
  o.somaRadius = num("--soma-radius", false);
  o.ephysRate = num("--ephys-rate", false);
  if (o.ephysRate !== undefined && o.ephysRate <= 10000)
    throw new UsageError(
      "--ephys-rate must be above 10000 Hz (the filtered copy goes up to 5 kHz)",
    );
  const lab = p.get("--lab");
  if (lab !== undefined) o.lab = choiceOption("--lab", lab, LABS);
  const indicator = p.get("--indicator");
  if (indicator !== undefined) o.indicator = choiceOption("--indicator", indicator, INDICATORS);
  const line = p.get("--line");
  if (line !== undefined && !/^[A-Za-z0-9]+$/.test(line))
    throw new UsageError(`--line '${line}' may only contain letters and digits`);
  o.line = line;
  const cell = p.get("--cell");
  if (cell !== undefined && !/^[A-Za-z0-9-]+$/.test(cell))
    throw new UsageError(`--cell '${cell}' may only contain letters, digits and '-'`);
  o.cell = cell;
  // Undefined fields would override the defaults of the callee's `??`; drop them.
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Options;
}

export const command: Command = {
  summary: "convert CASCADE ground-truth .mat files into NWB (DANDI:000048 layout)",
  usage,
  async run(args) {
    const p = parseArgs(args, SPECS);
    const all = p.has("--all");
    const o = options(p);
    if (all && o.recordings)
      throw new UsageError("--recording applies to a single .mat file, not --all");
    if (o.force && !all)
      throw new UsageError("--force applies to --all (a single file is always converted again)");
    if (p.positional.length !== 2)
      throw new UsageError(
        `expected ${all ? "GROUNDTRUTH_DIR" : "IN.mat"} and OUT_DIR, got ${p.positional.length} argument${p.positional.length === 1 ? "" : "s"}`,
      );
    const [input, outDir] = p.positional as [string, string];
    try {
      if (all) {
        o.fov ??= 32;
        o.bin ??= 4;
        o.somaRadius ??= 6;
        const { convertGroundTruthFolder } = await import("../../groundtruth/convert-folder.js");
        const done = await convertGroundTruthFolder(input, outDir, o, (q) =>
          console.log(`${q.status === "written" ? "wrote " : "cached"} ${q.output}`),
        );
        console.log(
          `${done.length} recordings (${done.filter((q) => q.status === "written").length} written) in ${outDir}`,
        );
      } else {
        const { convertGroundTruthFile } = await import("../../groundtruth/convert.js");
        for (const f of await convertGroundTruthFile(input, outDir, o)) console.log(`wrote ${f}`);
      }
      return 0;
    } catch (e) {
      // A name that does not say lab/indicator/line, or a --recording the file lacks: fixed by options.
      if (e instanceof GroundTruthOptionError) throw new UsageError(e.message);
      throw e;
    }
  },
};

// Which published dataset a ground-truth file belongs to (lab, indicator, mouse line, cell). The
// CASCADE file names say it (CAttached_Chen2013_GC6f_cell1C_….mat, CAttached_Allen_Emx1_102959_….mat);
// for any other name the caller says it (`tsnwb convert-groundtruth --lab --indicator --line`),
// and what is still unknown is an error naming the options to pass.
import { basename } from "node:path";
import { GroundTruthOptionError } from "./option-error.js";

export const LABS = ["Chen2013", "Allen"] as const;
export const INDICATORS = ["GCaMP6f", "GCaMP6s"] as const;
export type Lab = (typeof LABS)[number];
export type Indicator = (typeof INDICATORS)[number];

export interface GroundTruthSource {
  lab: Lab;
  indicator: Indicator;
  /** The CASCADE dataset folder, e.g. "DS09-GCaMP6f-m-V1", when the path contains it. */
  dataset?: string;
  /** Cell name: from a CASCADE file name, e.g. "cell1C" or "102956"; else the file name's stem. */
  cell: string;
  /** Mouse line for the Allen cells (Emx1, Cux2). */
  line?: string;
}

/** What the caller knows about a file; each given field wins over what its name says. */
export interface SourceOptions {
  lab?: Lab;
  indicator?: Indicator;
  line?: string;
  cell?: string;
}

/** A ground-truth file whose name does not say (all of) lab, indicator and line. */
export class UnknownSourceError extends GroundTruthOptionError {
  override name = "UnknownSourceError";
  constructor(
    readonly file: string,
    /** The options still needed, as `tsnwb convert-groundtruth` spells them. */
    readonly missing: string[],
    detail: string,
  ) {
    super(`${file}: ${detail}; pass ${missing.join(" ")}`);
  }
}

const CASCADE_NAMES = "CAttached_Chen2013_GC6f_cellX….mat or CAttached_Allen_<line>_<id>_….mat";

/** What a CASCADE file name says, or undefined for any other name. */
function fromName(path: string): GroundTruthSource | undefined {
  const name = basename(path);
  const dataset = /(DS\d\d-[^/\\]+)/.exec(path)?.[1];
  const chen = /Chen2013_GC(6[fs])_(cell[0-9A-Za-z]+)/.exec(name);
  if (chen)
    return {
      lab: "Chen2013",
      indicator: chen[1] === "6f" ? "GCaMP6f" : "GCaMP6s",
      dataset,
      cell: chen[2]!,
    };
  const allen = /Allen_([A-Za-z0-9]+?)_(\d+)_/.exec(name);
  if (allen) {
    // The file names of DS13 say Cux2f even though the indicator is GCaMP6s: trust the folder.
    const indicator = dataset?.includes("GCaMP6s") ? "GCaMP6s" : "GCaMP6f";
    // The CASCADE README notes that DS13 cell 102086 is an Emx1 (not Cux2) mouse despite its name.
    const line = allen[2] === "102086" ? "Emx1" : allen[1]!.replace(/[fs]$/, "");
    return { lab: "Allen", indicator, dataset, cell: allen[2]!, line };
  }
  return undefined;
}

/** A file name's stem as a cell name (letters, digits and '-'). */
const stem = (path: string) =>
  basename(path)
    .replace(/\.mat$/i, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "cell";

export function identifySource(path: string, given: SourceOptions = {}): GroundTruthSource {
  const named = fromName(path);
  const lab = given.lab ?? named?.lab;
  const indicator = given.indicator ?? named?.indicator;
  const line = given.line ?? (lab === named?.lab ? named?.line : undefined);
  if (lab === "Chen2013" && given.line !== undefined) {
    throw new UnknownSourceError(
      path,
      ["--lab Allen (or no --line)"],
      `a mouse line (--line ${given.line}) applies to the Allen cells only; the Chen et al. 2013 cells are viral`,
    );
  }
  // [what the name did not say, the option that says it]
  const needed: [string, string][] = [];
  if (!lab) needed.push(["lab", `--lab ${LABS.join("|")}`]);
  if (!indicator) needed.push(["indicator", `--indicator ${INDICATORS.join("|")}`]);
  if (lab !== "Chen2013" && !line)
    needed.push([
      "mouse line",
      lab ? "--line LINE (e.g. Emx1, Cux2)" : "--line LINE (with --lab Allen, e.g. Emx1)",
    ]);
  if (needed.length) {
    const why = named ? "" : ` (it is not a CASCADE ground-truth name such as ${CASCADE_NAMES})`;
    throw new UnknownSourceError(
      path,
      needed.map(([, option]) => option),
      `the file name does not say the ${needed.map(([what]) => what).join(", ")}${why}`,
    );
  }
  const dataset = /(DS\d\d-[^/\\]+)/.exec(path)?.[1];
  return {
    lab: lab!,
    indicator: indicator!,
    dataset,
    cell: given.cell ?? named?.cell ?? stem(path),
    ...(lab === "Allen" ? { line } : {}),
  };
}

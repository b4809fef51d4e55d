// Converts a whole ground-truth folder (DSxx-… subfolders of .mat files, as in the CASCADE
// collection) into a cache directory with the same subfolders. Recordings already converted are
// kept, so an interrupted run resumes where it stopped.
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { groundTruthFromMat } from "./cattached.js";
import { describeRecording, outputName, type ConvertOptions } from "./convert.js";
import { readMat } from "./mat5.js";
import { writeNWB } from "../nwb/write/write-nwb.js";
import { identifySource } from "./source.js";

/** Every .mat file under `dir`, sorted, depth-first. */
export function findMatFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findMatFiles(p));
    else if (name.endsWith(".mat")) out.push(p);
  }
  return out;
}

export interface FolderProgress {
  file: string;
  output: string;
  status: "written" | "cached";
}

export async function convertGroundTruthFolder(
  inDir: string,
  outDir: string,
  options: ConvertOptions & { force?: boolean } = {},
  onProgress: (p: FolderProgress) => void = () => {},
): Promise<FolderProgress[]> {
  const files = findMatFiles(inDir);
  if (files.length === 0)
    throw new Error(`${inDir}: a folder containing ground-truth .mat files (found none)`);
  // Every file's source first: a name that does not say it stops the run before anything is written.
  const sources = files.map((file) => identifySource(file, options));
  const done: FolderProgress[] = [];
  for (const [k, file] of files.entries()) {
    const sub = relative(inDir, join(file, ".."));
    const target = join(outDir, sub);
    const src = sources[k]!;
    mkdirSync(target, { recursive: true });
    const mat = readMat(file);
    const recordings = groundTruthFromMat(mat, file);
    for (const rec of recordings) {
      const output = join(target, outputName(src, rec.index));
      let status: FolderProgress["status"] = "cached";
      if (options.force || !existsSync(output)) {
        await writeNWB(output, describeRecording(rec, mat.header, options), { overwrite: true });
        status = "written";
      }
      const p = { file: basename(file), output, status };
      done.push(p);
      onProgress(p);
    }
  }
  return done;
}

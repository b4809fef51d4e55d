// What `tsnwb report` takes on its command line, turned into the list of sources to analyse:
// a folder stands for the .nwb files directly in it (sorted by name); URLs and file paths are
// passed on as given (a missing file is reported per file by the report, like any unreadable one).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "./usage-error.js";

/** The remote forms openNWB's remote backend accepts as strings (kernel-ext/nwb/remote). */
const REMOTE = /^(https?|s3):\/\//i;

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function expandReportInputs(inputs: readonly string[]): string[] {
  const sources: string[] = [];
  for (const input of inputs) {
    if (REMOTE.test(input) || !isFolder(input)) {
      sources.push(input);
      continue;
    }
    const files = readdirSync(input, { withFileTypes: true })
      .filter((e) => !e.isDirectory() && e.name.toLowerCase().endsWith(".nwb"))
      .map((e) => e.name)
      .sort();
    if (files.length === 0)
      throw new UsageError(
        `${input}: no .nwb files in this folder (a folder argument stands for the .nwb files directly in it)`,
      );
    sources.push(...files.map((f) => join(input, f)));
  }
  return sources;
}

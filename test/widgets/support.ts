// Helpers shared by the widget tests: a seeded random generator (test/support/random.ts), the Debian python (with numpy,
// h5py, scipy) for cross-checks, and temporary folders.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const PYTHON = "/usr/bin/python3";
export const REFERENCE_DIR = fileURLToPath(new URL("./reference/", import.meta.url));

/** Runs a reference script with /usr/bin/python3 and parses its JSON stdout. */
export function runPython<T>(script: string, args: string[]): T {
  const out = execFileSync(PYTHON, [join(REFERENCE_DIR, script), ...args], {
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
  });
  return JSON.parse(out) as T;
}

/** A seeded uniform [0, 1) generator, so test data are the same on every run. */
export { uniform as rng } from "../support/random.js";

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `tsnwb-widgets-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

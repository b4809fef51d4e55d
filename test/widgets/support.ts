// Helpers shared by the widget tests: a seeded random generator, the Debian python (with numpy,
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

/** Mulberry32: a small deterministic PRNG so test data are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `tsnwb-widgets-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

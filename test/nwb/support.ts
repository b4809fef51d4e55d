// Shared helpers of the NWB reader tests: fixture paths, the h5py reference, canonical hashes.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { H5Dtype, H5Values } from "../../kernel-ext/nwb/h5/source.js";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const fixturesDir = join(repoRoot, "data", "nwb-fixtures");
export const PYTHON = "/usr/bin/python3";

export function fixture(rel: string): string {
  return join(fixturesDir, rel);
}

/** Every .nwb file under data/nwb-fixtures, sorted. */
export function allFixtures(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith(".nwb")) out.push(p);
    }
  };
  walk(fixturesDir);
  return out;
}

export function rel(p: string): string {
  return relative(fixturesDir, p);
}

export function sha256File(p: string): string {
  return createHash("sha256").update(readFileSync(p)).digest("hex");
}

/** Runs a Python snippet with Debian's python3 (h5py, numpy, scipy) and parses its JSON stdout. */
export function python<T>(code: string, args: string[] = [], maxBuffer = 256 << 20): T {
  const out = execFileSync(PYTHON, ["-c", code, ...args], { encoding: "utf8", maxBuffer });
  return JSON.parse(out) as T;
}

export interface DumpEntry {
  shape: number[] | null;
  kind: string;
  hash?: string | Record<string, [string, string]> | null;
}
export type Dump = Record<string, { datasets?: Record<string, DumpEntry>; error?: string }>;

/** h5py's view of `files` (see h5py_dump.py). */
export function h5pyDump(files: string[]): Dump {
  const out = execFileSync(PYTHON, [join(repoRoot, "test", "nwb", "h5py_dump.py"), ...files], {
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
  return JSON.parse(out) as Dump;
}

export function kindOf(d: H5Dtype): string {
  switch (d.class) {
    case "int":
    case "uint":
    case "float":
    case "bool":
    case "enum":
      return "number";
    case "string":
      return "string";
    case "ref":
      return "ref";
    case "compound":
      return "compound";
    default:
      return "other";
  }
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** The same canonical hash h5py_dump.py computes, from what the reader returned. */
export function canonicalHash(
  values: H5Values,
  dtype: H5Dtype,
): string | Record<string, [string, string]> {
  if (dtype.class === "compound") {
    if (Array.isArray(values) || ArrayBuffer.isView(values))
      throw new Error("expected compound columns");
    const out: Record<string, [string, string]> = {};
    for (const m of dtype.members)
      out[m.name] = [kindOf(m.dtype), canonicalHash(values.fields[m.name], m.dtype) as string];
    return out;
  }
  if (ArrayBuffer.isView(values))
    return sha(Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  if (Array.isArray(values)) {
    const parts = values.map((v) =>
      typeof v === "string"
        ? v
        : typeof v === "object" && v !== null && "path" in v
          ? String(v.path)
          : JSON.stringify(v),
    );
    return sha(Buffer.from(parts.join("\0"), "utf8"));
  }
  throw new Error("unexpected values");
}

/**
 * test_TimeIntervals.nwb with part of its global heap (the vlen strings of its attributes) zeroed:
 * HDF5 loops forever on it (found by the seeded fuzz corpus, fuzz.test.ts).
 */
export function writeLoopingCopy(path: string): void {
  const bytes = readFileSync(fixture("nwb-explorer/test_TimeIntervals.nwb"));
  bytes.fill(0, 9840, 9978);
  writeFileSync(path, bytes);
}

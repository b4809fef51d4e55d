// A suite's own fixture file: a Python script writes it into a fresh temporary folder, and h5py
// reads the reference values from it, before our reader opens it. At the end the suite checks that
// reading left the file byte for byte as written, and removes the folder.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

/** Debian's Python, which has h5py and numpy (the PATH one may not). */
const PYTHON = "/usr/bin/python3";

export interface PythonFixture<R> {
  /** The temporary folder (the suite may write more files there; dispose removes them too). */
  readonly dir: string;
  /** The written file. */
  readonly file: string;
  /** What the reference script printed (JSON), parsed. */
  readonly ref: R;
  /** Asserts the file is unchanged since it was written, then removes its folder. */
  dispose(): void;
}

export interface PythonFixtureOptions {
  /** The script that writes the file; it is called as `python3 writer FILE`. */
  writer: string;
  /** The file's name in the temporary folder (e.g. "cell.nwb"). */
  fileName: string;
  /** Python source run as `python3 -c reference FILE ...referenceArgs`; prints one JSON value. */
  reference: string;
  referenceArgs?: string[];
}

/** Writes the fixture with `writer` and reads `reference` from it with h5py (call in `before`). */
export function writePythonFixture<R>(options: PythonFixtureOptions): PythonFixture<R> {
  const dir = mkdtempSync(
    join(tmpdir(), `tsnwb-${basename(options.fileName).replace(/\.\w+$/, "")}-`),
  );
  const file = join(dir, options.fileName);
  try {
    execFileSync(PYTHON, [options.writer, file]);
    const hash = sha256(file);
    const out = execFileSync(
      PYTHON,
      ["-c", options.reference, file, ...(options.referenceArgs ?? [])],
      {
        encoding: "utf8",
        maxBuffer: 256 << 20,
      },
    );
    return {
      dir,
      file,
      ref: JSON.parse(out) as R,
      dispose() {
        try {
          assert.equal(sha256(file), hash, `${file}: the source file is unchanged`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

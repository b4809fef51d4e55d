// Independent cross-checks run through Debian's Python (h5py, scipy, hdmf): the NWB validator and
// small inspection scripts. Tests skip (with the reason) when the tools are not there.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
export const PYTHON = "/usr/bin/python3";
const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The shared NWB validator, `../shared/tools/validate_nwb.py` relative to the repository. */
export const VALIDATOR = join(repo, "..", "shared", "tools", "validate_nwb.py");

export function repoPath(...parts: string[]): string {
  return join(repo, ...parts);
}

let hasHdmf: boolean | undefined;
/** Why the validator cannot run here, or undefined when it can. */
export async function validatorMissing(): Promise<string | undefined> {
  if (!existsSync(VALIDATOR)) return `NWB validator not found at ${VALIDATOR}`;
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  if (hasHdmf === undefined) {
    hasHdmf = await run(PYTHON, ["-c", "import hdmf, h5py"]).then(
      () => true,
      () => false,
    );
  }
  return hasHdmf ? undefined : `${PYTHON} lacks hdmf/h5py (apt-get install python3-hdmf)`;
}

/** Runs the validator; resolves to its output ("0 errors" on success), rejects with the errors. */
export async function validate(path: string): Promise<string> {
  try {
    const { stdout } = await run(PYTHON, [VALIDATOR, path], { maxBuffer: 1 << 24 });
    return stdout.trim();
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `validator failed on ${path}:\n${err.stdout ?? ""}${err.stderr ?? err.message}`,
      { cause: e },
    );
  }
}

/** Runs a Python snippet with arguments; resolves to its stdout parsed as JSON. */
export async function pythonJSON<T>(code: string, ...args: string[]): Promise<T> {
  const { stdout } = await run(PYTHON, ["-c", code, ...args], { maxBuffer: 1 << 28 });
  return JSON.parse(stdout) as T;
}

let hasScipy: boolean | undefined;
export async function scipyMissing(): Promise<string | undefined> {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  hasScipy ??= await run(PYTHON, ["-c", "import scipy.io, h5py, numpy"]).then(
    () => true,
    () => false,
  );
  return hasScipy
    ? undefined
    : `${PYTHON} lacks scipy/h5py/numpy (apt-get install python3-scipy python3-h5py)`;
}

// Runs the built `tsnwb` command line as a user does (node bin/tsnwb.js …), for every test area.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
/** bin/tsnwb.js, the command line's entry point (what a kernelspec runs). */
export const bin = fileURLToPath(new URL("../../bin/tsnwb.js", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `tsnwb ARGS` from the repository root (or `cwd`), with `env` added; a non-zero exit is returned, not thrown. */
export async function runTsnwb(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      maxBuffer: 1 << 26,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

// Independent reference values from Debian's h5py (never our reader).
import { execFileSync } from "node:child_process";

export function h5py<T>(script: string, ...args: string[]): T {
  const out = execFileSync("/usr/bin/python3", ["-c", script, ...args], {
    encoding: "utf8",
    env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
  });
  return JSON.parse(out) as T;
}

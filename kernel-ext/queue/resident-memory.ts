// Resident memory (RSS) of a process by pid, in bytes: everything the process holds in RAM,
// WebAssembly memory and Buffers included, not only the JS heap. Linux /proc, else `ps`.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export function residentBytes(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // No /proc (macOS) or the process is gone: ask ps.
  }
  try {
    const kb = Number(
      execFileSync("ps", ["-o", "rss=", "-p", String(pid)], {
        encoding: "utf8",
        timeout: 2000,
      }).trim(),
    );
    return Number.isFinite(kb) && kb > 0 ? kb * 1024 : null;
  } catch {
    return null;
  }
}

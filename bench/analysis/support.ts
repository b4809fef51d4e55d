// Shared helpers for the analysis benchmarks: timing, and running the Python reference in the same run.
import { spawnSync } from "node:child_process";

export const PYTHON = "/usr/bin/python3";

// Times are CPU time of this process (user + system), best of `repeat`: the machine is shared, and
// wall-clock time mostly measures the other jobs. The Python side uses time.process_time() likewise.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Best of `repeat` runs, in CPU milliseconds. */
export function time<T>(fn: () => T, repeat = 3): { ms: number; result: T } {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < repeat; i++) {
    const t0 = cpuMs();
    result = fn();
    best = Math.min(best, cpuMs() - t0);
  }
  return { ms: best, result };
}

export async function timeAsync<T>(
  fn: () => Promise<T>,
  repeat = 3,
): Promise<{ ms: number; result: T }> {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < repeat; i++) {
    const t0 = cpuMs();
    result = await fn();
    best = Math.min(best, cpuMs() - t0);
  }
  return { ms: best, result };
}

/** Runs a Python script (argv after the script) and parses its JSON stdout. */
export function python<T = any>(script: string, args: string[] = []): T {
  const r = spawnSync(PYTHON, ["-c", script, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export function row(name: string, ours: number, ref: number | null, refName: string): string {
  const ratio = ref === null ? "" : `  ratio ours/ref ${(ours / ref).toFixed(2)}`;
  return `${name.padEnd(46)} ours ${ours.toFixed(1).padStart(8)} ms   ${refName} ${ref === null ? "—" : ref.toFixed(1).padStart(8) + " ms"}${ratio}`;
}

// `tsnwb worker` and `tsnwb report --queue` as real child processes (the built CLI), each in its
// own process group so that a test can kill a worker with its analysis processes, as a machine
// that dies.
import { type ChildProcess, spawn } from "node:child_process";
import { bin, repoRoot } from "../../support/cli.js";

export interface Running {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when the output matches `pattern` (rejects after `timeoutMs`). */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  /** SIGKILL to the whole process group. */
  killGroup: () => void;
}

export function startTsnwb(args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    text += d.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => text,
    exit,
    waitFor: (pattern, timeoutMs = 120_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(text)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} within ${timeoutMs} ms in:\n${text}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    killGroup: () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    },
  };
}

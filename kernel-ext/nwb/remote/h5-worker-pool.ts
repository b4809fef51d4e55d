// h5wasm worker threads kept for reuse: starting one (loading h5wasm's 4 MB wasm module) costs far
// more than opening a remote file, so a closed file's worker waits, unreferenced, for the next
// open, and ends after a minute unused. `prewarmRemoteWorker()` starts one ahead of the first open.
import type { Worker } from "node:worker_threads";
import type { H5WorkerMessage } from "./h5-protocol.js";
import { startSiblingWorker } from "./worker-url.js";

const MAX_IDLE = 2;
const IDLE_MS = 60_000;

interface IdleWorker {
  worker: Worker;
  timer: NodeJS.Timeout;
}

const idle: IdleWorker[] = [];
let starting: Promise<Worker> | null = null;

function startWorker(): Promise<Worker> {
  const worker = startSiblingWorker("h5-worker", {});
  return new Promise<Worker>((resolve, reject) => {
    const onMessage = (message: H5WorkerMessage) => {
      if (message.type !== "idle") return;
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      resolve(worker);
    };
    const onError = (error: Error) => reject(error);
    const onExit = (code: number) =>
      reject(new Error(`the h5wasm worker exited (code ${code}) while starting`));
    worker.on("message", onMessage);
    worker.once("error", onError);
    worker.once("exit", onExit);
  });
}

function park(worker: Worker): void {
  worker.unref();
  const entry: IdleWorker = {
    worker,
    timer: setTimeout(() => {
      idle.splice(idle.indexOf(entry), 1);
      void worker.terminate();
    }, IDLE_MS),
  };
  entry.timer.unref();
  worker.once("exit", () => {
    const at = idle.indexOf(entry);
    if (at >= 0) {
      clearTimeout(entry.timer);
      idle.splice(at, 1);
    }
  });
  idle.push(entry);
}

/** A worker with h5wasm loaded and no file open. */
export async function acquireH5Worker(): Promise<Worker> {
  // A prewarm under way parks its worker before this continuation runs: take that one.
  if (idle.length === 0 && starting) await starting.catch(() => undefined);
  const entry = idle.pop();
  if (entry) {
    clearTimeout(entry.timer);
    entry.worker.removeAllListeners("exit");
    entry.worker.ref();
    return entry.worker;
  }
  const worker = await startWorker();
  worker.ref();
  return worker;
}

/** Returns a worker whose file is closed; beyond the idle limit it ends. */
export function releaseH5Worker(worker: Worker): void {
  worker.removeAllListeners("message");
  worker.removeAllListeners("error");
  worker.removeAllListeners("exit");
  if (idle.length >= MAX_IDLE) {
    void worker.terminate();
    return;
  }
  park(worker);
}

/**
 * Starts an h5wasm worker in the background so the first remote open does not wait for it
 * (a kernel calls this at startup). Resolves when it is ready.
 */
export async function prewarmRemoteWorker(): Promise<void> {
  if (idle.length > 0) return;
  starting ??= startWorker().finally(() => (starting = null));
  const worker = await starting;
  if (!idle.some((e) => e.worker === worker)) park(worker);
}

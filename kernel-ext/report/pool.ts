// A small worker pool: each worker takes the next job when it finishes one; a worker that dies
// (out of memory under its heap ceiling, a crash in native code) fails only its current job and
// is replaced.
import { Worker } from "node:worker_threads";

export interface PoolOptions {
  workers: number;
  /** Heap ceiling per worker (MB): a file that needs more fails alone. */
  maxMemoryMb?: number;
  execArgv?: string[];
}

export type JobOutcome<R> = { ok: true; result: R } | { ok: false; error: string };

export async function runPool<J extends { index: number }, R>(
  workerUrl: URL,
  jobs: J[],
  options: PoolOptions,
  onDone: (job: J, outcome: JobOutcome<R>) => void,
): Promise<JobOutcome<R>[]> {
  const outcomes: JobOutcome<R>[] = new Array(jobs.length);
  let next = 0;
  const startWorker = (): Promise<void> =>
    new Promise((resolve) => {
      if (next >= jobs.length) return resolve();
      const worker = new Worker(workerUrl, {
        execArgv: options.execArgv,
        resourceLimits: options.maxMemoryMb ? { maxOldGenerationSizeMb: options.maxMemoryMb } : undefined,
      });
      let current: J | undefined;
      const finish = (job: J, outcome: JobOutcome<R>) => {
        outcomes[jobs.indexOf(job)] = outcome;
        onDone(job, outcome);
      };
      const take = () => {
        if (next >= jobs.length) {
          current = undefined;
          void worker.terminate().then(() => resolve());
          return;
        }
        current = jobs[next++]!;
        worker.postMessage(current);
      };
      worker.on("message", (m: { index: number } & JobOutcome<R>) => {
        if (!current || m.index !== current.index) return;
        finish(current, m.ok ? { ok: true, result: m.result } : { ok: false, error: m.error });
        take();
      });
      worker.on("error", (err) => {
        if (current) finish(current, { ok: false, error: `worker failed: ${err.message}` });
        current = undefined;
        void worker.terminate();
        void startWorker().then(resolve); // a fresh worker for the remaining jobs
      });
      take();
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.workers, jobs.length)) }, startWorker));
  return outcomes;
}

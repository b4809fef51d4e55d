// `tsnwb worker --queue URL`: takes per-recording jobs from the queue, analyses each in one of its
// analysis processes, stores the encoded result in Redis under the job's result key, and returns
// a reference to it. Jobs whose worker stops answering (killed, machine gone) go back to the queue
// after the stall timeout and run elsewhere. The worker's resident memory (this process and its
// analysis processes, WebAssembly and buffers included) is watched: over --max-memory, the largest
// analysis process is ended, its job is given back to the queue, and a fresh process takes the
// next job.
import { hostname } from "node:os";
import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import { analysisVersion } from "./analysis-version.js";
import { AnalysisSlot } from "./analysis-slot.js";
import { checkRedis, ConnectionWatch, openConnection } from "./connect.js";
import type { ChildJobData, ChildJobResult } from "./job-data.js";
import { keys, PREFIX, RECORDINGS_QUEUE, RESULT_TTL_SECONDS } from "./names.js";
import type { QueueUrl } from "./redis-url.js";

export interface QueueWorkerOptions {
  url: QueueUrl;
  /** Recordings analysed at once, each in its own analysis process (default 1). */
  concurrency?: number;
  /** Resident memory limit of the whole worker in MB (default: none). */
  maxMemoryMb?: number;
  /** A job whose worker has not renewed its lock for this long is given to another worker (default 30 s). */
  stallTimeoutMs?: number;
  /** Times a job may be given back for memory before it fails (default 2). */
  memoryRequeues?: number;
  log: (line: string) => void;
  /** Resolves when the worker should stop; a second call of `stopNow` ends running jobs. */
  stopSignal: AbortSignal;
  stopNowSignal: AbortSignal;
}

const MB = 1024 * 1024;
const MEMORY_POLL_MS = 100;

export interface QueueWorkerSummary {
  jobs: number;
  failed: number;
  memoryRequeues: number;
  peakResidentBytes: number;
}

export async function runQueueWorker(options: QueueWorkerOptions): Promise<QueueWorkerSummary> {
  const { url, log } = options;
  await checkRedis(url);
  const concurrency = options.concurrency ?? 1;
  const version = analysisVersion();
  const name = `${hostname()}:${process.pid}`;
  const watch = new ConnectionWatch(url, log);
  const redis = openConnection(url, "tsnwb-worker", watch);
  const limitBytes = options.maxMemoryMb ? options.maxMemoryMb * MB : undefined;
  // The V8 heap of an analysis process may not grow past the whole budget either.
  const slots = Array.from({ length: concurrency }, () => new AnalysisSlot(options.maxMemoryMb));
  const summary: QueueWorkerSummary = {
    jobs: 0,
    failed: 0,
    memoryRequeues: 0,
    peakResidentBytes: 0,
  };

  const memoryTimer = setInterval(() => {
    const own = process.memoryUsage.rss();
    const per = slots.map((s) => s.residentBytes());
    const total = own + per.reduce((a, b) => a + b, 0);
    summary.peakResidentBytes = Math.max(summary.peakResidentBytes, total);
    if (limitBytes === undefined || total <= limitBytes) return;
    let worst = -1;
    for (let i = 0; i < slots.length; i++)
      if (slots[i]!.busy && (worst < 0 || per[i]! > per[worst]!)) worst = i;
    if (worst >= 0) slots[worst]!.stopForMemory(total);
  }, MEMORY_POLL_MS);

  const process_ = async (
    job: Job<ChildJobData, ChildJobResult>,
    token?: string,
  ): Promise<ChildJobResult> => {
    const d = job.data;
    if (d.analysisVersion !== version) {
      throw new UnrecoverableError(
        `${d.source}: worker ${name} runs analysis ${version}, the batch needs ${d.analysisVersion}; run the workers and the coordinator from the same tsnwb build`,
      );
    }
    if (job.attemptsStarted > 1) await redis.hincrby(keys.runStats(d.parentId), "retried", 1);
    if (await redis.exists(d.resultKey)) {
      await redis.expire(d.resultKey, RESULT_TTL_SECONDS);
      return { resultKey: d.resultKey, worker: name, reused: true };
    }
    const slot = slots.find((s) => !s.busy);
    if (!slot)
      throw new Error(`worker ${name}: no free analysis process (concurrency ${concurrency})`);
    await job.updateProgress({ worker: name, startedAt: Date.now() });
    const outcome = await slot.run(d.source);
    switch (outcome.kind) {
      case "done":
        await redis.set(d.resultKey, outcome.payload, "EX", RESULT_TTL_SECONDS);
        summary.jobs++;
        log(`done   ${d.source} (${(outcome.ms / 1000).toFixed(1)} s)`);
        return { resultKey: d.resultKey, worker: name, ms: Math.round(outcome.ms) };
      case "memory": {
        const requeues = (d.memoryRequeues ?? 0) + 1;
        const used = `${Math.round(outcome.residentBytes / MB)} MB resident, over --max-memory ${options.maxMemoryMb} MB`;
        summary.memoryRequeues++;
        if (requeues > (options.memoryRequeues ?? 2)) {
          throw new UnrecoverableError(
            `${d.source}: needs more memory than the worker's limit (${used}, ${requeues} times)`,
          );
        }
        log(`requeued ${d.source}: ${used}; its analysis process was ended and is restarted`);
        await redis.hincrby(keys.runStats(d.parentId), "memoryRequeued", 1);
        await job.updateData({ ...d, memoryRequeues: requeues });
        await job.moveToDelayed(Date.now() + 500, token);
        throw new DelayedError();
      }
      case "failed":
      case "crashed":
        throw new Error(outcome.error);
    }
  };

  const worker = new Worker<ChildJobData, ChildJobResult>(RECORDINGS_QUEUE, process_, {
    connection: openConnection(url, "tsnwb-worker-jobs", watch),
    prefix: PREFIX,
    concurrency,
    lockDuration: options.stallTimeoutMs ?? 30_000,
    stalledInterval: options.stallTimeoutMs ?? 30_000,
    maxStalledCount: 2,
  });
  worker.on("error", watch.onError);
  worker.on("failed", (job, error) => {
    if (!job || error instanceof DelayedError || error.name === "DelayedError") return;
    summary.failed++;
    const attempts = job.opts.attempts ?? 1;
    const final = job.attemptsMade >= attempts || error instanceof UnrecoverableError;
    log(
      `FAILED ${job.data.source} (attempt ${job.attemptsMade} of ${attempts}${final ? "" : "; retried"}): ${error.message}`,
    );
  });
  await worker.waitUntilReady();
  log(
    `worker ${name} on ${url.display}: concurrency ${concurrency}${options.maxMemoryMb ? `, max memory ${options.maxMemoryMb} MB` : ""}, analysis ${version}`,
  );

  await new Promise<void>((resolve) => {
    if (options.stopSignal.aborted) return resolve();
    options.stopSignal.addEventListener("abort", () => resolve(), { once: true });
  });
  const running = slots.filter((s) => s.busy).length;
  if (running)
    log(
      `stopping: finishing ${running} running job${running === 1 ? "" : "s"} (signal again to stop now; they then go to another worker)`,
    );
  const force = new Promise<void>((resolve) => {
    if (options.stopNowSignal.aborted) return resolve();
    options.stopNowSignal.addEventListener("abort", () => resolve(), { once: true });
  });
  await Promise.race([worker.close(), force.then(() => worker.close(true))]);
  clearInterval(memoryTimer);
  for (const s of slots) s.close();
  watch.disconnectAll();
  return summary;
}

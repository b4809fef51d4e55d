// `tsnwb report --queue URL`: the coordinator of a batch. It enqueues one child job per recording
// that has no stored result yet, under one parent ("merge") job in the batch's own queue; workers
// anywhere analyse the children; when every child has finished or failed for good, BullMQ releases
// the parent, which this process (the only one listening on that queue) runs: it writes the same
// outputs as the local run. A batch is the same inputs to the same output folder on the same host
// with the same analysis version; running it again starts a new run of it that reuses every stored
// result and supersedes the earlier run (its jobs not yet started are dropped).
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { resolve } from "node:path";
import { FlowProducer, Job, Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { ReportResult } from "../report/run-report.js";
import { analysisVersion } from "./analysis-version.js";
import { formatBatchLine } from "./batch-progress.js";
import { type BatchRecord, saveBatch } from "./batch-registry.js";
import { checkRedis, ConnectionWatch, openConnection } from "./connect.js";
import { inputIdentity, resultDigest } from "./identity.js";
import type { ChildJobData } from "./job-data.js";
import { mergeOutputs } from "./merge-outputs.js";
import {
  childJobId,
  keys,
  mergeQueueName,
  parentJobId,
  PREFIX,
  RECORDINGS_QUEUE,
  RESULT_TTL_SECONDS,
} from "./names.js";
import type { QueueUrl } from "./redis-url.js";
import { runSnapshot } from "./run-counts.js";

export interface QueuedReportOptions {
  out: string;
  url: QueueUrl;
  /** Attempts per recording before it is reported as failed (default 3). */
  attempts?: number;
  /** First retry delay in ms, doubled per attempt (default 2000). */
  retryDelayMs?: number;
  /** Lines to keep: start, per-file results, the end. */
  onLine: (line: string) => void;
  /** The batch's progress line, every second; `changed`: its counts differ from the last call's. */
  onStatus: (line: string, changed: boolean) => void;
  /** Aborting stops the batch: its jobs not yet started are removed, running ones finish. */
  signal?: AbortSignal;
}

export type QueuedReportResult =
  | (ReportResult & { stopped: false })
  | { stopped: true; batchId: string; done: number; total: number };

const OWNER_TTL_MS = 15_000;

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

export function batchIdOf(version: string, out: string, sources: string[]): string {
  return createHash("sha256")
    .update(JSON.stringify([version, resolve(out), hostname(), sources]))
    .digest("hex")
    .slice(0, 12);
}

async function claimBatch(
  redis: Redis,
  batchId: string,
  owner: string,
  url: QueueUrl,
  out: string,
): Promise<NodeJS.Timeout> {
  if (!(await redis.set(keys.batchOwner(batchId), owner, "PX", OWNER_TTL_MS, "NX"))) {
    const holder = await redis.get(keys.batchOwner(batchId));
    throw new Error(
      `batch ${batchId} (these inputs → ${out}) is already being coordinated by ${holder ?? "another process"}; see \`tsnwb report --queue ${url.display} --status\``,
    );
  }
  const beat = setInterval(
    () =>
      void redis.set(keys.batchOwner(batchId), owner, "PX", OWNER_TTL_MS).catch(() => undefined),
    OWNER_TTL_MS / 3,
  );
  beat.unref();
  return beat;
}

export async function runQueuedReport(
  sources: string[],
  options: QueuedReportOptions,
): Promise<QueuedReportResult> {
  if (sources.length === 0)
    throw new Error("report: no input files (expected one or more NWB paths or URLs)");
  const { url, onLine, onStatus } = options;
  await checkRedis(url);
  const watch = new ConnectionWatch(url, onLine);
  const redis = openConnection(url, "tsnwb-coordinator", watch);
  const closers: (() => Promise<unknown>)[] = [];
  const version = analysisVersion();
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const batchId = batchIdOf(version, out, sources);
  const owner = `${hostname()}:${process.pid}`;
  let beat: NodeJS.Timeout | undefined;
  try {
    beat = await claimBatch(redis, batchId, owner, url, out);
    const mergeQueue = new Queue(mergeQueueName(batchId), { connection: redis, prefix: PREFIX });
    const recordings = new Queue(RECORDINGS_QUEUE, { connection: redis, prefix: PREFIX });
    mergeQueue.on("error", watch.onError);
    recordings.on("error", watch.onError);
    closers.push(
      () => mergeQueue.close(),
      () => recordings.close(),
    );

    // A new run supersedes the earlier ones: what they have not started is dropped (their running
    // jobs finish and store their results, which this run then reuses or recomputes).
    const run = await redis.incr(keys.batchRuns(batchId));
    for (let r = 1; r < run; r++) {
      const old = await Job.fromId(mergeQueue, parentJobId(batchId, r));
      if (old && (await old.getState()) === "waiting-children")
        await old.removeUnprocessedChildren();
    }

    const t0 = performance.now();
    const identities = await mapLimit(sources, 8, (s) => inputIdentity(s, redis));
    const resultKeys = identities.map((id, i) =>
      id ? keys.result(resultDigest(id, version)) : keys.batchResult(batchId, i),
    );
    const stored = await Promise.all(resultKeys.map((k) => redis.exists(k)));
    const missing = sources.map((_, i) => i).filter((i) => !stored[i]);
    await Promise.all(
      resultKeys.filter((_, i) => stored[i]).map((k) => redis.expire(k, RESULT_TTL_SECONDS)),
    );

    const parentId = parentJobId(batchId, run);
    const record: BatchRecord = {
      id: batchId,
      run,
      parentId,
      out,
      host: hostname(),
      pid: process.pid,
      total: sources.length,
      reused: sources.length - missing.length,
      startedAt: new Date().toISOString(),
      state: "running",
    };
    await saveBatch(redis, record);
    onLine(
      `batch ${batchId} run ${run}: ${sources.length} file${sources.length === 1 ? "" : "s"}, ${record.reused} already analysed, ${missing.length} queued on ${url.display}`,
    );

    if (missing.length === 0) {
      const result = await mergeOutputs(redis, sources, resultKeys, new Map(), out);
      await saveBatch(redis, {
        ...record,
        state: "finished",
        finishedAt: new Date().toISOString(),
        failed: result.failed,
      });
      return { ...result, stopped: false };
    }

    // The merge: this process is the only one listening on the batch's merge queue.
    let merging = false;
    const failures = new Map<number, string>();
    let settleMerge!: { resolve: (r: ReportResult) => void; reject: (e: Error) => void };
    const merged = new Promise<ReportResult>(
      (resolve, reject) => (settleMerge = { resolve, reject }),
    );
    const mergeWorker = new Worker(
      mergeQueueName(batchId),
      async (job) => {
        if (job.id !== parentId) return { superseded: true }; // an earlier run's parent, released late
        merging = true;
        for (const [key, reason] of Object.entries(await job.getIgnoredChildrenFailures()))
          failures.set(Number(key.slice(key.lastIndexOf("-") + 1)), String(reason));
        const result = await mergeOutputs(redis, sources, resultKeys, failures, out);
        settleMerge.resolve(result);
        return { cells: result.report.cells.length, failed: result.failed };
      },
      {
        connection: openConnection(url, "tsnwb-merge", watch),
        prefix: PREFIX,
        concurrency: 1,
        lockDuration: 120_000,
      },
    );
    mergeWorker.on("error", watch.onError);
    mergeWorker.on("failed", (job, error) => {
      if (job?.id === parentId)
        settleMerge.reject(new Error(`writing the report failed: ${error.message}`));
    });
    closers.unshift(() => mergeWorker.close());

    const flow = new FlowProducer({ connection: redis, prefix: PREFIX });
    flow.on("error", watch.onError);
    closers.push(() => flow.close());
    await flow.add({
      name: "merge",
      queueName: mergeQueueName(batchId),
      data: { batchId, run },
      opts: { jobId: parentId, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } },
      children: missing.map((i) => ({
        name: "analyse",
        queueName: RECORDINGS_QUEUE,
        data: {
          batchId,
          parentId,
          index: i,
          source: sources[i]!,
          resultKey: resultKeys[i]!,
          analysisVersion: version,
        } satisfies ChildJobData,
        opts: {
          jobId: childJobId(parentId, i),
          attempts: options.attempts ?? 3,
          backoff: { type: "exponential", delay: options.retryDelayMs ?? 2000 },
          ignoreDependencyOnFailure: true,
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    });

    // Progress: polled (not from events), so a Redis restart or a resumed run loses nothing.
    const seen = new Set<number>();
    let lastCounts = "";
    let finished = 0;
    const tick = async () => {
      const snap = await runSnapshot(redis, mergeQueue, recordings, record);
      if (!snap.parentExists || merging) return; // merging: the end line follows
      for (const [i, value] of snap.processed) {
        if (seen.has(i)) continue;
        seen.add(i);
        const v = value as { worker?: string; ms?: number };
        onLine(
          `[${record.reused + ++finished}/${sources.length}] done   ${sources[i]}${v.worker ? ` (${v.worker}${v.ms ? `, ${(v.ms / 1000).toFixed(1)} s` : ""})` : ""}`,
        );
      }
      for (const [i, reason] of snap.failed) {
        if (seen.has(i)) continue;
        seen.add(i);
        onLine(`[${record.reused + ++finished}/${sources.length}] FAILED ${sources[i]}: ${reason}`);
      }
      const counts = JSON.stringify(snap.counts);
      onStatus(formatBatchLine(snap.counts, performance.now() - t0), counts !== lastCounts);
      lastCounts = counts;
    };
    let ticking = Promise.resolve();
    const timer = setInterval(() => {
      ticking = ticking.then(tick).catch(() => undefined); // a lost connection: the watch says so
    }, 1000);
    try {
      const stop = new Promise<"stopped">((resolve) => {
        if (options.signal?.aborted) resolve("stopped");
        options.signal?.addEventListener("abort", () => resolve("stopped"), { once: true });
      });
      const outcome = await Promise.race([merged, stop]);
      clearInterval(timer);
      await ticking;
      if (outcome === "stopped") {
        const parent = await Job.fromId(mergeQueue, parentId);
        if (parent && (await parent.getState()) === "waiting-children")
          await parent.removeUnprocessedChildren();
        const snap = await runSnapshot(redis, mergeQueue, recordings, record);
        await saveBatch(redis, { ...record, state: "stopped" });
        return {
          stopped: true,
          batchId,
          done: snap.counts.reused + snap.counts.done,
          total: sources.length,
        };
      }
      // The files that finished after the last tick, and the batch's final counts.
      for (const i of missing) {
        if (seen.has(i)) continue;
        const reason = failures.get(i);
        onLine(
          `[${record.reused + ++finished}/${sources.length}] ${reason === undefined ? `done   ${sources[i]}` : `FAILED ${sources[i]}: ${reason}`}`,
        );
      }
      const retried = Number((await redis.hget(keys.runStats(parentId), "retried")) ?? 0);
      const counts = {
        total: sources.length,
        reused: record.reused,
        done: missing.length - failures.size,
        running: 0,
        failed: failures.size,
        retried,
      };
      onStatus(formatBatchLine(counts, performance.now() - t0), true);
      await saveBatch(redis, {
        ...record,
        state: "finished",
        finishedAt: new Date().toISOString(),
        failed: outcome.failed,
      });
      return { ...outcome, stopped: false };
    } finally {
      clearInterval(timer);
    }
  } finally {
    if (beat) {
      clearInterval(beat);
      await redis.del(keys.batchOwner(batchId)).catch(() => undefined);
    }
    for (const close of closers) await close().catch(() => undefined);
    watch.disconnectAll();
  }
}

// Live state of one run of a batch, read from its parent job's dependencies (BullMQ keeps them in
// Redis, so any process can read them: the coordinator, and `--status` in another shell).
import { Job, type Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { BatchCounts } from "./batch-progress.js";
import type { BatchRecord } from "./batch-registry.js";
import { keys } from "./names.js";

export interface RunSnapshot {
  counts: BatchCounts;
  /** Finished children of the run: index → the job's return value. */
  processed: Map<number, unknown>;
  /** Children that failed every attempt: index → the last error. */
  failed: Map<number, string>;
  /** Whether the run's parent job still exists (it is removed once merged). */
  parentExists: boolean;
}

/** The recording index of a child job key (`…:<parentId>-<index>`). */
const indexOfKey = (jobKey: string) => Number(jobKey.slice(jobKey.lastIndexOf("-") + 1));

export async function runSnapshot(
  redis: Redis,
  mergeQueue: Queue,
  recordings: Queue,
  record: BatchRecord,
): Promise<RunSnapshot> {
  const counts: BatchCounts = {
    total: record.total,
    reused: record.reused,
    done: 0,
    running: 0,
    failed: 0,
    retried: 0,
  };
  const processed = new Map<number, unknown>();
  const failed = new Map<number, string>();
  const parent = await Job.fromId(mergeQueue, record.parentId);
  if (!parent) {
    if (record.state === "finished") {
      counts.failed = record.failed ?? 0;
      counts.done = record.total - record.reused - counts.failed;
    }
    return { counts, processed, failed, parentExists: false };
  }
  const deps = await parent.getDependencies();
  for (const [key, value] of Object.entries(deps.processed ?? {}))
    processed.set(indexOfKey(key), value);
  for (const [key, reason] of Object.entries((deps.ignored ?? {}) as Record<string, string>))
    failed.set(indexOfKey(key), reason);
  counts.done = processed.size;
  counts.failed = failed.size;
  const active = await recordings.getActive();
  counts.running = active.filter((j) => j.id?.startsWith(`${record.parentId}-`)).length;
  counts.retried = Number((await redis.hget(keys.runStats(record.parentId), "retried")) ?? 0);
  return { counts, processed, failed, parentExists: true };
}

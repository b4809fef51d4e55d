// `tsnwb report --queue URL --status`: every batch Redis knows of, newest first, with its live
// progress (running batches) or its outcome, and whether its coordinator is still there.
import { Queue } from "bullmq";
import { formatBatchLine } from "./batch-progress.js";
import { loadBatches } from "./batch-registry.js";
import { checkRedis, ConnectionWatch, openConnection } from "./connect.js";
import { keys, mergeQueueName, PREFIX, RECORDINGS_QUEUE } from "./names.js";
import type { QueueUrl } from "./redis-url.js";
import { runSnapshot } from "./run-counts.js";

export async function batchStatusLines(url: QueueUrl, limit = 20): Promise<string[]> {
  await checkRedis(url);
  const lines: string[] = [];
  const watch = new ConnectionWatch(url, (line) => lines.push(line));
  const redis = openConnection(url, "tsnwb-status", watch);
  const recordings = new Queue(RECORDINGS_QUEUE, { connection: redis, prefix: PREFIX });
  try {
    const batches = (await loadBatches(redis)).slice(0, limit);
    const counts = await recordings.getJobCounts("waiting", "active", "delayed", "prioritized");
    lines.push(
      `queue ${url.display}: ${counts.active ?? 0} jobs running, ${(counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0)} waiting; ${batches.length} batch${batches.length === 1 ? "" : "es"}`,
    );
    for (const b of batches) {
      const mergeQueue = new Queue(mergeQueueName(b.id), { connection: redis, prefix: PREFIX });
      try {
        const snap = await runSnapshot(redis, mergeQueue, recordings, b);
        const owner = await redis.get(keys.batchOwner(b.id));
        const state =
          b.state === "running" && !owner
            ? "coordinator gone (run the same command again to resume)"
            : b.state;
        const elapsed =
          (b.finishedAt ? Date.parse(b.finishedAt) : Date.now()) - Date.parse(b.startedAt);
        lines.push(
          `batch ${b.id} run ${b.run} → ${b.out} (${b.host}, started ${b.startedAt}): ${state}${owner ? ` [${owner}]` : ""}`,
        );
        lines.push(`  ${formatBatchLine(snap.counts, elapsed)}`);
      } finally {
        await mergeQueue.close();
      }
    }
  } finally {
    await recordings.close();
    watch.disconnectAll();
  }
  return lines;
}

// Where the queue keeps things in Redis. Everything is under one prefix, so a Redis shared with
// other applications is not touched outside it; batches are kept apart by their id.
export const PREFIX = "tsnwb";
/** The queue of per-recording jobs, shared by every batch: workers listen here. */
export const RECORDINGS_QUEUE = "recordings";
/** Each batch's parent ("merge") jobs live in the batch's own queue, which only its coordinator processes. */
export const mergeQueueName = (batchId: string) => `merge-${batchId}`;
/** The parent job of a batch's n-th run; its children are `${parentJobId}-${index}`. */
export const parentJobId = (batchId: string, run: number) => `${batchId}-r${run}`;
export const childJobId = (parentId: string, index: number) => `${parentId}-${index}`;

export const keys = {
  /** Per-recording results, by input identity and analysis version (see identity.ts). */
  result: (digest: string) => `${PREFIX}:result:${digest}`,
  /** A result of an input without identity (no content hash, no ETag): kept per batch. */
  batchResult: (batchId: string, index: number) => `${PREFIX}:result:batch:${batchId}:${index}`,
  /** Content hashes of local files by path, size, mtime and inode. */
  fileHash: `${PREFIX}:file-hash`,
  /** Every batch's description and state (hash: batch id → JSON). */
  batches: `${PREFIX}:batches`,
  batchRuns: (batchId: string) => `${PREFIX}:batch:${batchId}:runs`,
  batchOwner: (batchId: string) => `${PREFIX}:batch:${batchId}:owner`,
  /** Counters of a run (hash: retried, memoryRequeued). */
  runStats: (parentId: string) => `${PREFIX}:run:${parentId}:stats`,
};

/** How long finished results are kept for reuse (refreshed when reused). */
export const RESULT_TTL_SECONDS = 30 * 24 * 3600;

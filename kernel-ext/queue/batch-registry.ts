// What Redis remembers of each batch for `tsnwb report --queue URL --status` and for resuming:
// its inputs count, output folder, coordinator, current run and state.
import type { Redis } from "ioredis";
import { keys } from "./names.js";

export interface BatchRecord {
  id: string;
  run: number;
  parentId: string;
  out: string;
  host: string;
  pid: number;
  total: number;
  reused: number;
  startedAt: string;
  state: "running" | "stopped" | "finished";
  finishedAt?: string;
  failed?: number;
}

export async function saveBatch(redis: Redis, record: BatchRecord): Promise<void> {
  await redis.hset(keys.batches, record.id, JSON.stringify(record));
}

export async function loadBatches(redis: Redis): Promise<BatchRecord[]> {
  const all = await redis.hgetall(keys.batches);
  return Object.values(all)
    .map((text) => JSON.parse(text) as BatchRecord)
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
}

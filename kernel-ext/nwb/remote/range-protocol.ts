// Messages between the thread that blocks on a range (h5wasm's) and the range-fetch worker.
import type { MessagePort } from "node:worker_threads";
import type { WireError } from "./errors.js";
import type { RemoteIdentity } from "./http-range.js";
import type { ResolvedRemoteOptions } from "./options.js";

export interface RangeWorkerData {
  /** Int32Array[1] over this buffer: a counter the fetch worker increments after each answer. */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

export interface RangeRequest {
  id: number;
  url: string;
  options: ResolvedRemoteOptions;
  start: number;
  end: number;
  expected: RemoteIdentity | null;
}

/** Answered once the worker's HTTP client is loaded: lets a pool start it ahead of the first read. */
export interface RangePing {
  id: number;
  ping: true;
}

export type RangeAnswer =
  | {
      id: number;
      ok: true;
      bytes: ArrayBuffer;
      identity: RemoteIdentity;
      attempts: number;
      ms: number;
    }
  | { id: number; ok: false; error: WireError; attempts: number; ms: number }
  | { id: number; ok: "pong" };

// Messages between the caller's thread and an h5wasm worker. A worker serves one remote file at a
// time and returns to a pool when it is closed, so h5wasm loads once per worker, not once per file.
import type { H5FileMeta } from "../h5/source.js";
import type { WireError } from "./errors.js";
import type { RemoteIdentity } from "./http-range.js";
import type { ResolvedRemoteOptions } from "./options.js";
import type { RemoteProgress } from "./progress.js";

export type H5WorkerRequest =
  | { type: "open"; url: string; options: ResolvedRemoteOptions }
  | { type: "call"; id: number; op: string; args: unknown[] }
  | { type: "close" };

export type H5WorkerMessage =
  | { type: "idle" }
  | { type: "ready"; identity: RemoteIdentity; meta: H5FileMeta; progress: RemoteProgress }
  | { type: "failed"; error: WireError }
  | { type: "result"; id: number; value: unknown; progress: RemoteProgress }
  | { type: "error"; id: number; error: WireError; progress: RemoteProgress }
  | { type: "progress"; progress: RemoteProgress }
  | { type: "closed" };

// Messages between the caller's thread and the h5wasm worker of one remote file.
import type { H5FileMeta } from "../h5/source.js";
import type { WireError } from "./errors.js";
import type { RemoteIdentity } from "./http-range.js";
import type { ResolvedRemoteOptions } from "./options.js";
import type { RemoteProgress } from "./progress.js";

export interface H5WorkerData {
  url: string;
  options: ResolvedRemoteOptions;
}

export type H5WorkerRequest = { type: "call"; id: number; op: string; args: unknown[] } | { type: "close" };

export type H5WorkerMessage =
  | { type: "ready"; identity: RemoteIdentity; meta: H5FileMeta; progress: RemoteProgress }
  | { type: "failed"; error: WireError }
  | { type: "result"; id: number; value: unknown; progress: RemoteProgress }
  | { type: "error"; id: number; error: WireError; progress: RemoteProgress }
  | { type: "progress"; progress: RemoteProgress }
  | { type: "closed" };

// Comms for notebook code: open one to the front end, or accept the ones it opens on a target.
import { kernelBridge, type BridgeCommTarget } from "./bridge.js";
import type { CommLike } from "./comm/comm.js";

function requireKernel(what: string) {
  const bridge = kernelBridge();
  if (!bridge)
    throw new Error(`${what} needs the tsnwb Jupyter kernel; this process is not running one`);
  return bridge;
}

/** Opens a comm on `targetName` in the front end (which must have registered that target). */
export function openComm(
  targetName: string,
  data: unknown = {},
  options: { metadata?: Record<string, unknown>; buffers?: ArrayBufferView[] } = {},
): CommLike {
  return requireKernel("openComm").openComm(
    targetName,
    data,
    options.metadata ?? {},
    options.buffers ?? [],
  );
}

/** Handles comms the front end opens on `targetName`; returns a function that unregisters the target. */
export function registerCommTarget(targetName: string, target: BridgeCommTarget): () => void {
  return requireKernel("registerCommTarget").registerCommTarget(targetName, target);
}

export type { CommLike as Comm, BridgeCommTarget as CommTarget };

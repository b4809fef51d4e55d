// The live kernel, reachable from any code running in the kernel process. Cells run with
// vm.runInThisContext and share globalThis with the kernel, but a cell may load a different copy of
// tsnwb (another install, a dev checkout) whose module-level state is separate. So the kernel
// publishes this small, versioned interface under a registered symbol, and widgets, display() and
// comms of every copy go through it. Keep it backward compatible: add members, never change them.
import type { MimeBundle } from "../display/mimebundle.js";
import type { CommLike } from "./comm/comm.js";

export const KERNEL_BRIDGE_KEY: unique symbol = Symbol.for("tsnwb.kernel") as never;

export type BridgeCommTarget = (comm: CommLike, data: any, buffers: Uint8Array[]) => unknown;

export interface KernelBridge {
  readonly bridgeVersion: 1;
  /** Opens a comm from the kernel (comm_open on IOPub, parented to the current request). */
  openComm(
    targetName: string,
    data?: unknown,
    metadata?: Record<string, unknown>,
    buffers?: ArrayBufferView[],
    commId?: string,
  ): CommLike;
  /** Lets the front end open comms on `name`; returns a function that unregisters it. */
  registerCommTarget(name: string, target: BridgeCommTarget): () => void;
  /** display_data (or update_display_data) for the current request. */
  displayBundle(
    bundle: MimeBundle,
    options?: { metadata?: Record<string, unknown>; displayId?: string; update?: boolean },
  ): void;
  clearOutput(wait: boolean): void;
}

export function kernelBridge(): KernelBridge | undefined {
  return (globalThis as Record<symbol, unknown>)[KERNEL_BRIDGE_KEY] as KernelBridge | undefined;
}

export function installKernelBridge(bridge: KernelBridge): void {
  (globalThis as Record<symbol, unknown>)[KERNEL_BRIDGE_KEY] = bridge;
}

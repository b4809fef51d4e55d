// Progress of long remote reads, shown in the running cell when the code runs inside the tsnwb
// kernel and the caller passed no onProgress: one display per read activity (an open, or a run of
// reads with no idle moment between them — openNWB's open and its small-dataset reads are one),
// updated in place at most 4 times a second and finalised when the activity ends. Quick activities
// (under showAfterMs) show nothing. The kernel is found through the bridge it publishes on
// globalThis, never imported: the nwb layer runs in report workers and plain scripts too.
import { AsyncResource } from "node:async_hooks";
import { formatProgress, type RemoteProgress } from "./progress.js";

/** The part of the kernel bridge (kernel-ext/kernel/bridge.ts, version 1) used here. */
interface DisplayBridge {
  bridgeVersion: number;
  displayBundle(
    bundle: Record<string, unknown>,
    options?: { displayId?: string; update?: boolean },
  ): void;
}

const KERNEL_BRIDGE_KEY = Symbol.for("tsnwb.kernel");
const MIN_UPDATE_MS = 250;
const SHOW_AFTER_MS = 300;

function liveKernel(): DisplayBridge | undefined {
  const bridge = (globalThis as Record<symbol, unknown>)[KERNEL_BRIDGE_KEY] as
    DisplayBridge | undefined;
  return bridge && bridge.bridgeVersion >= 1 && typeof bridge.displayBundle === "function"
    ? bridge
    : undefined;
}

/** Network use between two snapshots of the same file's totals. */
export function progressSince(start: RemoteProgress, now: RemoteProgress): RemoteProgress {
  const bytesFetched = now.bytesFetched - start.bytesFetched;
  const networkMs = now.networkMs - start.networkMs;
  return {
    url: now.url,
    bytesFetched,
    requests: now.requests - start.requests,
    blocksFetched: now.blocksFetched - start.blocksFetched,
    diskCacheHits: now.diskCacheHits - start.diskCacheHits,
    memoryCacheHits: now.memoryCacheHits - start.memoryCacheHits,
    networkMs,
    bytesPerSecond: networkMs > 0 ? (bytesFetched * 1000) / networkMs : 0,
  };
}

let displays = 0;

export class KernelReadProgress {
  private active = false;
  private start: RemoteProgress | undefined;
  private latest: RemoteProgress | undefined;
  private startedAt = 0;
  private displayId: string | undefined;
  private lastUpdateAt = 0;
  private trailing: ReturnType<typeof setTimeout> | undefined;
  /** Output goes to the cell (request) that started the activity, whatever thread event triggers it. */
  private scope: AsyncResource | undefined;
  /** A finished activity a new one started in the same turn of the event loop continues. */
  private continuable: ReturnType<typeof setImmediate> | undefined;

  private constructor(
    private readonly bridge: DisplayBridge,
    private readonly url: string,
    private readonly showAfterMs: number,
  ) {}

  /** A progress display for `url` when running inside the tsnwb kernel; undefined elsewhere. */
  static forKernel(
    url: string,
    options: { showAfterMs?: number } = {},
  ): KernelReadProgress | undefined {
    const bridge = liveKernel();
    return bridge
      ? new KernelReadProgress(bridge, url, options.showAfterMs ?? SHOW_AFTER_MS)
      : undefined;
  }

  /** A read activity starts; `totals` are the file's network totals so far. */
  begin(totals: RemoteProgress): void {
    if (this.active) return;
    this.active = true;
    if (this.continuable) {
      clearImmediate(this.continuable);
      this.continuable = undefined;
      return;
    }
    this.start = this.latest = totals;
    this.startedAt = performance.now();
    this.displayId = undefined;
    this.scope = new AsyncResource("tsnwb.remoteReadProgress");
  }

  progress(totals: RemoteProgress): void {
    this.latest = totals;
    if (!this.active || !this.start) return;
    const now = performance.now();
    if (this.displayId === undefined) {
      if (now - this.startedAt < this.showAfterMs || totals.requests === this.start.requests)
        return;
      this.displayId = `tsnwb-remote-progress-${process.pid}-${++displays}-${Date.now()}`;
      this.show(false, false);
    } else if (now - this.lastUpdateAt >= MIN_UPDATE_MS) {
      this.show(true, false);
    } else {
      this.trailing ??= setTimeout(
        () => {
          this.trailing = undefined;
          if (this.active) this.show(true, false);
        },
        MIN_UPDATE_MS - (now - this.lastUpdateAt),
      );
      this.trailing.unref?.();
    }
  }

  /** The activity ended: the display (if any) shows the final totals now, before the caller continues. */
  end(totals: RemoteProgress | undefined): void {
    if (!this.active) return;
    this.active = false;
    if (totals) this.latest = totals;
    if (this.trailing) clearTimeout(this.trailing);
    this.trailing = undefined;
    if (this.displayId !== undefined) this.show(true, true);
    this.continuable = setImmediate(() => {
      this.continuable = undefined;
      this.scope = undefined;
    });
    this.continuable.unref?.();
  }

  private show(update: boolean, final: boolean): void {
    const delta = progressSince(this.start!, this.latest!);
    const secs = ((performance.now() - this.startedAt) / 1000).toFixed(1);
    const text = final
      ? `read ${this.url}: ${formatProgress(delta)} in ${secs} s`
      : `reading ${this.url}: ${formatProgress(delta)} …`;
    this.lastUpdateAt = performance.now();
    const send = () =>
      this.bridge.displayBundle({ "text/plain": text }, { displayId: this.displayId, update });
    try {
      if (this.scope) this.scope.runInAsyncScope(send);
      else send();
    } catch {
      // A progress line must never break the read it reports on.
    }
  }
}

// The deadline of a remote file's h5wasm worker. HDF5 can loop forever on a corrupt file; in the
// worker no V8 watchdog can tell such a loop from a read that waits on the network, so the
// caller's thread watches instead: while calls are pending, every message from the worker (one
// after each network request) restarts the clock, and a worker silent for longer than any request
// may take with its retries is taken to loop — it is ended and the calls fail.
import type { ResolvedRemoteOptions } from "./options.js";

/** Silence allowed by default: every attempt of a request at its timeout, plus the longest backoff, and at least 10 s. */
export function defaultStallMs(options: ResolvedRemoteOptions): number {
  return Math.max(10_000, (options.retries + 1) * (options.timeoutMs + 10_000));
}

export class StallWatch {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly ms: number,
    private readonly onStall: () => void,
  ) {}

  /** (Re)starts the clock: a call began, or the worker was heard from. */
  touch(): void {
    this.stop();
    this.timer = setTimeout(this.onStall, this.ms);
    // The pending call keeps the process alive (its worker is referenced), not this timer.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

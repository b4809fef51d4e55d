// The remote backend of `H5Source`: the metadata tree arrives once at open, and every dataset read
// is a message to the file's h5wasm worker, so this thread never blocks on the network (it keeps
// serving widget messages and interrupts while blocks are in flight). The worker keeps the process
// alive only while calls are pending.
import type { Worker } from "node:worker_threads";
import type { H5FileMeta, H5ReadResult, H5Selection, H5Source } from "../h5/source.js";
import { fromWireError, RemoteFileClosedError } from "./errors.js";
import type { H5WorkerMessage, H5WorkerRequest } from "./h5-protocol.js";
import type { RemoteIdentity } from "./http-range.js";
import { resolveRemoteOptions, type RemoteOptions } from "./options.js";
import { emptyProgress, type RemoteProgress } from "./progress.js";
import { acquireH5Worker, releaseH5Worker } from "./h5-worker-pool.js";
import { KernelReadProgress } from "./kernel-progress.js";
import { defaultStallMs, StallWatch } from "./stall-watch.js";
import { NWBError } from "../errors.js";

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** The HDF5 path the call reads (named when HDF5 stalls on it). */
  path: string;
}

/** The error of a worker silent past the deadline: HDF5 looping on a corrupt file. */
function stalled(url: string, path: string, ms: number): NWBError {
  return new NWBError(
    url,
    path,
    `corrupt HDF5 metadata: HDF5 did not finish reading it within ${(ms / 1000).toFixed(1)} s without waiting on the network (a loop in the file's structure)`,
    { fileUnusable: true },
  );
}

export interface CallOptions {
  /** Abandons the wait (the worker finishes the read in the background and its result is dropped). */
  signal?: AbortSignal;
}

export class RemoteH5Source implements H5Source {
  private readonly pending = new Map<number, Pending>();
  private sequence = 0;
  private latest: RemoteProgress;
  private closed: Promise<void> | null = null;
  private failure: Error | null = null;
  private closing: (() => void) | null = null;
  private readonly watch: StallWatch;

  private constructor(
    readonly url: string,
    readonly identity: RemoteIdentity,
    readonly meta: H5FileMeta,
    private readonly worker: Worker,
    progress: RemoteProgress,
    private readonly onProgress: ((progress: RemoteProgress) => void) | undefined,
    private readonly shown: KernelReadProgress | undefined,
    stallMs: number,
  ) {
    this.latest = progress;
    this.watch = new StallWatch(stallMs, () => {
      const oldest = this.pending.values().next().value;
      this.fail(stalled(this.url, oldest?.path ?? "", stallMs));
      void this.worker.terminate();
    });
    worker.on("message", (message: H5WorkerMessage) => {
      if (this.pending.size > 0) this.watch.touch();
      this.receive(message);
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", () =>
      this.fail(new RemoteFileClosedError(`${this.url}: the h5wasm worker ended`, this.url)),
    );
    worker.unref();
  }

  /** Opens `url` lazily: one Range request for the first block, then only what is read. */
  static async open(url: string, options: RemoteOptions = {}): Promise<RemoteH5Source> {
    const resolved = resolveRemoteOptions(options);
    const stallMs = options.hdf5DeadlineMs ?? defaultStallMs(resolved);
    // Inside the kernel, a caller with no onProgress of its own sees long reads as a progress line.
    const shown = options.onProgress ? undefined : KernelReadProgress.forKernel(url);
    shown?.begin(emptyProgress(url));
    const worker = await acquireH5Worker();
    return new Promise<RemoteH5Source>((resolve, reject) => {
      // The open reads the whole metadata tree: HDF5 looping on it is ended like a looping read.
      const watch = new StallWatch(stallMs, () => {
        detach();
        void worker.terminate();
        reject(stalled(url, "", stallMs));
      });
      const detach = () => {
        watch.stop();
        shown?.end(undefined);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      const onMessage = (message: H5WorkerMessage) => {
        watch.touch();
        if (message.type === "progress") {
          options.onProgress?.(message.progress);
          shown?.progress(message.progress);
        } else if (message.type === "ready") {
          shown?.progress(message.progress);
          detach();
          options.onProgress?.(message.progress);
          resolve(
            new RemoteH5Source(
              url,
              message.identity,
              message.meta,
              worker,
              message.progress,
              options.onProgress,
              shown,
              stallMs,
            ),
          );
        } else if (message.type === "failed") {
          detach();
          releaseH5Worker(worker); // the worker cleaned up and can open another file
          reject(fromWireError(message.error));
        }
      };
      const onError = (error: Error) => {
        detach();
        void worker.terminate();
        reject(error);
      };
      const onExit = (code: number) => {
        detach();
        reject(new Error(`${url}: the h5wasm worker exited (code ${code}) while opening`));
      };
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      watch.touch();
      worker.postMessage({ type: "open", url, options: resolved } satisfies H5WorkerRequest);
    });
  }

  get size(): number {
    return this.identity.size;
  }

  /** Network totals so far (bytes, requests, blocks, rate). */
  get progress(): RemoteProgress {
    return { ...this.latest };
  }

  /** Runs a named operation of the h5wasm worker. */
  call<T>(op: string, args: unknown[] = [], options: CallOptions = {}): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed)
      return Promise.reject(
        new RemoteFileClosedError(`${this.url}: the remote file is closed`, this.url),
      );
    const id = ++this.sequence;
    const request: H5WorkerRequest = { type: "call", id, op, args };
    return new Promise<T>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
        return;
      }
      const onAbort = () => {
        this.settle(id);
        reject(signal!.reason instanceof Error ? signal!.reason : new Error("aborted"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(id, {
        path: typeof args[0] === "string" ? args[0] : "",
        resolve: (value) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(value as T);
        },
        reject: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      });
      if (this.pending.size === 1) {
        this.shown?.begin(this.latest);
        this.watch.touch();
      }
      this.worker.ref();
      this.worker.postMessage(request);
    });
  }

  /** Reads (part of) the dataset at `path`, fetching only the blocks it lies in. */
  readDataset(path: string, selection?: H5Selection, options?: CallOptions): Promise<H5ReadResult> {
    return this.call("readDataset", selection ? [path, selection] : [path], options);
  }

  /** Closes the file; pending calls fail with RemoteFileClosedError. The worker is kept for reuse. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = new Promise<void>((resolve) => {
        if (this.failure) return resolve();
        this.worker.ref();
        // A worker stuck in a long read is ended rather than waited for.
        const stuck = setTimeout(() => void this.worker.terminate(), 2_000);
        this.worker.once("exit", () => {
          clearTimeout(stuck);
          resolve();
        });
        this.closing = () => {
          clearTimeout(stuck);
          this.fail(new RemoteFileClosedError(`${this.url}: the remote file is closed`, this.url));
          releaseH5Worker(this.worker);
          resolve();
        };
        this.worker.postMessage({ type: "close" } satisfies H5WorkerRequest);
      });
    }
    return this.closed;
  }

  private settle(id: number): Pending | undefined {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) {
      this.watch.stop();
      this.worker.unref();
      this.shown?.end(this.latest);
    }
    return entry;
  }

  private receive(message: H5WorkerMessage): void {
    if (message.type === "progress") {
      this.latest = message.progress;
      this.onProgress?.(message.progress);
      this.shown?.progress(message.progress);
    } else if (message.type === "result") {
      this.latest = message.progress;
      this.settle(message.id)?.resolve(message.value);
    } else if (message.type === "error") {
      this.latest = message.progress;
      this.settle(message.id)?.reject(fromWireError(message.error));
    } else if (message.type === "closed") {
      this.closing?.();
    }
  }

  private fail(error: Error): void {
    this.watch.stop();
    this.failure ??= error;
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      entry.reject(error);
    }
    this.shown?.end(this.latest);
    this.worker.unref();
  }
}

// The blocking side of the link to the range-fetch worker: posts a request and waits on a shared
// counter (Atomics.wait) until the worker has posted the answer, which it then takes off the port
// without returning to the event loop. One channel serves every file its thread opens in turn.
import {
  MessageChannel,
  receiveMessageOnPort,
  type MessagePort,
  type Worker,
} from "node:worker_threads";
import { RemoteTimeoutError } from "./errors.js";
import type { RemoteIdentity } from "./http-range.js";
import type { ResolvedRemoteOptions } from "./options.js";
import type { RangeAnswer, RangePing, RangeRequest, RangeWorkerData } from "./range-protocol.js";
import { startSiblingWorker } from "./worker-url.js";

export class RangeChannel {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly counter: Int32Array;
  private sequence = 0;

  constructor() {
    const signal = new SharedArrayBuffer(4);
    this.counter = new Int32Array(signal);
    const channel = new MessageChannel();
    this.port = channel.port1;
    const workerData: RangeWorkerData = { signal, port: channel.port2 };
    this.worker = startSiblingWorker("range-fetch-worker", {
      workerData,
      transferList: [channel.port2],
    });
    this.worker.unref();
  }

  /** Blocks until the fetch worker has started and loaded its HTTP client (at most `limitMs`). */
  ready(limitMs = 30_000): void {
    const id = ++this.sequence;
    this.exchange(
      { id, ping: true } satisfies RangePing,
      id,
      limitMs,
      () => new Error(`the range-fetch worker did not start within ${limitMs} ms`),
    );
  }

  /** GET bytes [start, end) of `url`, blocking this thread until the answer (or the safety limit). */
  request(
    url: string,
    options: ResolvedRemoteOptions,
    start: number,
    end: number,
    expected: RemoteIdentity | null,
  ): RangeAnswer {
    const id = ++this.sequence;
    const message: RangeRequest = { id, url, options, start, end, expected };
    const { timeoutMs, retries, retryDelayMs } = options;
    // The fetch worker enforces per-attempt timeouts; this bound only guards against a lost worker.
    const limitMs =
      (retries + 1) * (timeoutMs + Math.min(30_000, retryDelayMs * 2 ** retries)) + 5_000;
    return this.exchange(
      message,
      id,
      limitMs,
      () =>
        new RemoteTimeoutError(
          `${url}: no answer for bytes ${start}–${end - 1} within ${Math.round(limitMs)} ms`,
          url,
        ),
    );
  }

  private exchange(
    message: RangeRequest | RangePing,
    id: number,
    limitMs: number,
    timeout: () => Error,
  ): RangeAnswer {
    const seen = Atomics.load(this.counter, 0);
    this.port.postMessage(message);
    const deadline = performance.now() + limitMs;
    let observed = seen;
    for (;;) {
      const received = receiveMessageOnPort(this.port);
      if (received) {
        const answer = received.message as RangeAnswer;
        if (answer.id === id) return answer;
        continue; // the answer to an earlier request given up on here
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw timeout();
      // Returns at once if the counter moved since `observed`, so no notification is missed.
      Atomics.wait(this.counter, 0, observed, remaining);
      observed = Atomics.load(this.counter, 0);
    }
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

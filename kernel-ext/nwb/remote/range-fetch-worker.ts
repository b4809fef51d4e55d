// Worker thread that performs the asynchronous HTTP range requests for a thread that cannot return
// to its event loop (h5wasm's, inside a synchronous file read): it posts each answer on the port
// and wakes the waiting thread through a shared counter (Atomics.notify).
import { workerData } from "node:worker_threads";
import { toWireError } from "./errors.js";
import { fetchRange } from "./http-range.js";
import type { RangeAnswer, RangePing, RangeRequest, RangeWorkerData } from "./range-protocol.js";

const { signal, port } = workerData as RangeWorkerData;
const counter = new Int32Array(signal);

function answer(message: RangeAnswer, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

// fetch loads its HTTP client on first use: do it now (a data: URL needs no network).
const clientLoaded = fetch("data:,")
  .then((r) => r.arrayBuffer())
  .catch(() => undefined);

port.on("message", async (request: RangeRequest | RangePing) => {
  if ("ping" in request) {
    await clientLoaded;
    answer({ id: request.id, ok: "pong" });
    return;
  }
  const started = performance.now();
  let attempts = 0;
  try {
    const result = await fetchRange(
      request.url,
      request.start,
      request.end,
      request.expected,
      request.options,
      () => attempts++,
    );
    const bytes = result.bytes.buffer as ArrayBuffer;
    answer(
      {
        id: request.id,
        ok: true,
        bytes,
        identity: result.identity,
        attempts,
        ms: performance.now() - started,
      },
      [bytes],
    );
  } catch (error) {
    answer({
      id: request.id,
      ok: false,
      error: toWireError(error),
      attempts,
      ms: performance.now() - started,
    });
  }
});

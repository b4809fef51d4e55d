// Worker thread that owns h5wasm (browser build, MEMFS) and serves one remote file at a time: the
// file is a lazy MEMFS node whose reads block this thread on Range requests, never the caller's
// thread, which only awaits messages and so keeps handling widget messages and interrupts.
import { parentPort } from "node:worker_threads";
import { H5WasmFile, type H5Wasm } from "../h5/h5wasm-file.js";
import { guardOf, hdf5DiagnosticsOn } from "../h5/hdf5-guard.js";
import type { H5ReadResult, H5Selection, H5Values } from "../h5/source.js";
import { toWireError } from "./errors.js";
import type { H5WorkerMessage, H5WorkerRequest } from "./h5-protocol.js";
import { createLazyFile, type EmscriptenFS } from "./lazy-memfs-file.js";
import type { ResolvedRemoteOptions } from "./options.js";
import { emptyProgress, type RemoteProgress } from "./progress.js";
import { RangeChannel } from "./range-channel.js";
import { SyncRangeReader } from "./sync-range-reader.js";

const port = parentPort!;
const post = (message: H5WorkerMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

interface OpenFile {
  reader: SyncRangeReader;
  lazy: ReturnType<typeof createLazyFile>;
  file: H5WasmFile | null;
}

let current: OpenFile | null = null;
let opened = 0;

// Emscripten's runtime messages ("Aborted(…)", "Cannot enlarge memory …") go to console.error,
// bound when h5wasm loads, and HDF5's error stack is captured by the module's guard
// (h5/hdf5-guard.ts), which turns it into the error's cause: both reach stderr only with
// diagnostics on — and never for a failed network read, whose RemoteFileError says it better.
const printError = console.error.bind(console);
const RUNTIME_MESSAGE = /^(Aborted\(|Cannot enlarge memory|warning: |HDF5-DIAG)/;
console.error = (...args: unknown[]) => {
  const fromHdf5 = typeof args[0] === "string" && RUNTIME_MESSAGE.test(args[0]);
  if (current?.lazy.lastError || (fromHdf5 && !hdf5DiagnosticsOn())) return;
  printError(...args);
};
const h5wasm = await import("h5wasm");
const module = await h5wasm.ready;
const FS = module.FS as unknown as EmscriptenFS;
FS.mkdirTree?.("/remote");
const channel = new RangeChannel();

// The first file a worker opens pays for compiling HDF5's code paths (wasm tier-up, cold JS): run
// them once on a small in-memory file now, while the worker is still idle in the pool.
function warmUp(): void {
  const path = "/remote/warm-up.h5";
  try {
    const writer = new h5wasm.File(path, "w");
    const group = writer.create_group("group");
    group.create_attribute("neurodata_type", "TimeSeries");
    group.create_dataset({
      name: "data",
      data: new Float32Array(4096),
      chunks: [512],
      compression: "gzip",
    });
    writer.close();
    const file = new H5WasmFile(h5wasm as unknown as H5Wasm, path, path);
    file.describe(0);
    file.read("/group/data", [[0, 1024]]);
    file.close();
  } catch {
    // only a missed speed-up
  }
  try {
    FS.unlink(path);
  } catch {
    // never created
  }
}
warmUp();
channel.ready();

function fileNameFor(address: string): string {
  const last = new URL(address).pathname.split("/").filter(Boolean).pop() ?? "remote.h5";
  return `${++opened}-${decodeURIComponent(last).replace(/[^A-Za-z0-9._-]/g, "_") || "remote.h5"}`;
}

/** Runs an h5wasm action; a failed network read inside it replaces HDF5's generic error. */
function guarded<T>(open: OpenFile, action: () => T): T {
  open.lazy.lastError = null;
  try {
    const value = action();
    // h5wasm turns some HDF5 failures into null results: a read failure must still surface.
    if (open.lazy.lastError) throw open.lazy.lastError;
    return value;
  } catch (error) {
    throw open.lazy.lastError ?? error;
  } finally {
    open.lazy.lastError = null;
  }
}

/** Buffers of typed arrays that own them whole: moved to the caller instead of copied. */
function transferablesOf(value: unknown, found: ArrayBuffer[] = []): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    const { buffer } = value;
    if (
      buffer instanceof ArrayBuffer &&
      value.byteLength === buffer.byteLength &&
      !found.includes(buffer)
    )
      found.push(buffer);
  } else if (Array.isArray(value)) {
    if (value.length > 0 && typeof value[0] === "object")
      for (const v of value) transferablesOf(v, found);
  } else if (value && typeof value === "object") {
    const result = value as H5ReadResult | { kind: "compound"; fields: Record<string, H5Values> };
    if ("values" in result) transferablesOf(result.values, found);
    if ("fields" in result) for (const v of Object.values(result.fields)) transferablesOf(v, found);
  }
  return found;
}

function release(open: OpenFile): void {
  try {
    open.file?.close();
  } catch {
    // closing a file whose reads failed can fail too; the node is removed anyway
  }
  try {
    FS.unlink(open.lazy.path);
  } catch {
    // already gone
  }
  open.reader.close();
  if (current === open) current = null;
}

function openFile(url: string, options: ResolvedRemoteOptions): void {
  const reader = new SyncRangeReader(
    url,
    options,
    (progress) => post({ type: "progress", progress }),
    channel,
  );
  let open: OpenFile | null = null;
  try {
    const identity = reader.probe();
    const lazy = createLazyFile(FS, "/remote", fileNameFor(url), {
      size: identity.size,
      readInto: (p, t) => reader.readInto(p, t),
    });
    open = { reader, lazy, file: null };
    current = open;
    // No HDF5 deadline here: a read waits on the network, whose stalls have their own timeouts.
    const file = guarded(
      open,
      () =>
        new H5WasmFile(h5wasm as unknown as H5Wasm, lazy.path, url, {
          readByPosition: false,
          deadlineMs: Infinity,
        }),
    );
    open.file = file;
    // The whole metadata tree is read once here, so metadata is synchronous for the caller.
    const meta = guarded(open, () => file.describe(identity.size));
    post({ type: "ready", identity, meta, progress: { ...reader.progress } });
  } catch (error) {
    if (open) release(open);
    else reader.close();
    post({ type: "failed", error: toWireError(error) });
    endIfRetired();
  }
}

/**
 * After HDF5 crashed in this worker (or took many errors), its h5wasm instance must not serve
 * another file: the worker ends once its answer is posted, and the pool starts a fresh one.
 */
function endIfRetired(): void {
  if (guardOf(h5wasm as unknown as H5Wasm).retiring) setImmediate(() => process.exit(0));
}

const operations: Record<string, (file: H5WasmFile, ...args: never[]) => unknown> = {
  readDataset: (file, path: string, selection?: H5Selection) => file.read(path, selection),
};

port.on("message", (request: H5WorkerRequest) => {
  if (request.type === "open") {
    if (current) release(current);
    openFile(request.url, request.options);
  } else if (request.type === "close") {
    if (current) release(current);
    post({ type: "closed" });
  } else {
    const open = current;
    const operation = operations[request.op];
    const progress = (): RemoteProgress => ({ ...(open?.reader.progress ?? emptyProgress("")) });
    try {
      if (!open?.file) throw new Error("no remote file is open in this worker");
      if (!operation)
        throw new Error(`unknown remote file operation ${JSON.stringify(request.op)}`);
      const file = open.file;
      const value = guarded(open, () =>
        (operation as (f: H5WasmFile, ...args: unknown[]) => unknown)(file, ...request.args),
      );
      post({ type: "result", id: request.id, value, progress: progress() }, transferablesOf(value));
    } catch (error) {
      post({ type: "error", id: request.id, error: toWireError(error), progress: progress() });
      endIfRetired();
    }
  }
});

post({ type: "idle" });

// Worker thread that owns h5wasm (browser build, MEMFS) for one remote file: the file is a lazy
// MEMFS node whose reads block this thread on Range requests, never the caller's thread, which
// only awaits messages and so keeps handling widget messages and interrupts meanwhile.
import { parentPort, workerData } from "node:worker_threads";
import { H5WasmFile, type H5Wasm } from "../h5/h5wasm-file.js";
import type { H5ReadResult, H5Selection, H5Values } from "../h5/source.js";
import { toWireError } from "./errors.js";
import type { H5WorkerData, H5WorkerMessage, H5WorkerRequest } from "./h5-protocol.js";
import { createLazyFile, type EmscriptenFS } from "./lazy-memfs-file.js";
import { SyncRangeReader } from "./sync-range-reader.js";

const { url, options } = workerData as H5WorkerData;
const port = parentPort!;
const post = (message: H5WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

function fileNameFor(address: string): string {
  const last = new URL(address).pathname.split("/").filter(Boolean).pop() ?? "remote.h5";
  return decodeURIComponent(last).replace(/[^A-Za-z0-9._-]/g, "_") || "remote.h5";
}

let file: H5WasmFile | null = null;
let lazy: ReturnType<typeof createLazyFile> | null = null;

// HDF5 prints its error stack through Emscripten's stderr, bound to console.error when h5wasm
// loads. A stack caused by a failed network read only repeats what the thrown RemoteFileError says
// better, so it is dropped; any other HDF5 diagnostic still reaches stderr.
const printError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (!lazy?.lastError) printError(...args);
};
const h5wasm = await import("h5wasm");

const reader = new SyncRangeReader(url, options, (progress) => post({ type: "progress", progress }));

/** Runs an h5wasm action; a failed network read inside it replaces HDF5's generic error. */
function guarded<T>(action: () => T): T {
  lazy!.lastError = null;
  try {
    const value = action();
    // h5wasm turns some HDF5 failures into null results: a read failure must still surface.
    if (lazy!.lastError) throw lazy!.lastError;
    return value;
  } catch (error) {
    throw lazy!.lastError ?? error;
  } finally {
    lazy!.lastError = null;
  }
}

const operations: Record<string, (...args: never[]) => unknown> = {
  readDataset: (path: string, selection?: H5Selection) => file!.read(path, selection),
};

/** Buffers of typed arrays that own them whole: moved to the caller instead of copied. */
function transferablesOf(value: unknown, found: ArrayBuffer[] = []): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    const { buffer } = value;
    if (buffer instanceof ArrayBuffer && value.byteLength === buffer.byteLength && !found.includes(buffer)) found.push(buffer);
  } else if (Array.isArray(value)) {
    if (value.length > 0 && typeof value[0] === "object") for (const v of value) transferablesOf(v, found);
  } else if (value && typeof value === "object") {
    const result = value as H5ReadResult | { kind: "compound"; fields: Record<string, H5Values> };
    if ("values" in result) transferablesOf(result.values, found);
    if ("fields" in result) for (const v of Object.values(result.fields)) transferablesOf(v, found);
  }
  return found;
}

function shutdown(): void {
  try {
    file?.close();
  } catch {
    // closing a file whose reads failed can fail too; the worker ends anyway
  }
  file = null;
  reader.close();
  post({ type: "closed" });
  port.close();
}

try {
  const module = await h5wasm.ready;
  const FS = module.FS as unknown as EmscriptenFS;
  const identity = reader.probe();
  FS.mkdirTree?.("/remote");
  lazy = createLazyFile(FS, "/remote", fileNameFor(url), { size: identity.size, readInto: (p, t) => reader.readInto(p, t) });
  file = guarded(() => new H5WasmFile(h5wasm as unknown as H5Wasm, lazy!.path, url));
  // The whole metadata tree is read once here, so metadata is synchronous for the caller.
  const meta = guarded(() => file!.describe(identity.size));
  post({ type: "ready", identity, meta, progress: { ...reader.progress } });
} catch (error) {
  post({ type: "failed", error: toWireError(error) });
  file = null;
  reader.close();
  port.close();
}

port.on("message", (request: H5WorkerRequest) => {
  if (request.type === "close") {
    shutdown();
    return;
  }
  const operation = operations[request.op];
  try {
    if (!operation) throw new Error(`unknown remote file operation ${JSON.stringify(request.op)}`);
    const value = guarded(() => (operation as (...args: unknown[]) => unknown)(...request.args));
    post({ type: "result", id: request.id, value, progress: { ...reader.progress } }, transferablesOf(value));
  } catch (error) {
    post({ type: "error", id: request.id, error: toWireError(error), progress: { ...reader.progress } });
  }
});

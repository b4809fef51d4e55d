// Every h5wasm call runs through the guard of its module instance, so that a corrupt file can
// neither hang the thread nor leave the process with h5wasm's raw words:
//  - a deadline: V8's watchdog (a `vm` timeout) ends a call that does not return in time — HDF5
//    can loop forever on a corrupt symbol table — with no worker round trip on the read path;
//  - causes in words: HDF5's diagnostic stack (its stderr) is captured per call, classified into
//    a cause ("truncated", "corrupt HDF5 metadata", …) and printed only when diagnostics are on;
//  - a lost instance is never used again: after a timeout or a wasm trap (abort, out-of-bounds)
//    the module's state is undefined, and each error h5wasm throws from inside wasm leaks some of
//    its stack (measured: ~14,500 throws abort the module), so an instance is retired before that.
//    Files on a lost instance fail with an error saying to reopen them; new opens get a fresh one.
import vm from "node:vm";
import { NWBError } from "../errors.js";
import type { H5Wasm } from "./h5wasm/module.js";

/** Thrown h5wasm errors an instance may take before it is retired (a fraction of the ~14,500 that abort it). */
const THROW_BUDGET = 2_000;

let printDiagnostics = process.env.TSNWB_HDF5_DIAGNOSTICS === "1";
/** Module instances lost in this process (crashed or past a deadline). */
let failures = 0;

/** How many times HDF5 crashed or hung in this process: a command compares it before and after. */
export function hdf5Failures(): number {
  return failures;
}

/** Whether HDF5's own diagnostic stack (HDF5-DIAG lines) is printed to stderr (off by default; `--verbose`). */
export function setHdf5Diagnostics(on: boolean): void {
  printDiagnostics = on;
}

export function hdf5DiagnosticsOn(): boolean {
  return printDiagnostics;
}

/** The cause of a failure, in words, from HDF5's diagnostic stack of that call. */
export function causeFromDiagnostics(diag: string, reading: "metadata" | "data"): string {
  const detail = innermostMessage(diag);
  const suffix = detail ? ` (HDF5: ${detail})` : "";
  if (/truncated file|past end of allocation|addr(ess)? overflow|eoa|end of file/i.test(diag))
    return `truncated or corrupt HDF5 file: an address lies past the end of the file${suffix}`;
  if (/checksum/i.test(diag)) return `corrupt HDF5 metadata: checksum mismatch${suffix}`;
  if (/filter|inflate|deflate|decompress|zlib/i.test(diag))
    return `corrupt compressed data${suffix}`;
  if (
    reading === "data" &&
    /major: (Dataset|Data storage|Low-level I\/O)/.test(diag) &&
    !/object header|B-tree|heap|symbol table/i.test(diag)
  ) {
    return `corrupt or truncated data${suffix}`;
  }
  return `corrupt HDF5 metadata${suffix}`;
}

/** The innermost frame's description in an HDF5-DIAG stack, e.g. "bad symbol table node signature" ("" for none). */
export function innermostMessage(diag: string): string {
  const frames = [...diag.matchAll(/#\d+: .*? in ([A-Za-z0-9_]+)\(\): (.*)$/gm)];
  const last = frames[frames.length - 1];
  return last ? last[2].trim() : "";
}

/**
 * A wasm trap or an Emscripten abort (both WebAssembly.RuntimeError), a stack overflow inside wasm
 * (its stack pointer is left where the overflow was), or a non-Error throw: the module's state is
 * undefined afterwards. Other Errors h5wasm throws (e.g. "error - name not defined!") leave it usable.
 */
export function isCrash(e: unknown): boolean {
  return (
    !(e instanceof Error) ||
    e.name === "RuntimeError" ||
    (e instanceof RangeError && /call stack/i.test(e.message))
  );
}

function isTimeout(e: unknown): boolean {
  return (e as { code?: string })?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT";
}

export interface GuardedCall {
  /** What errors call the file. */
  file: string;
  /** The HDF5 path being read (a function when it changes during the call, as in a metadata walk). */
  path: string | (() => string);
  /** Metadata (structure, attributes) or dataset values: chooses the wording of the cause. */
  reading: "metadata" | "data";
  /** Milliseconds the call may take; Infinity for no deadline (a remote read waits on the network). */
  deadlineMs: number;
}

export class Hdf5Guard {
  /** Why this instance must not be used again, or null while it is healthy. */
  lost: string | null = null;
  private thrown = 0;
  private diag = "";
  /** Calls in progress: a call made inside a guarded call runs under the outer one's deadline. */
  private depth = 0;
  private readonly context = vm.createContext({ call: null as null | (() => unknown) });
  private readonly script = new vm.Script("call()");

  constructor(readonly h5: H5Wasm) {
    // HDF5 writes its error stack to stderr through the module's file system: captured per call.
    type Write = (
      this: unknown,
      stream: { fd?: number },
      buffer: Uint8Array,
      offset: number,
      length: number,
      ...rest: unknown[]
    ) => number;
    const fs = h5.FS as unknown as { write: Write };
    const write = fs.write;
    const decoder = new TextDecoder();
    fs.write = function (stream, buffer, offset, length, ...rest) {
      if (stream?.fd !== 2) return write.call(this, stream, buffer, offset, length, ...rest);
      const text = decoder.decode(buffer.subarray(offset, offset + length));
      guard.diag = (guard.diag + text).slice(-16_384);
      if (printDiagnostics) process.stderr.write(text);
      return length;
    };
    const guard = this;
  }

  /** HDF5's diagnostic stack of the latest guarded call ("" when it printed none). */
  get lastDiagnostics(): string {
    return this.diag;
  }

  /** Whether the instance should take no new files (lost, or near its budget of thrown errors). */
  get retiring(): boolean {
    return this.lost !== null || this.thrown >= THROW_BUDGET / 2;
  }

  /**
   * Runs `fn` (which calls h5wasm) under the deadline; any failure becomes one NWBError naming the
   * file, the path and the cause. NWBErrors thrown by `fn` itself pass through unchanged.
   */
  run<T>(call: GuardedCall, fn: () => T): T {
    const where = () => (typeof call.path === "function" ? call.path() : call.path);
    if (this.lost)
      throw new NWBError(
        call.file,
        where(),
        `cannot be read: HDF5 stopped after an earlier failure (${this.lost}); reopen the file`,
        { fileUnusable: true },
      );
    if (this.depth > 0) return fn();
    this.diag = "";
    this.depth++;
    try {
      if (!Number.isFinite(call.deadlineMs)) return fn();
      this.context.call = fn;
      return this.script.runInContext(this.context, {
        timeout: Math.max(1, Math.round(call.deadlineMs)),
      }) as T;
    } catch (e) {
      throw this.failure(call, where(), e);
    } finally {
      this.depth--;
      this.context.call = null;
    }
  }

  /** Counts an error h5wasm threw from inside wasm (each leaks some of its stack), caught or not. */
  noteThrown(): void {
    if (++this.thrown >= THROW_BUDGET) this.lost = "too many HDF5 errors in this process";
  }

  private failure(call: GuardedCall, path: string, e: unknown): NWBError {
    if (e instanceof NWBError) return e;
    const diag = this.diag;
    if (isTimeout(e)) {
      failures++;
      this.lost = `a read of ${call.file} did not finish`;
      return new NWBError(
        call.file,
        path,
        `corrupt HDF5 metadata: HDF5 did not finish reading it within ${(call.deadlineMs / 1000).toFixed(1)} s (a loop in the file's structure)`,
        { cause: e, fileUnusable: true },
      );
    }
    if (isCrash(e)) {
      failures++;
      this.lost = `HDF5 crashed reading ${call.file}`;
      return new NWBError(
        call.file,
        path,
        `${causeFromDiagnostics(diag, call.reading)}; HDF5 crashed reading it`,
        { cause: e, fileUnusable: true },
      );
    }
    this.noteThrown();
    return new NWBError(call.file, path, causeFromDiagnostics(diag, call.reading), { cause: e });
  }
}

const guards = new WeakMap<object, Hdf5Guard>();

/** The guard of an h5wasm module instance (one per instance, created on first use). */
export function guardOf(h5: H5Wasm): Hdf5Guard {
  let g = guards.get(h5);
  if (!g) {
    g = new Hdf5Guard(h5);
    guards.set(h5, g);
  }
  return g;
}

// The in-process backend: h5wasm's Node build reading a local file read-only.
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { NWBError } from "../errors.js";
import { guardOf, hdf5DiagnosticsOn } from "./hdf5-guard.js";
import { H5WasmFile, type H5Wasm } from "./h5wasm-file.js";
import type { H5FileMeta, H5ReadResult, H5Selection, H5Source } from "./source.js";

let nodeH5: Promise<H5Wasm> | undefined;
let loaded: H5Wasm | undefined;
let instances = 0;

/**
 * The reader's h5wasm Node build instance. One serves every file until its guard retires it (after
 * a crash, a call past its deadline, or many errors: see hdf5-guard.ts); the next open then loads
 * a fresh instance (~25 ms) while files already open keep theirs.
 */
export function loadNodeH5wasm(): Promise<H5Wasm> {
  if (loaded && guardOf(loaded).retiring) {
    nodeH5 = undefined;
    loaded = undefined;
  }
  nodeH5 ??= loadInstance().then((h5) => (loaded = h5));
  return nodeH5;
}

/** The file URL of h5wasm's Node build (its package exports it for `import` only, so it is looked up). */
function h5wasmNodeUrl(): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths("h5wasm") ?? []) {
    const file = join(dir, "h5wasm", "dist", "node", "hdf5_hl.js");
    if (existsSync(file)) return pathToFileURL(file).href;
  }
  throw new Error("h5wasm's Node build (h5wasm/dist/node/hdf5_hl.js) was not found");
}

/**
 * A module instance of its own: the module is imported under a distinct URL (the ESM cache keys on
 * it), so this instance shares nothing with `h5wasm/node` imported elsewhere (the writer).
 * Emscripten binds its error printer to console.error while it starts; that printer is routed here:
 * what the runtime prints ("Aborted(…)", "Cannot enlarge memory …", "Invalid UTF-8 …" on corrupt
 * files) is diagnostics, shown only with them on — the guard reports the cause in words.
 */
async function loadInstance(): Promise<H5Wasm> {
  const url = `${h5wasmNodeUrl()}?reader=${++instances}`;
  const saved = console.error;
  let starting = true;
  const route = (...args: unknown[]): void => {
    const print = console.error === route ? saved : console.error;
    // While the module starts, console.error is this function: other code's messages pass.
    if ((starting && console.error === route) || hdf5DiagnosticsOn()) print.apply(console, args);
  };
  console.error = route;
  try {
    const ns = (await import(url)) as { ready: Promise<unknown> };
    await ns.ready;
    return ns as unknown as H5Wasm;
  } finally {
    starting = false;
    if (console.error === route) console.error = saved;
  }
}

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Offset of the HDF5 signature: 0, 512, 1024, 2048, … (where a user block may end), or -1. */
function signatureOffset(fd: number, size: number): number {
  const buf = Buffer.alloc(8);
  for (let at = 0; at + 8 <= size; at = at === 0 ? 512 : at * 2) {
    readSync(fd, buf, 0, 8, at);
    if (HDF5_SIGNATURE.every((b, i) => buf[i] === b)) return at;
  }
  return -1;
}

/**
 * The end-of-file address the superblock at `at` records, or undefined when the superblock cannot
 * be parsed. Lets a truncated file be named as such. It counts from the start of the file, user
 * block included (HDF5 compares it with the file's size as is; h5py's userblock_size=512 writes
 * base address 512 and end-of-file address = the file's size).
 */
function superblockEof(fd: number, at: number, size: number): number | undefined {
  const buf = Buffer.alloc(96);
  const n = readSync(fd, buf, 0, Math.min(96, size - at), at);
  if (n < 16) return undefined;
  const version = buf[8];
  const readAddr = (off: number, width: number): number | undefined => {
    if (off + width > n) return undefined;
    if (width === 8) return Number(buf.readBigUInt64LE(off));
    if (width === 4) return buf.readUInt32LE(off);
    return undefined;
  };
  if (version === 0 || version === 1) {
    const width = buf[13];
    const addrs = 24 + (version === 1 ? 4 : 0);
    return readAddr(addrs + 2 * width, width);
  }
  if (version === 2 || version === 3) {
    const width = buf[9];
    return readAddr(12 + 2 * width, width);
  }
  return undefined;
}

/** Checks what HDF5 would report only vaguely (missing, empty, not HDF5), naming the cause. */
export function checkLocalHdf5(path: string): number {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new NWBError(path, "", "expected a file, found a directory or device");
    size = st.size;
  } catch (e) {
    if (e instanceof NWBError) throw e;
    throw new NWBError(
      path,
      "",
      `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      { cause: e },
    );
  }
  if (size === 0)
    throw new NWBError(path, "", "the file is empty (0 bytes), expected an HDF5 file");
  const fd = openSync(path, "r");
  try {
    const at = signatureOffset(fd, size);
    if (at < 0) throw new NWBError(path, "", "not an HDF5 file (no HDF5 signature found)");
    const eof = superblockEof(fd, at, size);
    if (eof !== undefined && eof > size) {
      throw new NWBError(
        path,
        "",
        `the file is truncated: it has ${size} bytes, its HDF5 superblock records ${eof}`,
      );
    }
  } finally {
    closeSync(fd);
  }
  return size;
}

class LocalH5Source implements H5Source {
  readonly meta: H5FileMeta;
  constructor(
    private readonly file: H5WasmFile,
    size: number,
  ) {
    this.meta = file.describe(size);
  }
  async readDataset(path: string, selection?: H5Selection): Promise<H5ReadResult> {
    return this.file.read(path, selection);
  }
  async prefetch(paths: string[]): Promise<Map<string, H5ReadResult>> {
    return this.file.readSmall(paths);
  }
  async close(): Promise<void> {
    this.file.close();
  }
}

/** TSNWB_HDF5_DEADLINE_MS, when set to a positive number (for scripts and the command line). */
function deadlineFromEnvironment(): number | undefined {
  const ms = Number(process.env.TSNWB_HDF5_DEADLINE_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

export interface LocalH5Options {
  /** Milliseconds an HDF5 metadata call may take before the read is ended as corrupt (default 10 000; see H5WasmFileOptions). */
  hdf5DeadlineMs?: number;
}

/** Opens a local HDF5 file read-only and reads its metadata tree. */
export async function openLocalH5(path: string, options: LocalH5Options = {}): Promise<H5Source> {
  const abs = resolve(path);
  const size = checkLocalHdf5(abs);
  const h5 = await loadNodeH5wasm();
  const file = new H5WasmFile(h5, abs, path, {
    deadlineMs: options.hdf5DeadlineMs ?? deadlineFromEnvironment(),
  });
  try {
    return new LocalH5Source(file, size);
  } catch (e) {
    file.close();
    if (e instanceof NWBError) throw e;
    throw new NWBError(
      path,
      "",
      `an HDF5 file whose structure can be listed (${(e as Error).message})`,
      { cause: e },
    );
  }
}

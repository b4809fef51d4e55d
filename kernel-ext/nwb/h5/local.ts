// The in-process backend: h5wasm's Node build reading a local file read-only.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { NWBError } from "../errors.js";
import { H5WasmFile, type H5Wasm } from "./h5wasm-file.js";
import type { H5FileMeta, H5ReadResult, H5Selection, H5Source } from "./source.js";

let nodeH5: Promise<H5Wasm> | undefined;

/** h5wasm's Node build, loaded once per process. */
export function loadNodeH5wasm(): Promise<H5Wasm> {
  nodeH5 ??= import("h5wasm/node").then(async (ns) => {
    await ns.ready;
    return ns as unknown as H5Wasm;
  });
  return nodeH5;
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
 * The end-of-file address the superblock at `at` records (relative to its base address), or
 * undefined when the superblock cannot be parsed. Lets a truncated file be named as such.
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
    const base = readAddr(addrs, width);
    const eof = readAddr(addrs + 2 * width, width);
    return base === undefined || eof === undefined ? undefined : base + eof;
  }
  if (version === 2 || version === 3) {
    const width = buf[9];
    const base = readAddr(12, width);
    const eof = readAddr(12 + 2 * width, width);
    return base === undefined || eof === undefined ? undefined : base + eof;
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
    throw new NWBError(path, "", `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
  if (size === 0) throw new NWBError(path, "", "the file is empty (0 bytes), expected an HDF5 file");
  const fd = openSync(path, "r");
  try {
    const at = signatureOffset(fd, size);
    if (at < 0) throw new NWBError(path, "", "not an HDF5 file (no HDF5 signature found)");
    const eof = superblockEof(fd, at, size);
    if (eof !== undefined && eof > size) {
      throw new NWBError(path, "", `the file is truncated: it has ${size} bytes, its HDF5 superblock records ${eof}`);
    }
  } finally {
    closeSync(fd);
  }
  return size;
}

class LocalH5Source implements H5Source {
  readonly meta: H5FileMeta;
  constructor(private readonly file: H5WasmFile, size: number) {
    this.meta = file.describe(size);
  }
  async readDataset(path: string, selection?: H5Selection): Promise<H5ReadResult> {
    return this.file.read(path, selection);
  }
  async close(): Promise<void> {
    this.file.close();
  }
}

/** Opens a local HDF5 file read-only and reads its metadata tree. */
export async function openLocalH5(path: string): Promise<H5Source> {
  const abs = resolve(path);
  const size = checkLocalHdf5(abs);
  const h5 = await loadNodeH5wasm();
  const file = new H5WasmFile(h5, abs, path);
  try {
    return new LocalH5Source(file, size);
  } catch (e) {
    file.close();
    if (e instanceof NWBError) throw e;
    throw new NWBError(path, "", `an HDF5 file whose structure can be listed (${(e as Error).message})`, { cause: e });
  }
}

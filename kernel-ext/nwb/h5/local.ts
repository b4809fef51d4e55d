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

/** Looks for the HDF5 signature at 0, 512, 1024, 2048, … (where HDF5 allows a user block to end). */
function hasHdf5Signature(path: string, size: number): boolean {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(8);
    for (let at = 0; at + 8 <= size; at = at === 0 ? 512 : at * 2) {
      readSync(fd, buf, 0, 8, at);
      if (HDF5_SIGNATURE.every((b, i) => buf[i] === b)) return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
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
  if (!hasHdf5Signature(path, size)) throw new NWBError(path, "", "not an HDF5 file (no HDF5 signature found)");
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

// Reads whose status is checked: h5wasm's own readers ignore HDF5's status and decode whatever
// their buffer held — on a corrupt file, garbage string pointers that crash the module or come
// back as wrong values. Strings, attributes and compound rows are read here into zeroed buffers.
import { NWBError } from "../../errors.js";
import type { H5Dtype } from "../source.js";
import type { OpenFile } from "./open-file.js";

/**
 * Reads into a zero-filled heap buffer of `nbytes` and decodes it, freeing it after (and, for
 * variable-length types, what HDF5 allocated for them). A failed read is an NWBError with the
 * cause. After a failure nothing is reclaimed (the buffer may hold partly converted entries): a
 * leak of a few bytes rather than a free of garbage.
 */
export function readChecked<T>(
  f: OpenFile,
  path: string,
  reading: "metadata" | "data",
  nbytes: number,
  reclaim: ((ptr: number) => unknown) | null,
  read: (ptr: number) => number,
  decode: (ptr: number) => T,
): T {
  const m = f.module;
  const ptr = m._malloc(Math.max(1, nbytes));
  if (ptr === 0) throw new NWBError(f.name, path, `memory for ${nbytes} bytes`);
  m.HEAPU8.fill(0, ptr, ptr + nbytes);
  let ok = false;
  try {
    if (read(ptr) < 0) throw f.readFailure(path, reading);
    ok = true;
    return decode(ptr);
  } finally {
    if (ok && reclaim) reclaim(ptr);
    m._free(ptr);
  }
}

/** `n` strings of type `dt`, `stride` bytes apart from `ptr + offset` (vlen: a wasm32 pointer each). */
export function decodeStrings(
  f: OpenFile,
  ptr: number,
  n: number,
  stride: number,
  offset: number,
  dt: H5Dtype,
): string[] {
  if (dt.class !== "string") throw new TypeError(`decodeStrings: a string type, got ${dt.class}`);
  const m = f.module;
  const heap = m.HEAPU8;
  const view = new DataView(heap.buffer);
  const decoder = new TextDecoder(dt.encoding === "utf-8" ? "utf-8" : "latin1");
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const at = ptr + i * stride + offset;
    if (dt.vlen) {
      const p = view.getUint32(at, true);
      out[i] = p === 0 ? "" : m.UTF8ToString(p);
    } else {
      let bytes = heap.subarray(at, at + dt.size);
      const z = bytes.indexOf(0);
      if (z >= 0) bytes = bytes.subarray(0, z);
      out[i] = decoder.decode(bytes);
    }
  }
  return out;
}

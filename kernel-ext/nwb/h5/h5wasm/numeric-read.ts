// Integers and floats through HDF5's own read path, into the array handed back.
import type { Metadata } from "h5wasm";
import { NWBError } from "../../errors.js";
import type { H5Values } from "../source.js";
import type { OpenFile, TypedArrayCtor } from "./open-file.js";
import { bytesOf, hyperslab, rangeLength, resultArray, type Range } from "./selection.js";

/**
 * Reads at least this large are redirected into the result array (see readNumeric). Smaller
 * ones are cheaper through the heap: its pages are already mapped, a fresh array's are not.
 */
export const REDIRECT_MIN_BYTES = 4 << 20;

/**
 * A large read that cannot be redirected (filtered or big-endian data) goes through the heap in
 * blocks of rows of about this size (whole chunks when chunks are larger), each copied into the
 * result: the heap never holds the whole result beside it (wasm memory, once grown, stays with the
 * process). Measured (bench/nwb/peak-memory.ts, a whole 17.6 MB gzip raw series): 1 MB blocks
 * grow the peak by 18.0 MB, 4 MB blocks by 26.3 MB, at the same speed.
 */
const HEAP_BLOCK_BYTES = 1 << 20;

/**
 * HDF5 reads into a buffer on the wasm heap; every file read it issues whose target lies inside
 * that buffer is redirected into the result array instead (file → result in one read syscall,
 * the heap pages never touched), and only what HDF5 filled by other means (sieve/chunk-cache
 * copies, decompression, fill values) is copied over afterwards. Redirection needs the stored
 * bytes to be the result bytes: little-endian (h5wasm's memory order) and no filters; otherwise
 * everything is copied. (Measured: a 100 MB contiguous read drops from ~3× h5py's time to h5py's.)
 */
export function readNumeric(
  f: OpenFile,
  path: string,
  md: Metadata,
  Ctor: TypedArrayCtor,
  ranges: Range[],
  n: number,
  whole: boolean,
): H5Values {
  const m = f.module;
  const nbytes = n * md.size;
  const out = resultArray(Ctor, n, md.size);
  const dest = bytesOf(out);
  const large = nbytes >= REDIRECT_MIN_BYTES;
  const redirect = large && md.littleEndian && !f.dataset(path).filtered;
  if (large && !redirect && ranges.length > 0) {
    readInRowBlocks(f, path, md, ranges, dest);
    return out;
  }
  const ptr = large ? m._malloc(nbytes) : f.scratchBuffer(nbytes);
  if (ptr === 0) throw new NWBError(f.name, path, `memory for ${nbytes} bytes of data`);
  type Read = (
    this: unknown,
    stream: unknown,
    buffer: ArrayBufferView,
    offset: number,
    length: number,
    position?: number,
  ) => number;
  const fs = f.h5.FS as unknown as { read: Read };
  const original = fs.read;
  const captured: [number, number][] = [];
  if (redirect) {
    const heapBuffer = m.HEAPU8.buffer;
    fs.read = function (stream, buffer, offset, length, position) {
      if (
        buffer.buffer === heapBuffer &&
        buffer instanceof Int8Array &&
        offset >= ptr &&
        offset + length <= ptr + nbytes &&
        position !== undefined
      ) {
        const got = original.call(this, stream, dest, offset - ptr, length, position);
        captured.push([offset - ptr, offset - ptr + got]);
        return got;
      }
      return original.call(this, stream, buffer, offset, length, position);
    };
  }
  try {
    const [count, offset, stride] = hyperslab(ranges, whole);
    const status = f.hdf5(
      path,
      "data",
      () => m.get_dataset_data(f.id, path, count, offset, stride, BigInt(ptr)),
      nbytes,
    );
    if (status < 0) throw f.readFailure(path);
    // Copy what HDF5 placed on the heap: everything outside the redirected reads.
    captured.sort((a, b) => a[0] - b[0]);
    let at = 0;
    const heap = m.HEAPU8;
    for (const [a, b] of captured) {
      if (a > at) dest.set(heap.subarray(ptr + at, ptr + a), at);
      at = Math.max(at, b);
    }
    if (at < nbytes) dest.set(heap.subarray(ptr + at, ptr + nbytes), at);
    return out;
  } finally {
    if (redirect) fs.read = original;
    if (large) m._free(ptr);
  }
}

/**
 * The selection `ranges` read into `dest` as blocks of selected rows (first dimension), each
 * through a heap buffer of about HEAP_BLOCK_BYTES. With step 1, blocks start on chunk boundaries,
 * so each chunk is decompressed once.
 */
function readInRowBlocks(
  f: OpenFile,
  path: string,
  md: Metadata,
  ranges: Range[],
  dest: Uint8Array,
): void {
  const m = f.module;
  const shape = ranges.map(rangeLength);
  const rowBytes = shape.slice(1).reduce((p, c) => p * c, md.size);
  const [a0, , s0] = ranges[0];
  const chunkRows = s0 === 1 && md.chunks ? md.chunks[0] : 1;
  const blockRows = Math.max(1, Math.floor(HEAP_BLOCK_BYTES / rowBytes / chunkRows)) * chunkRows;
  const blockBytes = blockRows * rowBytes;
  const owned = blockBytes > HEAP_BLOCK_BYTES;
  const ptr = owned ? m._malloc(blockBytes) : f.scratchBuffer(blockBytes);
  if (ptr === 0) throw new NWBError(f.name, path, `memory for ${blockBytes} bytes of data`);
  const innerCount = shape.slice(1).map(BigInt);
  const innerOffset = ranges.slice(1).map(([a]) => BigInt(a));
  const stride = ranges.map(([, , s]) => BigInt(s));
  try {
    for (let row = 0; row < shape[0];) {
      const first = a0 + row * s0;
      const k = Math.min(s0 === 1 ? blockRows - (first % blockRows) : blockRows, shape[0] - row);
      const bytes = k * rowBytes;
      const status = f.hdf5(
        path,
        "data",
        () =>
          m.get_dataset_data(
            f.id,
            path,
            [BigInt(k), ...innerCount],
            [BigInt(first), ...innerOffset],
            stride,
            BigInt(ptr),
          ),
        bytes,
      );
      if (status < 0) throw f.readFailure(path);
      dest.set(m.HEAPU8.subarray(ptr, ptr + bytes), row * rowBytes);
      row += k;
    }
  } finally {
    if (owned) m._free(ptr);
  }
}

// A few columns of many rows of an unfiltered 2-D dataset (e.g. one channel of a recording).
// HDF5 gathers such a strided selection through its 64 KiB sieve buffer (contiguous data) —
// thousands of small file reads, each a JS call here — or chunk by chunk, so it is read instead
// as blocks of whole rows (one large read each: by file position where known, else through HDF5
// into a reused heap buffer) and the columns are picked out in JS.
import { NWBError } from "../../errors.js";
import type { H5Values } from "../source.js";
import { REDIRECT_MIN_BYTES } from "./numeric-read.js";
import type { OpenFile, TypedArrayCtor } from "./open-file.js";
import type { PositionReads } from "./read-by-position.js";
import { resultArray, type Range } from "./selection.js";

/** Row blocks of about this size serve column reads. */
const COLUMN_BLOCK_BYTES = 4 << 20;

export class ColumnReads {
  /** A JS-side buffer reused by column reads by position (fresh memory is slow to touch). */
  private rowBlock = new Uint8Array(0);

  constructor(
    private readonly f: OpenFile,
    private readonly positions: PositionReads,
  ) {}

  /** The rows per block (whole chunks for chunked data) for this read, or 0 when HDF5's own path takes it. */
  blockRows(path: string, ranges: Range[]): number {
    const { md, shape, filtered } = this.f.dataset(path);
    if (ranges.length !== 2 || filtered) return 0;
    if (md.chunks && !this.positions.rowLocationsOf(path)) return 0;
    const [[r0, r1, rs], [c0, c1, cs]] = ranges;
    const cols = shape[1];
    const rowBytes = cols * md.size;
    const wholeRows = c0 === 0 && c1 === cols && cs === 1;
    if (wholeRows || rs !== 1 || (r1 - r0) * rowBytes < COLUMN_BLOCK_BYTES) return 0;
    const rows = Math.max(1, Math.floor(COLUMN_BLOCK_BYTES / rowBytes));
    const chunkRows = md.chunks ? md.chunks[0] : 1;
    return Math.max(1, Math.floor(rows / chunkRows)) * chunkRows;
  }

  private rowBlockBuffer(nbytes: number): Uint8Array {
    if (this.rowBlock.length < nbytes) this.rowBlock = new Uint8Array(nbytes);
    return this.rowBlock;
  }

  read(
    path: string,
    Ctor: TypedArrayCtor,
    ranges: Range[],
    n: number,
    blockRows: number,
  ): H5Values {
    const f = this.f;
    const m = f.module;
    const { md, shape } = f.dataset(path);
    const [[r0, r1], [c0, c1, cs]] = ranges;
    const cols = shape[1];
    const picked: number[] = [];
    for (let c = c0; c < c1; c += cs) picked.push(c);
    const out = resultArray(Ctor, n, md.size);
    const dst = out as unknown as { [i: number]: number | bigint };
    const blockBytes = blockRows * cols * md.size;
    const View = Ctor as unknown as new (
      b: ArrayBufferLike,
      offset: number,
      length: number,
    ) => ArrayLike<number | bigint>;
    const rows = this.positions.rowLocationsOf(path);
    if (rows?.contiguous && rows.unknownBlocks(r0, r1).length > 0 && rows.learnable(0))
      this.positions.learnContiguous(path, rows);
    const byPosition = rows ? this.rowBlockBuffer(blockBytes) : undefined;
    let heapPtr = 0;
    let heapOwned = false;
    /** Rows [a, a + k) as a typed view: by position, or through HDF5 into the wasm heap. */
    const block = (a: number, k: number): ArrayLike<number | bigint> => {
      if (rows && byPosition && this.positions.readRowsInto(path, rows, a, a + k, byPosition))
        return new View(byPosition.buffer, 0, k * cols);
      if (heapPtr === 0) {
        heapOwned = blockBytes >= REDIRECT_MIN_BYTES;
        heapPtr = heapOwned ? m._malloc(blockBytes) : f.scratchBuffer(blockBytes);
        if (heapPtr === 0) throw new NWBError(f.name, path, "memory for a block of rows");
      }
      const status = f.hdf5(
        path,
        "data",
        () =>
          m.get_dataset_data(
            f.id,
            path,
            [BigInt(k), BigInt(cols)],
            [BigInt(a), 0n],
            [1n, 1n],
            BigInt(heapPtr),
          ),
        blockBytes,
      );
      if (status < 0) throw f.readFailure(path);
      return new View(m.HEAPU8.buffer, heapPtr, k * cols);
    };
    try {
      let o = 0;
      for (let a = r0; a < r1;) {
        // Blocks start on chunk boundaries, so each holds whole chunks.
        const k = Math.min(blockRows - (a % blockRows), r1 - a);
        const values = block(a, k);
        if (picked.length === 1) {
          for (let i = picked[0], end = k * cols; i < end; i += cols) dst[o++] = values[i];
        } else {
          for (let base = 0, end = k * cols; base < end; base += cols) {
            for (const c of picked) dst[o++] = values[base + c];
          }
        }
        a += k;
      }
      return out;
    } finally {
      if (heapOwned) m._free(heapPtr);
    }
  }
}

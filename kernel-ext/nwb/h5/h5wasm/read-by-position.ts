// Row windows read straight from the file into the result array, where HDF5 has shown where those
// rows lie (../row-locations.ts): HDF5 reads a few rows while its file reads are watched, the
// positions are checked against its bytes, and later windows of those rows are one file read each.
import { RowLocations, type ObservedRead } from "../row-locations.js";
import type { H5Values } from "../source.js";
import type { OpenFile, TypedArrayCtor } from "./open-file.js";
import { bytesOf, resultArray, type Range } from "./selection.js";

/** Datasets at least this large are read by file position once learned. */
const DIRECT_MIN_DATASET_BYTES = 1 << 20;
/** Bytes of rows HDF5 reads at the ends and middle of a contiguous dataset to show where it lies. */
const DIRECT_PROBE_BYTES = 256 << 10;
/** Larger chunks stay on HDF5's path (learning a chunk reads it whole into the scratch buffer). */
const DIRECT_MAX_CHUNK_BYTES = 8 << 20;

export class PositionReads {
  /** Per dataset: where its rows lie in the file, or null when it is not read by position. */
  private readonly rowLocations = new Map<string, RowLocations | null>();
  /** How reads were served (for diagnostics and tests): by file position, and row blocks learned. */
  readonly stats = { readsByPosition: 0, blocksLearned: 0 };

  constructor(
    private readonly f: OpenFile,
    private readonly enabled: boolean,
  ) {}

  clear(): void {
    this.rowLocations.clear();
  }

  /**
   * A window of whole rows read by file position. Undefined when this read is not one that can be
   * served so — a strided or partial-row selection, an ineligible dataset, a contiguous dataset
   * whose position could not be learned, a failing HDF5 read — and HDF5's own path takes it.
   */
  readRows(path: string, Ctor: TypedArrayCtor, ranges: Range[], n: number): H5Values | undefined {
    const rows = this.rowLocationsOf(path);
    if (!rows) return undefined;
    const { shape, md } = this.f.dataset(path);
    if (!ranges.every(([a, b, s], i) => s === 1 && (i === 0 || (a === 0 && b === shape[i]))))
      return undefined;
    const [a, b] = ranges[0];
    if (rows.contiguous && rows.unknownBlocks(a, b).length > 0) {
      if (!rows.learnable(0) || !this.learnContiguous(path, rows)) return undefined;
    }
    const out = resultArray(Ctor, n, md.size);
    if (!this.readRowsInto(path, rows, a, b, bytesOf(out))) return undefined;
    this.stats.readsByPosition++;
    return out;
  }

  /**
   * Rows [a, b) into `dest` (from its start): runs of known blocks by position, unknown chunks
   * through HDF5 while learning them. False when a read failed (HDF5's own path then reports it).
   */
  readRowsInto(path: string, rows: RowLocations, a: number, b: number, dest: Uint8Array): boolean {
    for (let row = a; row < b;) {
      const known = rows.knownUntil(row, b);
      if (known > row) {
        // Consecutive known blocks: one file read per run of neighbouring blocks.
        for (const piece of rows.pieces(row, known)) {
          if (
            !this.readAt(
              rows.stream as object,
              dest,
              (row - a) * rows.rowBytes + piece.at,
              piece.length,
              piece.position,
            )
          )
            return false;
        }
        row = known;
      } else if (rows.contiguous) {
        return false;
      } else {
        const end = Math.min(b, (Math.floor(row / rows.blockRows) + 1) * rows.blockRows);
        if (!this.readChunkLearning(path, rows, row, end, dest, (row - a) * rows.rowBytes))
          return false;
        row = end;
      }
    }
    return true;
  }

  /** Whether (and how) `path` can be read by position: unfiltered little-endian numbers, rows stored together. */
  rowLocationsOf(path: string): RowLocations | null {
    if (!this.enabled) return null;
    let rows = this.rowLocations.get(path);
    if (rows !== undefined) return rows;
    const { md, shape, Ctor, filtered } = this.f.dataset(path);
    rows = null;
    const rowBytes = shape.slice(1).reduce((p, c) => p * c, md.size);
    const eligible =
      Ctor &&
      md.littleEndian &&
      !filtered &&
      shape.length >= 1 &&
      rowBytes > 0 &&
      shape[0] * rowBytes >= DIRECT_MIN_DATASET_BYTES;
    if (eligible && !md.chunks) rows = new RowLocations(shape[0], rowBytes, shape[0], true);
    else if (eligible && md.chunks) {
      const chunks = [...md.chunks];
      const spansRows =
        chunks.length === shape.length && chunks.every((c, i) => i === 0 || c === shape[i]);
      if (spansRows && chunks[0] * rowBytes <= DIRECT_MAX_CHUNK_BYTES)
        rows = new RowLocations(shape[0], rowBytes, chunks[0], false);
    }
    this.rowLocations.set(path, rows);
    return rows;
  }

  /**
   * Learns a contiguous dataset's position from HDF5's reads at its ends and middle; each must be
   * one read, as far apart as the rows, of exactly the bytes HDF5 returned.
   */
  learnContiguous(path: string, rows: RowLocations): boolean {
    rows.noteAttempt(0);
    let found: { position: number; stream: object } | undefined;
    for (const probe of rows.probesFor(0, DIRECT_PROBE_BYTES)) {
      const nbytes = (probe.stop - probe.start) * rows.rowBytes;
      const got = this.observedRowRead(path, probe.start, probe.stop, rows.rowBytes);
      if (!got) return false;
      const at = rows.positionFrom(probe, got.reads);
      if (!at || (found && (at.position !== found.position || at.stream !== found.stream)))
        return false;
      const check = new Uint8Array(nbytes);
      if (!this.readAt(at.stream, check, 0, nbytes, at.position + probe.offsetInBlock))
        return false;
      if (!sameBytes(check, this.f.module.HEAPU8.subarray(got.ptr, got.ptr + nbytes))) return false;
      found = at;
    }
    if (!found) return false;
    rows.learn(0, found.position, found.stream);
    this.stats.blocksLearned++;
    return true;
  }

  /**
   * Has HDF5 read rows [start, stop) into the scratch buffer while watching which file reads it
   * issues. Returns the heap offset of the rows and the reads, or undefined when HDF5 failed.
   */
  private observedRowRead(
    path: string,
    start: number,
    stop: number,
    rowBytes: number,
  ): { ptr: number; reads: ObservedRead[] } | undefined {
    const f = this.f;
    const { shape } = f.dataset(path);
    const ptr = f.scratchBuffer((stop - start) * rowBytes);
    if (ptr === 0) return undefined;
    const count = [BigInt(stop - start), ...shape.slice(1).map(BigInt)];
    const offset = [BigInt(start), ...shape.slice(1).map(() => 0n)];
    const stride = shape.map(() => 1n);
    const nbytes = (stop - start) * rowBytes;
    const reads = this.observeReads(() =>
      f.hdf5(
        path,
        "data",
        () => f.module.get_dataset_data(f.id, path, count, offset, stride, BigInt(ptr)),
        nbytes,
      ),
    );
    return reads && { ptr, reads };
  }

  /**
   * Rows [from, to) of one chunk whose position is not known: HDF5 reads the whole chunk (its
   * data are right whatever happens next) while the file read it issues is watched; the rows are
   * then read from that position into the result and must equal HDF5's — the chunk's position is
   * learned. Otherwise HDF5's rows are copied in. False only when HDF5 itself failed.
   */
  private readChunkLearning(
    path: string,
    rows: RowLocations,
    from: number,
    to: number,
    dest: Uint8Array,
    at: number,
  ): boolean {
    const block = Math.floor(from / rows.blockRows);
    const [probe] = rows.probesFor(block, 0);
    const got = this.observedRowRead(path, probe.start, probe.stop, rows.rowBytes);
    if (!got) return false;
    const length = (to - from) * rows.rowBytes;
    const skip = (from - probe.start) * rows.rowBytes;
    const fromHdf5 = () => this.f.module.HEAPU8.subarray(got.ptr + skip, got.ptr + skip + length);
    if (rows.learnable(block)) {
      rows.noteAttempt(block);
      const found = rows.positionFrom(probe, got.reads);
      const target = dest.subarray(at, at + length);
      if (
        found &&
        this.readAt(found.stream, dest, at, length, found.position + skip) &&
        sameBytes(target, fromHdf5())
      ) {
        rows.learn(block, found.position, found.stream);
        this.stats.blocksLearned++;
        return true;
      }
    }
    dest.set(fromHdf5(), at);
    return true;
  }

  /**
   * Runs one h5wasm call while recording the positioned reads it makes of this file. Undefined
   * when the call fails (its error is reported by HDF5's own path, which runs next).
   */
  private observeReads(call: () => number): ObservedRead[] | undefined {
    type Read = (
      this: unknown,
      stream: { path?: string },
      buffer: ArrayBufferView,
      offset: number,
      length: number,
      position?: number,
    ) => number;
    const fs = this.f.h5.FS as unknown as { read: Read };
    const original = fs.read;
    const reads: ObservedRead[] = [];
    const fsPath = this.f.fsPath;
    fs.read = function (stream, buffer, offset, length, position) {
      const got = original.call(this, stream, buffer, offset, length, position);
      if (position !== undefined && stream?.path === fsPath)
        reads.push({ stream, position, length: got });
      return got;
    };
    try {
      return call() < 0 ? undefined : reads;
    } catch (e) {
      // A lost module instance cannot take HDF5's own path either: its error is the answer.
      if (this.f.guard.lost) throw e;
      return undefined;
    } finally {
      fs.read = original;
    }
  }

  /** Reads `length` bytes at `position` of the file into `dest` at `at`; false on a short read or an error. */
  private readAt(
    stream: object,
    dest: Uint8Array,
    at: number,
    length: number,
    position: number,
  ): boolean {
    const fs = this.f.h5.FS as unknown as {
      read(
        stream: object,
        buffer: Uint8Array,
        offset: number,
        length: number,
        position: number,
      ): number;
    };
    try {
      for (let done = 0; done < length;) {
        const got = fs.read(stream, dest, at + done, length - done, position + done);
        if (got <= 0) return false;
        done += got;
      }
      return true;
    } catch {
      return false;
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const B = (globalThis as { Buffer?: { compare(x: Uint8Array, y: Uint8Array): number } }).Buffer;
  if (B) return B.compare(a, b) === 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

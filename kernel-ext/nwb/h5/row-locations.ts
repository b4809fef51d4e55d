// Where a dataset's rows lie in its file, learned by watching HDF5 read them.
//
// Why: HDF5 in wasm spends 0.05–0.1 ms per call opening the dataset by path, building the
// selection and walking its layout — about as long as reading a 1 MB window itself — and hands
// the data back through the wasm heap, so a window costs a second copy. h5py pays neither. When a
// dataset is unfiltered, little-endian and stored with whole rows together (contiguous, or in
// chunks that span every dimension after the first), a window of rows whose file position is
// known is one file read straight into the result array.
//
// The positions are not computed from the file format (that is HDF5's job): HDF5 is asked to read
// a probe, the file reads it issues are observed, and a position is accepted only when exactly one
// read of the expected length was issued AND the bytes at that position equal what HDF5 returned.
// Anything else (fill values, a chunk served from HDF5's cache, external storage, a sieve-buffer
// read) leaves the block unlearned and its reads on HDF5's own path.

/** One file read HDF5 issued, as seen at the file-system layer. */
export interface ObservedRead {
  readonly stream: object;
  readonly position: number;
  readonly length: number;
}

/** Rows of one dataset to read through HDF5 so that a block's position can be learned. */
export interface RowProbe {
  readonly start: number;
  readonly stop: number;
  /** The length of the one file read HDF5 is expected to issue for it. */
  readonly expectLength: number;
  /** Where that read must start, relative to the block's position (rows before `start` in the block). */
  readonly offsetInBlock: number;
}

/** A part of a row window that is one file read. */
export interface RowPiece {
  readonly position: number;
  readonly length: number;
  /** Byte offset in the result. */
  readonly at: number;
}

/** Attempts at learning a block before it is left to HDF5 for good. */
const MAX_ATTEMPTS = 2;

export class RowLocations {
  /** Block index → file position of the block's first row. */
  private readonly known = new Map<number, number>();
  private readonly attempts = new Map<number, number>();
  /** The file stream every learned position refers to (one file per dataset). */
  stream: object | undefined;

  /**
   * @param rows length of the first dimension
   * @param rowBytes bytes of one row (the product of the other dimensions × element size)
   * @param blockRows rows stored together: the chunk's first dimension, or `rows` when contiguous
   * @param contiguous whether the dataset is one contiguous block (learned from two probes at its ends)
   */
  constructor(
    readonly rows: number,
    readonly rowBytes: number,
    readonly blockRows: number,
    readonly contiguous: boolean,
  ) {}

  /** Blocks that rows [a, b) touch and whose position is not known yet. */
  unknownBlocks(a: number, b: number): number[] {
    const out: number[] = [];
    for (let k = Math.floor(a / this.blockRows); k * this.blockRows < b; k++)
      if (!this.known.has(k)) out.push(k);
    return out;
  }

  /** The end of the run of known blocks that starts at `row` (clipped to `b`); `row` when its block is unknown. */
  knownUntil(row: number, b: number): number {
    let k = Math.floor(row / this.blockRows);
    while (k * this.blockRows < b && this.known.has(k)) k++;
    return Math.max(row, Math.min(b, k * this.blockRows));
  }

  /** Whether learning `block` is still worth trying. */
  learnable(block: number): boolean {
    return (this.attempts.get(block) ?? 0) < MAX_ATTEMPTS;
  }

  /**
   * The probes that teach `block`'s position. A chunk: its rows, which HDF5 reads as the whole
   * chunk in one read (`probeBytes` does not apply). Contiguous data: `probeBytes` of rows at
   * both ends and in the middle (one direct read each: more than HDF5's 64 KiB sieve buffer),
   * which must lie exactly as far apart as their rows — a dataset whose rows HDF5 gathers from
   * elsewhere (a virtual dataset, say) fails this.
   */
  probesFor(block: number, probeBytes: number): RowProbe[] {
    if (this.contiguous) {
      const k = Math.min(this.rows, Math.max(1, Math.ceil(probeBytes / this.rowBytes)));
      const len = k * this.rowBytes;
      const mid = Math.floor((this.rows - k) / 2);
      return [0, mid, this.rows - k].map((start) => ({
        start,
        stop: start + k,
        expectLength: len,
        offsetInBlock: start * this.rowBytes,
      }));
    }
    const start = block * this.blockRows;
    const stop = Math.min(this.rows, start + this.blockRows);
    return [{ start, stop, expectLength: this.blockRows * this.rowBytes, offsetInBlock: 0 }];
  }

  /**
   * From the reads HDF5 issued for `probe`, the block position they imply, or undefined when
   * they do not show one unambiguously (none or several reads of the expected length, or a
   * different file stream than earlier blocks).
   */
  positionFrom(
    probe: RowProbe,
    reads: readonly ObservedRead[],
  ): { position: number; stream: object } | undefined {
    const data = reads.filter((r) => r.length === probe.expectLength);
    if (data.length !== 1) return undefined;
    const { stream, position } = data[0];
    if (this.stream && stream !== this.stream) return undefined;
    return { position: position - probe.offsetInBlock, stream };
  }

  noteAttempt(block: number): void {
    this.attempts.set(block, (this.attempts.get(block) ?? 0) + 1);
  }

  learn(block: number, position: number, stream: object): void {
    this.stream = stream;
    this.known.set(block, position);
  }

  /** The file reads that make rows [a, b) (all blocks known), in result order. */
  pieces(a: number, b: number): RowPiece[] {
    const out: RowPiece[] = [];
    for (let row = a; row < b;) {
      const k = Math.floor(row / this.blockRows);
      const end = Math.min(b, (k + 1) * this.blockRows);
      const base = this.known.get(k);
      if (base === undefined) throw new Error(`row block ${k} has no known position`);
      const length = (end - row) * this.rowBytes;
      const position = base + (row - k * this.blockRows) * this.rowBytes;
      const last = out[out.length - 1];
      // Neighbouring chunks are often neighbours on disk too: one read serves both.
      if (last && last.position + last.length === position)
        out[out.length - 1] = { ...last, length: last.length + length };
      else out.push({ position, length, at: (row - a) * this.rowBytes });
      row = end;
    }
    return out;
  }
}

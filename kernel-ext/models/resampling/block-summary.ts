// Per-block extremes of a long in-memory series, so decimating a wide window reads whole blocks
// from the summary and only the partial blocks at pixel-bucket edges sample by sample. The result
// is exactly minMaxDecimate's (same first/min/max/last/NaN picks, ties to the first occurrence).

export const BLOCK = 256;

export class BlockSummary {
  readonly blocks: number;
  /** Per block: first and last finite index, first index of the min and of the max, first NaN; −1 when none. */
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly imin: Int32Array;
  readonly imax: Int32Array;
  readonly inan: Int32Array;

  constructor(readonly values: ArrayLike<number>) {
    const n = values.length;
    this.blocks = Math.ceil(n / BLOCK);
    this.first = new Int32Array(this.blocks).fill(-1);
    this.last = new Int32Array(this.blocks).fill(-1);
    this.imin = new Int32Array(this.blocks).fill(-1);
    this.imax = new Int32Array(this.blocks).fill(-1);
    this.inan = new Int32Array(this.blocks).fill(-1);
    for (let k = 0; k < this.blocks; k++) {
      const a = k * BLOCK;
      const b = Math.min(n, a + BLOCK);
      let first = -1,
        last = -1,
        imin = -1,
        imax = -1,
        inan = -1;
      let vmin = Infinity,
        vmax = -Infinity;
      for (let i = a; i < b; i++) {
        const v = values[i]!;
        if (v !== v) {
          if (inan < 0) inan = i;
          continue;
        }
        if (first < 0) first = i;
        last = i;
        if (v < vmin) {
          vmin = v;
          imin = i;
        }
        if (v > vmax) {
          vmax = v;
          imax = i;
        }
      }
      this.first[k] = first;
      this.last[k] = last;
      this.imin[k] = imin;
      this.imax[k] = imax;
      this.inan[k] = inan;
    }
  }
}

/** Running picks of one bucket, fed in index order by samples and by whole blocks. */
export class BucketPicks {
  first = -1;
  last = -1;
  imin = -1;
  imax = -1;
  inan = -1;
  vmin = Infinity;
  vmax = -Infinity;

  reset(): void {
    this.first = this.last = this.imin = this.imax = this.inan = -1;
    this.vmin = Infinity;
    this.vmax = -Infinity;
  }

  samples(values: ArrayLike<number>, a: number, b: number): void {
    for (let i = a; i < b; i++) {
      const v = values[i]!;
      if (v !== v) {
        if (this.inan < 0) this.inan = i;
        continue;
      }
      if (this.first < 0) this.first = i;
      this.last = i;
      if (v < this.vmin) {
        this.vmin = v;
        this.imin = i;
      }
      if (v > this.vmax) {
        this.vmax = v;
        this.imax = i;
      }
    }
  }

  block(s: BlockSummary, k: number): void {
    const values = s.values;
    if (s.first[k]! >= 0) {
      if (this.first < 0) this.first = s.first[k]!;
      this.last = s.last[k]!;
      const lo = values[s.imin[k]!]!;
      if (lo < this.vmin) {
        this.vmin = lo;
        this.imin = s.imin[k]!;
      }
      const hi = values[s.imax[k]!]!;
      if (hi > this.vmax) {
        this.vmax = hi;
        this.imax = s.imax[k]!;
      }
    }
    if (this.inan < 0 && s.inan[k]! >= 0) this.inan = s.inan[k]!;
  }

  /** Samples [a, b): whole blocks from the summary, the ragged ends sample by sample. */
  range(values: ArrayLike<number>, summary: BlockSummary | undefined, a: number, b: number): void {
    if (!summary || b - a < 2 * BLOCK) return this.samples(values, a, b);
    const k0 = Math.ceil(a / BLOCK);
    const k1 = Math.floor(b / BLOCK);
    this.samples(values, a, k0 * BLOCK);
    for (let k = k0; k < k1; k++) this.block(summary, k);
    this.samples(values, k1 * BLOCK, b);
  }
}

// hdmf-common VectorIndex: end offsets that cut a VectorData (its `target`) into ragged rows.
import { VectorData } from "./vector-data.js";
import { toFloat64 } from "../../ndarray.js";

export class VectorIndex extends VectorData {
  /** Path of the VectorData this index cuts up (from the `target` reference), if recorded. */
  get targetPath(): string | undefined {
    const t = this.attr("target");
    return typeof t === "object" &&
      t !== null &&
      "path" in t &&
      typeof t.path === "string" &&
      t.path
      ? t.path
      : undefined;
  }

  /** [start, stop) of row `i` in the target. */
  async bounds(i: number): Promise<[number, number]> {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) {
      throw this.ctx.error(this.path, `a row index in [0, ${this.length}), got ${i}`);
    }
    const r = toFloat64((await this.slice([Math.max(0, i - 1), i + 1])).data);
    return i === 0 ? [0, r[0]] : [r[0], r[1]];
  }

  /** All end offsets as numbers. */
  async offsets(): Promise<Float64Array> {
    return toFloat64((await this.read()).data);
  }
}

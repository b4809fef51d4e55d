// NWB TwoPhotonSeries: a two-photon movie of one ImagingPlane. Frames are read one at a time or
// in chunks, so projections never hold the whole movie in memory.
import { ImageSeries } from "../image/image-series.js";
import { ImagingPlane } from "./imaging-plane.js";
import { displayValue, type DisplayField } from "../../h5-object.js";
import { sizeOf, toFloat64, type NDArray } from "../../ndarray.js";
import { channelMap } from "../../value-scaling.js";

export interface ProjectionOptions {
  /** First frame (default 0). */
  start?: number;
  /** Frame after the last (default: all frames). */
  stop?: number;
  /** Frames read per request (default: about 16 MB worth). */
  chunkFrames?: number;
  /** Called after each chunk with frames done and frames total. */
  onProgress?: (done: number, total: number) => void;
  /** Use stored values without conversion/offset. */
  raw?: boolean;
}

export class TwoPhotonSeries extends ImageSeries {
  get imagingPlane(): ImagingPlane {
    return this.typed("imaging_plane", ImagingPlane, "a link 'imaging_plane' to an ImagingPlane");
  }

  get fieldOfView(): number[] | undefined {
    const v = this.optionalDataset("field_of_view")?.smallValue();
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, Number);
    return undefined;
  }

  get pmtGain(): number | undefined {
    return this.attrNumber("pmt_gain");
  }

  get scanLineRate(): number | undefined {
    return this.attrNumber("scan_line_rate");
  }

  /** Frame `i` as stored (shape = frameShape). */
  async frame(i: number): Promise<NDArray> {
    const n = this.frameCount;
    if (!Number.isInteger(i) || i < 0 || i >= n)
      throw this.ctx.error(`${this.path}/data`, `a frame index in [0, ${n}), got ${i}`);
    return this.data.slice(i);
  }

  /** Mean or max over frames [start, stop), read in chunks. */
  async projection(
    kind: "mean" | "max",
    options: ProjectionOptions = {},
  ): Promise<NDArray<Float64Array>> {
    const d = this.data;
    if (d.ndim < 3)
      throw this.ctx.error(
        d.path,
        `image frames (at least 3 dimensions: time × x × y), found shape [${d.shape.join(", ")}]`,
      );
    const n = d.shape[0];
    const start = Math.max(0, options.start ?? 0);
    const stop = Math.min(n, options.stop ?? n);
    const frameShape = d.shape.slice(1);
    const frameSize = sizeOf(frameShape);
    const bytesPerValue =
      d.dtype.class === "float" || d.dtype.class === "int" || d.dtype.class === "uint"
        ? d.dtype.size
        : 8;
    const chunk = Math.max(
      1,
      options.chunkFrames ?? Math.floor((16 << 20) / Math.max(1, frameSize * bytesPerValue)),
    );
    // The maximum in the unit is the stored minimum when the conversion is negative.
    const { gain, offset } = options.raw
      ? { gain: 1, offset: 0 }
      : channelMap(await this.valueScaling());
    const extreme = kind === "max" ? (gain < 0 ? "min" : "max") : undefined;
    const acc = new Float64Array(frameSize).fill(
      extreme === "max" ? -Infinity : extreme === "min" ? Infinity : 0,
    );
    for (let a = start; a < stop; a += chunk) {
      const b = Math.min(stop, a + chunk);
      const block = toFloat64((await d.slice([a, b])).data);
      for (let f = 0; f < b - a; f++) {
        const base = f * frameSize;
        if (extreme === "max")
          for (let p = 0; p < frameSize; p++) acc[p] = Math.max(acc[p], block[base + p]);
        else if (extreme === "min")
          for (let p = 0; p < frameSize; p++) acc[p] = Math.min(acc[p], block[base + p]);
        else for (let p = 0; p < frameSize; p++) acc[p] += block[base + p];
      }
      options.onProgress?.(b - start, stop - start);
    }
    const count = stop - start;
    if (kind === "mean")
      for (let p = 0; p < frameSize; p++) acc[p] = count > 0 ? acc[p] / count : NaN;
    if (count === 0) acc.fill(NaN);
    if (gain !== 1 || offset !== 0)
      for (let p = 0; p < frameSize; p++) acc[p] = acc[p] * gain + offset;
    return { data: acc, shape: frameShape, dtype: { class: "float", size: 8 } };
  }

  override displayFields(): DisplayField[] {
    const f = super.displayFields();
    f.push(["imaging plane", displayValue(() => this.imagingPlane.path)]);
    const fov = this.fieldOfView;
    if (fov) f.push(["field of view", fov.join(" × ")]);
    return f;
  }
}

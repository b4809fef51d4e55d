// Where a movie's frames come from: memory, or an NWB ImageSeries read one frame at a time.
import type { ImageSeries } from "../../nwb/neurodata/image/image-series.js";
import { toFloat64 } from "../../nwb/ndarray.js";
import { channelMap } from "../../nwb/value-scaling.js";

export interface FrameSource {
  readonly frameCount: number;
  /** [height, width]. */
  readonly frameSize: [number, number];
  readonly rate: number | null;
  readonly startTime: number;
  timeOf(index: number): Promise<number>;
  /** Every frame's time, when the frames are not regular (rate null); one read instead of one per
   *  frame. Optional: without it the times are read one by one. */
  frameTimes?(): Promise<Float64Array>;
  /** Frame `index` as Float32 [height, width], row-major. */
  frame(index: number): Promise<Float32Array>;
}

/** Frames held in memory: `frames` is [count, height, width] row-major. */
export class ArrayFrameSource implements FrameSource {
  readonly frameCount: number;
  constructor(
    readonly frames: ArrayLike<number>,
    readonly frameSize: [number, number],
    readonly rate: number | null = null,
    readonly startTime = 0,
    readonly timestamps?: ArrayLike<number>,
  ) {
    const per = frameSize[0] * frameSize[1];
    if (per <= 0 || frames.length % per !== 0)
      throw new RangeError(
        `movie: ${frames.length} values are not whole ${frameSize[0]}×${frameSize[1]} frames`,
      );
    this.frameCount = frames.length / per;
  }
  async timeOf(i: number): Promise<number> {
    if (this.timestamps) return this.timestamps[i]!;
    return this.startTime + (this.rate ? i / this.rate : i);
  }
  async frameTimes(): Promise<Float64Array> {
    return Float64Array.from({ length: this.frameCount }, (_, i) =>
      this.timestamps ? this.timestamps[i]! : this.startTime + (this.rate ? i / this.rate : i),
    );
  }
  async frame(i: number): Promise<Float32Array> {
    const per = this.frameSize[0] * this.frameSize[1];
    return Float32Array.from({ length: per }, (_, k) => this.frames[i * per + k]!);
  }
}

/** Frames of an NWB ImageSeries / TwoPhotonSeries ([time, x, y] → rows = x, like imshow). */
export class SeriesFrameSource implements FrameSource {
  readonly frameCount: number;
  readonly frameSize: [number, number];
  readonly rate: number | null;
  readonly startTime: number;

  constructor(readonly series: ImageSeries) {
    const d = series.data;
    if (d.ndim < 3)
      throw new Error(
        `${series.file}: ${series.path}/data: expected frames (time × x × y), found shape [${d.shape.join(", ")}]`,
      );
    this.frameCount = d.shape[0]!;
    this.frameSize = [d.shape[1]!, d.shape[2]!];
    const rate = series.rate;
    this.rate = rate !== undefined && rate > 0 && !series.timestamps ? rate : null;
    this.startTime = series.startingTime ?? 0;
  }

  async timeOf(i: number): Promise<number> {
    return (await this.series.times(i, i + 1))[0] ?? NaN;
  }

  frameTimes(): Promise<Float64Array> {
    return this.series.times(0, this.frameCount);
  }

  async frame(i: number): Promise<Float32Array> {
    const raw = await this.series.data.slice(i);
    const values = toFloat64(raw.data);
    const [h, w] = this.frameSize;
    const depth = values.length / (h * w);
    const { gain, offset } = channelMap(await this.series.valueScaling());
    const out = new Float32Array(h * w);
    // A z axis (volumetric frames) is shown as its maximum in the unit (scaled first: a negative
    // conversion turns the stored minimum into the maximum).
    for (let p = 0; p < h * w; p++) {
      let v = values[p * depth]! * gain + offset;
      for (let z = 1; z < depth; z++) v = Math.max(v, values[p * depth + z]! * gain + offset);
      out[p] = v;
    }
    return out;
  }
}

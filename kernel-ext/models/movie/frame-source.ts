// Where a movie's frames come from: memory, or an NWB ImageSeries read one frame at a time.
import type { EncodedFrame } from "../../../contract/movie.js";
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
  /** Frame `index` as its stored integer codes with their scale (conversion and offset), when
   *  the stored type fits Uint16 (camera counts): a frame then travels without conversions.
   *  Null when it does not; optional. */
  codedFrame?(index: number): Promise<CodedFrame | null>;
}

/** Stored codes q of a frame, standing for `scale[0] + q · scale[1]`, and the frame's range in
 *  the unit (Float32, as `frame` would give it). */
export interface CodedFrame extends EncodedFrame {
  pixels: Uint16Array;
  scale: [number, number];
  range: [number, number];
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
    const values = raw.data instanceof Float64Array ? raw.data : stripBigInt(raw.data);
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

  async codedFrame(i: number): Promise<CodedFrame | null> {
    const [h, w] = this.frameSize;
    const raw = await this.series.data.slice(i);
    const stored = raw.data;
    if (stored.length !== h * w) return null; // a z axis: shown as its maximum, through `frame`
    const { gain, offset } = channelMap(await this.series.valueScaling());
    let codes: Uint16Array;
    let zero = offset;
    if (stored instanceof Uint16Array) codes = stored;
    else if (stored instanceof Uint8Array) codes = Uint16Array.from(stored);
    else if (stored instanceof Int16Array) {
      // shifted into Uint16 (ScanImage stores int16): q = v + 32768, the offset moved to match
      codes = new Uint16Array(stored.length);
      for (let p = 0; p < stored.length; p++) codes[p] = stored[p]! + 32768;
      zero = offset - 32768 * gain;
    } else return null;
    let min = 65535;
    let max = 0;
    for (let p = 0; p < codes.length; p++) {
      const q = codes[p]!;
      if (q < min) min = q;
      if (q > max) max = q;
    }
    const [a, b] = [Math.fround(zero + min * gain), Math.fround(zero + max * gain)];
    return { pixels: codes, scale: [zero, gain], range: a <= b ? [a, b] : [b, a] };
  }
}

/** Stored values as numbers (int64 converted; other typed arrays are read as they are). */
function stripBigInt(values: Parameters<typeof toFloat64>[0]): ArrayLike<number> {
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) return toFloat64(values);
  return ArrayBuffer.isView(values) ? (values as unknown as ArrayLike<number>) : toFloat64(values);
}

// A lane read lazily from an NWB TimeSeries. Small windows are read from the file as asked; the
// first window covering a large part of the series loads the whole channel once (stored values,
// unscaled) so later pans and zooms decimate in memory. The series' scaling (conversion,
// channel_conversion, offset: value-scaling.ts) is applied only to the kept samples; a linear map
// keeps the same samples as a bucket's extremes whatever its sign (a negative gain swaps which one
// is the minimum, not which samples are kept).
import type { LaneSlice } from "../../../contract/trace.js";
import { BlockSummary } from "../resampling/block-summary.js";
import { sliceLine, sliceWindow } from "../resampling/lane-slice.js";
import { shiftAxis, type TimeAxis, timeAt, windowIndices } from "../resampling/time-axis.js";
import { countNaNGaps, type LaneSource } from "./lane-source.js";
import { channelMap, type LinearMap, type ValueScaling } from "../../nwb/value-scaling.js";

/** What this module needs of the NWB reader's TimeSeries (kernel-ext/nwb/time-series.ts). */
export interface TimeSeriesLike {
  readonly path: string;
  readonly name: string;
  readonly file: string;
  readonly numSamples: number;
  readonly rate: number | undefined;
  readonly startingTime: number | undefined;
  /** Stored value → unit (conversion, channel_conversion, offset). */
  valueScaling(): Promise<ValueScaling>;
  readonly timestamps: unknown;
  /** The data dataset, read by hyperslab (stored values, no conversion). */
  readonly data: {
    slice(...dims: (number | [number, number])[]): Promise<{ data: unknown; shape: number[] }>;
  };
  times(start: number, stop: number): Promise<Float64Array>;
}

/** Windows covering more than this fraction of the series load the whole channel into memory. */
const LOAD_ALL_FRACTION = 0.1;

export class TimeSeriesLaneSource implements LaneSource {
  readonly kind = "line" as const;
  readonly sampleCount: number;
  readonly rate: number | null;
  readonly messages: string[] = [];
  extent: [number, number] = [0, 0];
  private axis: TimeAxis | undefined;
  private all: ArrayLike<number> | undefined;
  private summary: BlockSummary | undefined;
  private scale: LinearMap = { gain: 1, offset: 0 };
  /** Sample indices in time order, when the file's timestamps are not (the lane is then kept whole, sorted). */
  private timeOrder: Uint32Array | undefined;

  private constructor(
    readonly series: TimeSeriesLike,
    readonly channel: number | undefined,
  ) {
    this.sampleCount = series.numSamples;
    this.rate =
      series.rate !== undefined && series.rate > 0 && !series.timestamps ? series.rate : null;
  }

  /** `channel`: which column of a 2-D series (default: the only one, or 0). */
  static async open(series: TimeSeriesLike, channel?: number): Promise<TimeSeriesLaneSource> {
    const s = new TimeSeriesLaneSource(series, channel);
    s.scale = channelMap(await series.valueScaling(), channel ?? 0);
    const n = s.sampleCount;
    if (s.rate !== null) {
      s.axis = { kind: "rate", start: series.startingTime ?? 0, rate: s.rate };
    } else if (series.timestamps) {
      const times = await series.times(0, n);
      s.timeOrder = timeOrderIfUnsorted(times);
      if (s.timeOrder) {
        s.messages.push("timestamps out of order: samples drawn in time order");
        s.axis = { kind: "timestamps", times: Float64Array.from(s.timeOrder, (i) => times[i]!) };
      } else s.axis = { kind: "timestamps", times };
    } else if (n > 0) {
      throw new Error(
        `${series.file}: ${series.path}: expected 'timestamps' or 'starting_time' with a positive 'rate' to place samples in time`,
      );
    }
    if (n === 0) s.messages.push("no samples");
    else {
      s.extent = [timeAt(s.axis!, 0), timeAt(s.axis!, n - 1)];
    }
    return s;
  }

  private async read(start: number, stop: number): Promise<ArrayLike<number>> {
    // Straight from the dataset: only stored values are needed (conversion is applied to the kept
    // samples), and sample times come from the axis, not from a per-sample time array.
    const w =
      this.channel !== undefined
        ? await this.series.data.slice([start, stop], this.channel)
        : await this.series.data.slice([start, stop]);
    const d = w.data;
    if (d instanceof BigInt64Array || d instanceof BigUint64Array)
      return Float64Array.from(d, Number);
    if (!ArrayBuffer.isView(d))
      throw new Error(
        `${this.series.file}: ${this.series.path}/data: expected numeric samples, found ${Array.isArray(d) ? "text" : typeof d}`,
      );
    const shape = w.shape;
    const width = shape.slice(1).reduce((a, b) => a * b, 1);
    if (width !== 1) {
      // A 2-D series with no channel chosen: show channel 0.
      const col = new Float64Array(shape[0]!);
      const src = d as unknown as ArrayLike<number>;
      for (let i = 0; i < col.length; i++) col[i] = src[i * width]!;
      if (!this.messages.some((m) => m.startsWith("showing channel 0")))
        this.messages.push(`showing channel 0 of ${width}`);
      return col;
    }
    return d as unknown as ArrayLike<number>;
  }

  async slice(laneId: string, t0: number, t1: number, pixels: number): Promise<LaneSlice> {
    const n = this.sampleCount;
    const { gain, offset } = this.scale;
    if (n === 0 || !this.axis)
      return sliceLine(
        laneId,
        new Float32Array(0),
        { kind: "rate", start: 0, rate: 1 },
        t0,
        t1,
        pixels,
      );
    if (this.all)
      return sliceLine(laneId, this.all, this.axis, t0, t1, pixels, gain, offset, this.summary);
    // The window's indices are found once, on the whole series, and handed on with the samples.
    const [i0, i1] = windowIndices(this.axis, n, t0, t1);
    if (this.timeOrder || i1 - i0 > LOAD_ALL_FRACTION * n) {
      const stored = await this.read(0, n);
      const order = this.timeOrder;
      this.all = order ? Float64Array.from(order, (i) => stored[i]!) : stored;
      this.summary = new BlockSummary(this.all);
      const gaps = countNaNGaps(this.all);
      if (gaps > 0) this.messages.push(`${gaps} NaN gap${gaps === 1 ? "" : "s"} (drawn as breaks)`);
      return sliceWindow(
        laneId,
        { values: this.all, axis: this.axis, i0, i1, summary: this.summary, gain, offset },
        t0,
        t1,
        pixels,
      );
    }
    // Only the window, with one neighbour each side.
    const a = Math.max(0, i0 - 1);
    const b = Math.min(n, i1 + 1);
    const values = await this.read(a, b);
    return sliceWindow(
      laneId,
      { values, axis: shiftAxis(this.axis, a), i0: i0 - a, i1: i1 - a, gain, offset },
      t0,
      t1,
      pixels,
    );
  }
}

/** The permutation that sorts `times` (stable), or undefined when they are already non-decreasing. */
function timeOrderIfUnsorted(times: Float64Array): Uint32Array | undefined {
  let sorted = true;
  for (let i = 1; i < times.length && sorted; i++) if (times[i]! < times[i - 1]!) sorted = false;
  if (sorted) return undefined;
  const order = Uint32Array.from(times, (_, i) => i);
  return order.sort((a, b) => times[a]! - times[b]! || a - b);
}

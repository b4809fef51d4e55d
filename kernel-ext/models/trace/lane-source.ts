// Where a lane's samples come from. The model only asks a source for [t0, t1] at some pixel width;
// the source reads what it needs (from memory or lazily from an NWB file) and decimates beside it.
import type { LaneKind, LaneSlice } from "../../../contract/trace.js";
import { BlockSummary } from "../resampling/block-summary.js";
import { sliceEvents, sliceLine } from "../resampling/lane-slice.js";
import { type TimeAxis, timeAt } from "../resampling/time-axis.js";

export interface LaneSource {
  readonly kind: LaneKind;
  readonly sampleCount: number;
  /** [first, last] sample/event time, [0, 0] when empty. */
  readonly extent: [number, number];
  readonly rate: number | null;
  /** What is missing or odd in the data ("no samples", "3 NaN gaps"). */
  readonly messages: string[];
  slice(laneId: string, t0: number, t1: number, pixels: number): Promise<LaneSlice>;
}

/** Counts runs of NaN (gaps) in `values`. */
export function countNaNGaps(values: ArrayLike<number>): number {
  let gaps = 0;
  let inGap = false;
  for (let i = 0; i < values.length; i++) {
    const nan = values[i] !== values[i];
    if (nan && !inGap) gaps++;
    inGap = nan;
  }
  return gaps;
}

/** A sampled signal held in memory (a typed array and its time base). */
export class ArrayLaneSource implements LaneSource {
  readonly kind = "line" as const;
  readonly sampleCount: number;
  readonly extent: [number, number];
  readonly rate: number | null;
  readonly messages: string[] = [];

  constructor(
    readonly values: ArrayLike<number>,
    readonly axis: TimeAxis,
  ) {
    const n = values.length;
    this.sampleCount = n;
    if (axis.kind === "timestamps" && axis.times.length !== n) {
      throw new RangeError(
        `trace lane: ${n} values but ${axis.times.length} timestamps; expected one timestamp per value`,
      );
    }
    if (axis.kind === "rate" && !(axis.rate > 0))
      throw new RangeError(`trace lane: rate must be > 0 Hz, got ${axis.rate}`);
    this.rate = axis.kind === "rate" ? axis.rate : null;
    this.extent = n ? [timeAt(axis, 0), timeAt(axis, n - 1)] : [0, 0];
    if (n === 0) this.messages.push("no samples");
    else {
      const gaps = countNaNGaps(values);
      if (gaps === 1 && values.length > 0 && countFinite(values) === 0)
        this.messages.push("every sample is NaN");
      else if (gaps > 0)
        this.messages.push(`${gaps} NaN gap${gaps === 1 ? "" : "s"} (drawn as breaks)`);
    }
  }

  private summary: BlockSummary | undefined;

  async slice(laneId: string, t0: number, t1: number, pixels: number): Promise<LaneSlice> {
    // Long series get block extremes once, so wide windows skip most samples.
    if (!this.summary && this.values.length >= SUMMARY_MIN_SAMPLES)
      this.summary = new BlockSummary(this.values);
    return sliceLine(laneId, this.values, this.axis, t0, t1, pixels, 1, 0, this.summary);
  }
}

/** Series at least this long get a block summary. */
export const SUMMARY_MIN_SAMPLES = 1 << 20;

function countFinite(values: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  return n;
}

/** Event times (spikes) held in memory; sorted on construction. */
export class EventLaneSource implements LaneSource {
  readonly kind = "events" as const;
  readonly sampleCount: number;
  readonly extent: [number, number];
  readonly rate = null;
  readonly messages: string[] = [];
  readonly times: Float64Array;

  constructor(times: ArrayLike<number>, what = "events") {
    const finite = Array.from(times).filter((t) => Number.isFinite(t));
    if (finite.length < times.length)
      this.messages.push(`${times.length - finite.length} non-finite ${what} times left out`);
    this.times = Float64Array.from(finite).sort();
    this.sampleCount = this.times.length;
    this.extent = this.sampleCount ? [this.times[0]!, this.times[this.sampleCount - 1]!] : [0, 0];
    if (this.sampleCount === 0) this.messages.push(`no ${what}`);
  }

  async slice(laneId: string, t0: number, t1: number, pixels: number): Promise<LaneSlice> {
    return sliceEvents(laneId, this.times, t0, t1, pixels);
  }
}

// NWB TimeSeries: `data` with its first dimension as time, the time base given by
// `starting_time` + `rate` or by `timestamps`, and `conversion`/`offset` to reach `unit`.
import { NWBContainer } from "./nwb-container.js";
import type { DisplayField, DimSelection, LazyDataset } from "../../h5-object.js";
import { isTypedArray, toFloat64, type NDArray } from "../../ndarray.js";
import type { Summary } from "../../summary.js";
import { scaleValues, type ValueScaling } from "../../value-scaling.js";

export interface WindowOptions {
  /** Return stored values without conversion/offset (and without channel_conversion). */
  raw?: boolean;
  /** Selections of the dimensions after time (e.g. `[[0, 8]]` for channels 0–7, `[3]` for channel 3). */
  select?: DimSelection[];
}

export interface TimeWindow {
  /** Samples [start, stop) — in `unit` (Float64Array) unless `raw` was asked for. */
  readonly data: NDArray;
  /** Time of each sample in seconds. */
  readonly times: Float64Array;
  readonly start: number;
  readonly stop: number;
  /** Unit of `data` ("" when the file gives none). */
  readonly unit: string;
  /**
   * One channel (`channel`, default the only one) with its time base, as the analysis functions
   * take it: `{values, rate, startTime}` for regularly sampled series, `{values, timestamps}` else.
   */
  signal(channel?: number): WindowSignal;
}

/** A window's samples of one channel with their time base (the analysis functions' SampledSignal). */
export type WindowSignal =
  | { readonly values: Float64Array; readonly rate: number; readonly startTime: number }
  | { readonly values: Float64Array; readonly timestamps: Float64Array };

/** Timestamps up to this many are read once and searched in memory; longer ones are searched on disk. */
const TIMESTAMPS_IN_MEMORY = 1 << 18;

export class TimeSeries extends NWBContainer {
  #timestampCache?: Float64Array;
  /** [first, last] sample time, once known (every readWindow checks against it). */
  #extent?: [number, number];

  get data(): LazyDataset {
    return this.dataset("data", "the dataset 'data' of a TimeSeries");
  }

  /** Unit of the converted data (`data.unit`). */
  get unit(): string {
    const u = this.data.attrString("unit");
    if (u === undefined)
      throw this.ctx.error(`${this.path}/data`, "a 'unit' attribute (text) on TimeSeries data");
    return u;
  }

  get conversion(): number {
    return this.optionalDataAttr("conversion") ?? 1;
  }

  get offset(): number {
    return this.optionalDataAttr("offset") ?? 0;
  }

  get resolution(): number {
    return this.optionalDataAttr("resolution") ?? -1;
  }

  get continuity(): string | undefined {
    return this.optionalDataset("data")?.attrString("continuity");
  }

  get comments(): string | undefined {
    return this.attrString("comments");
  }

  private optionalDataAttr(name: string): number | undefined {
    return this.optionalDataset("data")?.attrNumber(name);
  }

  /** Time of the first sample (s) when the series is regularly sampled. */
  get startingTime(): number | undefined {
    return this.scalarNumber("starting_time");
  }

  /** Sampling rate (Hz) when regularly sampled. */
  get rate(): number | undefined {
    return this.optionalDataset("starting_time")?.attrNumber("rate");
  }

  /** The timestamps dataset (possibly linked from another series), when not regularly sampled. */
  get timestamps(): LazyDataset | undefined {
    return this.optionalDataset("timestamps");
  }

  /** Number of samples (length of the time axis). */
  get numSamples(): number {
    const d = this.optionalDataset("data");
    if (d && d.ndim > 0) return d.shape[0];
    return this.timestamps?.length ?? 0;
  }

  /** What stored values are multiplied by and shifted by to reach `unit` (value-scaling.ts). */
  async valueScaling(): Promise<ValueScaling> {
    return { conversion: this.conversion, offset: this.offset };
  }

  /** Time (s) of sample `i`. */
  async timeAt(i: number): Promise<number> {
    const ts = this.timestamps;
    if (ts && this.#timestampCache && i >= 0 && i < this.#timestampCache.length)
      return this.#timestampCache[i];
    if (ts) return toFloat64((await ts.slice(i)).data)[0];
    return this.regularTime(i);
  }

  private regularTime(i: number): number {
    const rate = this.rate;
    if (rate === undefined || !(rate > 0)) {
      throw this.ctx.error(
        `${this.path}/starting_time`,
        "either 'timestamps' or 'starting_time' with a positive 'rate' attribute",
      );
    }
    return (this.startingTime ?? 0) + i / rate;
  }

  /** Times (s) of samples [start, stop). */
  async times(start: number, stop: number): Promise<Float64Array> {
    const n = Math.max(0, stop - start);
    const ts = this.timestamps;
    if (ts) {
      if (this.#timestampCache) return this.#timestampCache.slice(start, stop);
      return toFloat64((await ts.slice([start, stop])).data).slice();
    }
    this.regularTime(start); // validates the time base (throws the explanatory error)
    return regularTimes(this.startingTime ?? 0, this.rate as number, start, start + n);
  }

  /** Index of the first sample at or after time `t` (numSamples when none is). */
  async indexAtTime(t: number): Promise<number> {
    const n = this.numSamples;
    const ts = this.timestamps;
    if (!ts) {
      const rate = this.rate;
      if (rate === undefined || !(rate > 0)) this.regularTime(0); // throws the explanatory error
      const i = Math.ceil((t - (this.startingTime ?? 0)) * (rate as number) - 1e-9);
      return Math.min(Math.max(i, 0), n);
    }
    const len = Math.min(n, ts.length);
    if (len <= TIMESTAMPS_IN_MEMORY) {
      this.#timestampCache ??= toFloat64((await ts.read()).data).slice();
      const a = this.#timestampCache;
      let lo = 0;
      let hi = len;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (a[mid] < t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (toFloat64((await ts.slice(mid)).data)[0] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Samples [start, stop) with their times; scaled to `unit` unless `raw`. */
  async readSamples(start: number, stop: number, options: WindowOptions = {}): Promise<TimeWindow> {
    const n = this.numSamples;
    const a = Math.min(Math.max(0, Math.floor(start)), n);
    const b = Math.min(Math.max(a, Math.floor(stop)), n);
    const d = this.data;
    const rest = options.select ?? [];
    const raw = await d.slice([a, b], ...rest);
    const data: NDArray =
      options.raw || !isNumeric(raw)
        ? raw
        : {
            data: scaleValues(
              raw.data as ArrayLike<number>,
              raw.shape,
              await this.valueScaling(),
              channelsOf(rest[0], d.shape),
            ),
            shape: raw.shape,
            dtype: { class: "float", size: 8 },
          };
    const unit = this.optionalDataset("data")?.attrString("unit") ?? "";
    const values = (channel?: number) => this.channelValues(data, channel);
    if (this.timestamps) {
      const times = await this.times(a, b);
      return withSignal({ data, times, start: a, stop: b, unit }, (channel) => ({
        values: values(channel),
        timestamps: times,
      }));
    }
    // Regular sampling: times are computed when first asked for (all of a 24 M-sample
    // recording's would take 192 MB, and most callers only need the samples).
    this.regularTime(a); // validates the time base (throws the explanatory error)
    const t0 = this.startingTime ?? 0;
    const rate = this.rate as number;
    let times: Float64Array | undefined;
    const w = {
      data,
      start: a,
      stop: b,
      unit,
      get times() {
        return (times ??= regularTimes(t0, rate, a, b));
      },
    };
    return withSignal(w, (channel) => ({
      values: values(channel),
      rate,
      startTime: t0 + a / rate,
    }));
  }

  /** Samples of one channel of a window's data (1-D, or 2-D samples × channels) as numbers. */
  private channelValues(data: NDArray, channel: number | undefined): Float64Array {
    if (!isNumeric(data))
      throw this.ctx.error(
        `${this.path}/data`,
        "numeric samples for a signal, found text or compound values",
      );
    const width = data.shape.slice(1).reduce((x, y) => x * y, 1);
    const all = toFloat64(data.data);
    if (data.shape.length > 2)
      throw this.ctx.error(
        `${this.path}/data`,
        `a 1-D or 2-D (samples × channels) window for a signal, got shape (${data.shape.join(", ")})`,
      );
    if (channel === undefined) {
      if (width === 1) return all === data.data ? all.slice() : all;
      throw this.ctx.error(
        `${this.path}/data`,
        `a channel in [0, ${width}) for a signal of this ${width}-channel window: window.signal(channel)`,
      );
    }
    if (!Number.isInteger(channel) || channel < 0 || channel >= width) {
      throw this.ctx.error(`${this.path}/data`, `a channel in [0, ${width}), got ${channel}`);
    }
    const n = data.shape[0] ?? 0;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = all[i * width + channel];
    return out;
  }

  /**
   * Samples with t0 ≤ time < t1 (seconds). A window partly outside the series gives the part it
   * covers; a reversed or non-finite window, or one wholly outside the series, is an NWBError
   * (the latter naming the series' extent).
   */
  async readWindow(t0: number, t1: number, options: WindowOptions = {}): Promise<TimeWindow> {
    if (!Number.isFinite(t0) || !Number.isFinite(t1)) {
      throw this.ctx.error(
        this.path,
        `a time window [t0, t1) of finite times in seconds, got [${t0}, ${t1})`,
      );
    }
    if (t1 < t0)
      throw this.ctx.error(
        this.path,
        `a time window [t0, t1) with t0 ≤ t1, got [${t0}, ${t1}) (reversed)`,
      );
    const [start, end] = await this.extent();
    if (t1 <= start || t0 > end) {
      throw this.ctx.error(
        this.path,
        `a time window overlapping the series' extent [${start}, ${end}] s (${this.numSamples} samples), got [${t0}, ${t1}) s`,
      );
    }
    const [a, b] = await Promise.all([this.indexAtTime(t0), this.indexAtTime(t1)]);
    return this.readSamples(a, b, options);
  }

  /** Time (s) of the first sample, for regularly sampled and timestamped series alike. */
  async startTime(): Promise<number> {
    return (await this.extent())[0];
  }

  /** Time (s) of the last sample, for regularly sampled and timestamped series alike. */
  async endTime(): Promise<number> {
    return (await this.extent())[1];
  }

  /** [first, last] sample times (s): from starting_time and rate, or the first and last timestamps. */
  async extent(): Promise<[start: number, end: number]> {
    if (this.#extent) return [...this.#extent];
    const n = this.numSamples;
    if (n === 0)
      throw this.ctx.error(
        `${this.path}/data`,
        "samples to place in time, found none (the series is empty)",
      );
    this.#extent = this.timestamps
      ? await Promise.all([this.timeAt(0), this.timeAt(n - 1)])
      : [this.regularTime(0), this.regularTime(n - 1)];
    return [...this.#extent];
  }

  /** The whole series, scaled to `unit` unless `raw`. */
  async readAll(options: WindowOptions = {}): Promise<TimeWindow> {
    return this.readSamples(0, this.numSamples, options);
  }

  /** Duration covered (s), from the time base. */
  get samplingDescription(): string {
    const rate = this.rate;
    if (rate !== undefined) return `${rate} Hz from t = ${this.startingTime ?? 0} s`;
    const ts = this.timestamps;
    return ts ? `${ts.length} timestamps` : "no time base";
  }

  override summary(): Summary {
    const d = this.optionalDataset("data");
    const s: Summary = {
      ...super.summary(),
      shape: d ? [...d.shape] : undefined,
      dtype: d?.dtypeName,
      unit: d?.attrString("unit"),
    };
    const rate = this.rate;
    if (this.timestamps) s.timestamps = this.timestamps.length;
    else if (rate !== undefined && rate > 0) {
      s.rate = rate;
      s.startTime = this.startingTime ?? 0;
      if (this.numSamples > 0) s.endTime = this.regularTime(this.numSamples - 1);
    }
    return s;
  }

  override displayFields(): DisplayField[] {
    const f: DisplayField[] = [...super.displayFields()];
    const d = this.optionalDataset("data");
    if (this.description) f.push(["description", this.description]);
    f.push(["data", d ? `(${d.shape.join(", ")}) ${d.dtypeName}` : "⚠ missing"]);
    f.push(["unit", d?.attrString("unit") ?? "⚠ missing"]);
    if (this.conversion !== 1) f.push(["conversion", this.conversion]);
    if (this.offset !== 0) f.push(["offset", this.offset]);
    f.push(["time base", this.samplingDescription]);
    return f;
  }
}

/** Adds `signal` to a window, not enumerable: windows compare and print as their data. */
function withSignal(w: Omit<TimeWindow, "signal">, signal: TimeWindow["signal"]): TimeWindow {
  return Object.defineProperty(w, "signal", { value: signal, enumerable: false }) as TimeWindow;
}

/** Times (s) of samples [start, stop) of a series sampled at `rate` from `t0`. */
function regularTimes(t0: number, rate: number, start: number, stop: number): Float64Array {
  const out = new Float64Array(Math.max(0, stop - start));
  for (let k = 0; k < out.length; k++) out[k] = t0 + (start + k) / rate;
  return out;
}

function isNumeric(a: NDArray): boolean {
  return isTypedArray(a.data);
}

/** The channels a selection of dimension 1 picks: one index when it drops the channel axis (or the
 *  data have none), the list along the kept axis, undefined for all. */
function channelsOf(
  sel: DimSelection | undefined,
  shape: readonly number[],
): number | number[] | undefined {
  const n = shape[1];
  if (n === undefined) return 0;
  if (sel === undefined || sel === null) return undefined;
  if (typeof sel === "number") return sel < 0 ? n + sel : sel;
  const [a0, b0, s = 1] = sel;
  const a = Math.max(0, a0 < 0 ? n + a0 : a0);
  const b = Math.min(n, b0 < 0 ? n + b0 : b0);
  const out: number[] = [];
  for (let i = a; i < b; i += s) out.push(i);
  return out;
}

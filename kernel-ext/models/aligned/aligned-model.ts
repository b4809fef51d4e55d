// The kernel half of AlignedView: a signal cut around event times (alignedTraces, the same code
// path as CouplingView's event-triggered averages), resampled kernel-side onto a lag grid of at
// most `maxLags` lags, grouped and sorted by the events' columns, with mean ± s.e.m. per group.
// The view changing `groupBy` / `sortBy` regroups without cutting the signal again.
import { alignedTraces } from "../../analysis/aligned/aligned-traces.js";
import {
  checkSignal,
  sampleTimes,
  type SampledSignal,
} from "../../analysis/util/sampled-signal.js";
import type { AlignedState } from "../../../contract/aligned.js";
import { Widget } from "../../kernel/widget/widget.js";
import { widgetSpec } from "../spec.js";
import { alignedRows, valueRangeOf } from "./aligned-rows.js";
import { trialOrder, type ColumnValues } from "./trial-order.js";

export interface AlignedSignal {
  /** Values in their physical unit, with their time base. */
  signal: SampledSignal;
  label: string;
  unit: string;
}

export interface AlignedEvents {
  /** Event times (s), one trial each. */
  times: ArrayLike<number>;
  /** What they are, e.g. "trials.start_time" or "unit 3 spikes". */
  label: string;
  /** Values per event to group or sort by (e.g. the trials table's columns). */
  columns?: Record<string, ColumnValues>;
}

export interface AlignedViewOptions {
  /** [start, end] s relative to each event (default [-0.5, 1]). */
  window?: [number, number];
  groupBy?: string | null;
  sortBy?: string | null;
  /** Lags at most (default 400): finer signals are resampled onto a coarser grid kernel-side. */
  maxLags?: number;
  /** Lag step (s); default the signal's mean sample interval, coarsened to at most maxLags lags. */
  dt?: number;
  title?: string;
  source?: { path: string; neurodataType: string };
  messages?: string[];
}

/** The lag step: the signal's mean sample interval, coarsened so the window has at most maxLags lags. */
function lagStep(signal: SampledSignal, span: number, maxLags: number): number {
  const s = checkSignal(signal, "signal", 2);
  const dt =
    s.kind === "regular"
      ? 1 / s.rate
      : (() => {
          const t = sampleTimes(s);
          return (t[t.length - 1]! - t[0]!) / (t.length - 1);
        })();
  return Math.max(dt, span / (maxLags - 1));
}

export class AlignedModel extends Widget<AlignedState> {
  private readonly traces: Float64Array[];
  private readonly keptEvents: Int32Array;
  private readonly events: AlignedEvents;
  private readonly baseMessages: string[];
  private regrouping = false;

  private constructor(
    state: AlignedState,
    traces: Float64Array[],
    keptEvents: Int32Array,
    events: AlignedEvents,
    baseMessages: string[],
  ) {
    super(widgetSpec("aligned"), state);
    this.traces = traces;
    this.keptEvents = keptEvents;
    this.events = events;
    this.baseMessages = baseMessages;
    this.onChange((changed) => {
      if (!this.regrouping && ("groupBy" in changed || "sortBy" in changed)) this.regroup();
    });
  }

  static create(
    input: AlignedSignal,
    events: AlignedEvents,
    options: AlignedViewOptions = {},
  ): AlignedModel {
    const [start, end] = options.window ?? [-0.5, 1];
    if (!(Number.isFinite(start) && Number.isFinite(end) && start <= 0 && end > 0))
      throw new RangeError(
        `AlignedView: window needs start ≤ 0 < end (s from the event), got [${start}, ${end}]`,
      );
    const maxLags = options.maxLags ?? 400;
    if (!(Number.isInteger(maxLags) && maxLags >= 2))
      throw new RangeError(`AlignedView: maxLags needs an integer ≥ 2, got ${maxLags}`);
    const columns = Object.keys(events.columns ?? {});
    for (const [name, values] of Object.entries(events.columns ?? {}))
      if (values.length !== events.times.length)
        throw new RangeError(
          `AlignedView: column '${name}' has ${values.length} values for ${events.times.length} events`,
        );
    for (const key of ["groupBy", "sortBy"] as const) {
      const c = options[key];
      if (c != null && !columns.includes(c))
        throw new RangeError(
          `AlignedView: ${key} '${c}' is not a column of the events; expected one of: ${columns.join(", ") || "(none given)"}`,
        );
    }
    const dt = options.dt ?? lagStep(input.signal, end - start, maxLags);
    const aligned = alignedTraces(input.signal, events.times, {
      preSeconds: -start,
      postSeconds: end,
      dt,
    });
    const messages = [...(options.messages ?? [])];
    if (events.times.length === 0)
      messages.push(`no events in ${events.label}: nothing to align to`);
    if (aligned.skipped.length)
      messages.push(
        `${aligned.skipped.length} of ${events.times.length} events left out: their window [${start}, ${end}] s leaves the signal (or their time is not finite)`,
      );
    const state: AlignedState = {
      title: options.title ?? `${input.label} around ${events.label}`,
      source: options.source ?? { path: "", neurodataType: "" },
      messages: [],
      lags: Float32Array.from(aligned.time),
      window: [start, end],
      signal: { label: input.label, unit: input.unit },
      alignment: { label: events.label, eventCount: events.times.length },
      trials: [],
      traces: new Float32Array(0),
      groups: [],
      columns,
      groupBy: options.groupBy ?? null,
      sortBy: options.sortBy ?? null,
      valueRange: valueRangeOf(aligned.traces),
      timeLink: null,
      cursor: null,
    };
    const model = new AlignedModel(state, aligned.traces, aligned.eventIndex, events, messages);
    model.regroup();
    return model;
  }

  /** The kept trials' values of a column (null for none or an unknown column). */
  private columnOfKept(name: string | null): unknown[] | null {
    const values = name ? this.events.columns?.[name] : undefined;
    return values ? Array.from(this.keptEvents, (e) => values[e]) : null;
  }

  private regroup(): void {
    const { groupBy, sortBy } = this.state;
    const messages = [...this.baseMessages];
    for (const [key, c] of [
      ["groupBy", groupBy],
      ["sortBy", sortBy],
    ] as const)
      if (c != null && !this.state.columns.includes(c))
        messages.push(`${key}: no column '${c}'; not applied`);
    const sortValues = this.columnOfKept(sortBy);
    const order = trialOrder(this.traces.length, this.columnOfKept(groupBy), sortValues);
    const rows = alignedRows({
      traces: this.traces,
      nLags: (this.state.lags as Float32Array).length,
      order,
      eventOf: (i) => {
        const event = this.keptEvents[i]!;
        return { event, time: this.events.times[event]! };
      },
      rowLabel: (i) =>
        sortValues ? `${sortBy} ${String(sortValues[i])}` : `trial ${this.keptEvents[i]!}`,
      groupLabel: (group) => (groupBy ? `${groupBy} ${group.label}` : group.label),
    });
    this.regrouping = true;
    try {
      this.set({ ...rows, messages });
    } finally {
      this.regrouping = false;
    }
  }
}

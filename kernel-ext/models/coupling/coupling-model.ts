// The kernel half of CouplingView: one cell's voltage, spikes and ΔF/F on a shared time axis
// (the TraceView window protocol), beside ΔF/F averaged around isolated AP events of 1, 2 and 3+
// APs with fitted rise/decay — for one cell, or pooled per indicator (GCaMP6s vs GCaMP6f) — and the
// shown cell's events as aligned heat-map rows per AP class (the AlignedView rows, event-triggered
// traces cut by the one aligned-traces path).
import { lagGrid } from "../../analysis/aligned/aligned-traces.js";
import {
  eventWindows,
  fitRiseDecay,
  riseDecayModel,
  type Indicator,
} from "../../analysis/coupling/index.js";
import type {
  CouplingGroup,
  CouplingMode,
  CouplingState,
  KernelFit,
  TriggeredAverage,
} from "../../../contract/coupling.js";
import type { LaneSlice } from "../../../contract/trace.js";
import { Widget } from "../../kernel/widget/widget.js";
import { widgetSpec } from "../spec.js";
import { DEFAULT_OVERVIEW_PIXELS, LaneSet, type LaneInput } from "../trace/lane-set.js";
import {
  cellEventTraces,
  type CellTraces,
  groupAverages,
  type PooledAverage,
} from "./ap-class-averages.js";
import { couplingEventRows, NO_EVENT_ROWS } from "./event-rows.js";

export interface CouplingCell {
  id: string;
  label?: string;
  indicator?: Indicator;
  /** Cell-attached voltage lane (optional; values with rate, or a lane source). */
  voltage?: Omit<LaneInput, "label"> & { label?: string };
  /** Spike times (s). */
  spikes: ArrayLike<number>;
  /** ΔF/F and its frame times (s). */
  dff: ArrayLike<number>;
  frameTimes: ArrayLike<number>;
}

export interface CouplingViewOptions {
  title?: string;
  source?: { path: string; neurodataType: string };
  mode?: CouplingMode;
  cellIndex?: number;
  /** Seconds before and after the first AP (default 0.5, 2). */
  window?: [number, number];
  messages?: string[];
}

const GROUP_COLORS: Record<string, string> = { GCaMP6s: "#2ca02c", GCaMP6f: "#9467bd" };

function cellTraces(c: CouplingCell): CellTraces {
  return {
    label: c.label ?? c.id,
    indicator: c.indicator,
    spikes: Float64Array.from(c.spikes)
      .filter((t) => Number.isFinite(t))
      .sort(),
    dff: Float64Array.from(c.dff),
    frameTimes: Float64Array.from(c.frameTimes),
  };
}

/** Starting time constants (s) for the rise/decay fit: least squares from one start can settle on
 *  degenerate solutions (τrise ≫ τdecay, amplitudes of hundreds), so several starts are tried and
 *  the best plausible one kept. */
const RISE_STARTS = [0.02, 0.05, 0.1];
const DECAY_STARTS = [0.2, 0.5, 1, 2];

/** The fit of one average, or why there is none. */
/** The span of an average (s from the first AP) that no other spike can reach, given the event
 *  definition: isolation before the event, and after its last spike (within `groupSeconds` of the
 *  first for 2+ APs). Fitting past it mixes the next events into the decay, and fitting far before
 *  it mixes in the decay of earlier activity, so the rise/decay fit uses only this span. */
export function cleanSpan(
  indicator: Indicator | undefined,
  apClass: "1" | "2" | "3+",
): [number, number] {
  const w = eventWindows(indicator ?? "GCaMP6s");
  return [
    -Math.min(0.1, w.isolationBeforeSeconds),
    w.isolationAfterSeconds + (apClass === "1" ? 0 : w.groupSeconds),
  ];
}

export function fitAverage(
  allLags: Float64Array,
  avg: PooledAverage,
  span: [number, number] = [-Infinity, Infinity],
): { fit: KernelFit | null; curve: Float32Array; problem?: string } {
  if (avg.n === 0) return { fit: null, curve: new Float32Array(0) };
  if (avg.n < 3)
    return {
      fit: null,
      curve: new Float32Array(0),
      problem: `${avg.n} event${avg.n === 1 ? "" : "s"}: too few to fit`,
    };
  const keep: number[] = [];
  allLags.forEach((t, i) => {
    if (t >= span[0] && t <= span[1] && Number.isFinite(avg.mean[i]!)) keep.push(i);
  });
  const lags = Float64Array.from(keep, (i) => allLags[i]!);
  const mean = Float64Array.from(keep, (i) => avg.mean[i]!);
  if (lags.length < 8)
    return { fit: null, curve: new Float32Array(0), problem: "too few samples in the fit span" };
  const post = lags[lags.length - 1]!;
  let b = 0,
    nb = 0,
    ymax = -Infinity;
  mean.forEach((v, i) => {
    if (lags[i]! < 0) {
      b += v;
      nb++;
    }
    if (lags[i]! >= 0 && v > ymax) ymax = v;
  });
  b = nb ? b / nb : 0;
  let best: { p: number[]; cost: number } | undefined;
  for (const tr of RISE_STARTS) {
    for (const td of DECAY_STARTS) {
      const tPeak = tr * Math.log(1 + td / tr);
      const shape = (1 - Math.exp(-tPeak / tr)) * Math.exp(-tPeak / td);
      try {
        const r = fitRiseDecay(lags, mean, { onset: 0, p0: [(ymax - b) / shape, tr, td, b] });
        // Not requiring `converged`: the onset kink keeps the solver from meeting its 1e-12 tolerances
        // on real averages; plausibility and the lowest cost decide, and r² is reported.
        const plausible =
          r.amplitude > 0 &&
          r.tauRise > 0 &&
          r.tauRise < r.tauDecay &&
          r.tauRise <= post &&
          r.tauDecay <= 20 * post;
        if (plausible && (!best || r.cost < best.cost))
          best = { p: [r.amplitude, r.tauRise, r.tauDecay, r.baseline], cost: r.cost };
      } catch {
        // a start the solver rejects is just not a candidate
      }
    }
  }
  if (!best)
    return {
      fit: null,
      curve: new Float32Array(0),
      problem: "no plausible rise/decay fit (0 < τrise < τdecay, positive amplitude)",
    };
  const p = best.p;
  const curve = Float32Array.from(allLags, (t) => riseDecayModel(t, p, 0));
  let ssRes = 0,
    ssTot = 0,
    m = 0;
  for (const v of mean) m += v / mean.length;
  mean.forEach((v, i) => {
    ssRes += (v - riseDecayModel(lags[i]!, p, 0)) ** 2;
    ssTot += (v - m) ** 2;
  });
  // Peak of the model: t* = τr·ln(1 + τd/τr).
  const tPeak = p[1]! * Math.log(1 + p[2]! / p[1]!);
  return {
    fit: {
      amplitude: p[0]!,
      riseTime: p[1]!,
      decayTime: p[2]!,
      onset: 0,
      peak: riseDecayModel(tPeak, p, 0) - p[3]!,
      timeToPeak: tPeak,
      r2: ssTot > 0 ? 1 - ssRes / ssTot : NaN,
    },
    curve,
  };
}

export class CouplingModel extends Widget<CouplingState> {
  private readonly laneSet: LaneSet;
  private readonly cells: CouplingCell[];
  private readonly lagAxis: { pre: number; post: number; dt: number };
  private generation = 0;

  private constructor(
    state: CouplingState,
    laneSet: LaneSet,
    cells: CouplingCell[],
    lagAxis: { pre: number; post: number; dt: number },
  ) {
    super(widgetSpec("coupling"), state);
    this.laneSet = laneSet;
    this.cells = cells;
    this.lagAxis = lagAxis;
    this.answerRequests((request) => this.laneSet.answer(request));
    this.onChange((changed) => {
      if (changed.cellIndex !== undefined) void this.showCell(changed.cellIndex);
    });
  }

  static async create(
    cells: CouplingCell[],
    options: CouplingViewOptions = {},
  ): Promise<CouplingModel> {
    const mode: CouplingMode = options.mode ?? (cells.length > 1 ? "groups" : "cell");
    const [pre, post] = options.window ?? [0.5, 2];
    if (!(pre >= 0 && post > 0))
      throw new RangeError(
        `CouplingView: window needs before ≥ 0 and after > 0 s, got [${pre}, ${post}]`,
      );
    const messages = [...(options.messages ?? [])];
    if (cells.length === 0) messages.push("no cells");
    const cellIndex = Math.min(Math.max(0, options.cellIndex ?? 0), Math.max(0, cells.length - 1));
    const traces = cells.map(cellTraces);

    // One lag axis for everything: the finest mean frame interval among the cells.
    let dt = Infinity;
    for (const c of traces)
      if (c.frameTimes.length > 1)
        dt = Math.min(
          dt,
          (c.frameTimes[c.frameTimes.length - 1]! - c.frameTimes[0]!) / (c.frameTimes.length - 1),
        );
    if (!Number.isFinite(dt) || !(dt > 0)) dt = 0.01;
    const lags = lagGrid(pre, post, dt);

    const groupsIn: { label: string; color: string; members: CellTraces[] }[] = [];
    if (mode === "cell") {
      if (traces[cellIndex])
        groupsIn.push({
          label: traces[cellIndex]!.label,
          color: "#2ca02c",
          members: [traces[cellIndex]!],
        });
    } else {
      const byIndicator = new Map<string, CellTraces[]>();
      for (const c of traces)
        byIndicator.set(c.indicator ?? "unknown indicator", [
          ...(byIndicator.get(c.indicator ?? "unknown indicator") ?? []),
          c,
        ]);
      for (const [label, members] of [...byIndicator.entries()].sort((a, b) =>
        a[0].localeCompare(b[0]),
      )) {
        groupsIn.push({ label, color: GROUP_COLORS[label] ?? "#ff7f0e", members });
      }
    }
    const groups: CouplingGroup[] = [];
    for (const g of groupsIn) {
      const { averages, messages: m } = groupAverages(g.members, pre, post, dt);
      messages.push(...m);
      const out: TriggeredAverage[] = [];
      for (const a of averages) {
        const indicator = mode === "cell" ? traces[cellIndex]?.indicator : g.members[0]?.indicator;
        const { fit, curve, problem } = fitAverage(lags, a, cleanSpan(indicator, a.apClass));
        if (a.n === 0) messages.push(`${g.label}, ${a.apClass} AP: no isolated events`);
        else if (problem) messages.push(`${g.label}, ${a.apClass} AP: ${problem}`);
        out.push({
          apClass: a.apClass,
          eventCount: a.n,
          mean: Float32Array.from(a.mean),
          sem: Float32Array.from(a.sem),
          fit,
          fitCurve: curve,
        });
      }
      groups.push({ label: g.label, color: g.color, cellCount: g.members.length, averages: out });
    }

    const laneSet = new LaneSet();
    const { lanes, fullRange } = await laneSet.build(
      cells[cellIndex] ? lanesOf(cells[cellIndex]!) : [],
      DEFAULT_OVERVIEW_PIXELS,
    );
    const w = eventWindows(cells[cellIndex]?.indicator ?? "GCaMP6s");
    const state: CouplingState = {
      title:
        options.title ??
        (mode === "cell"
          ? `spike–calcium coupling: ${traces[cellIndex]?.label ?? ""}`
          : "spike–calcium coupling by indicator"),
      source: options.source ?? { path: "", neurodataType: "" },
      messages,
      mode,
      cells: cells.map((c) => ({ id: c.id, label: c.label ?? c.id, group: c.indicator ?? "" })),
      cellIndex,
      lanes,
      fullRange,
      xRange: fullRange,
      overviewPixels: DEFAULT_OVERVIEW_PIXELS,
      lags: Float32Array.from(lags),
      window: [pre, post],
      burstGap: w.groupSeconds,
      isolation: w.isolationBeforeSeconds,
      groups,
      events: eventRowsOf(traces[cellIndex], pre, post, dt),
      timeLink: null,
      cursor: null,
    };
    return new CouplingModel(state, laneSet, cells, { pre, post, dt });
  }

  /** Answers a window request for the left panel (as TraceView does). */
  window(request: unknown): ReturnType<LaneSet["answer"]> {
    return this.laneSet.answer(request);
  }

  currentSlices(pixels: number): Promise<Record<string, LaneSlice>> {
    return this.laneSet.slicesByLane(this.state.xRange, pixels);
  }

  private async showCell(index: number): Promise<void> {
    const cell = this.cells[index];
    if (!cell) return;
    const generation = ++this.generation;
    const { lanes, fullRange } = await this.laneSet.build(lanesOf(cell), this.state.overviewPixels);
    if (generation !== this.generation) return;
    const { pre, post, dt } = this.lagAxis;
    const events = eventRowsOf(cellTraces(cell), pre, post, dt);
    this.set({ lanes, fullRange, xRange: fullRange, events });
  }
}

/** The events panel of one cell (none when it has no usable events; the averages' messages say why). */
function eventRowsOf(
  cell: CellTraces | undefined,
  pre: number,
  post: number,
  dt: number,
): CouplingState["events"] {
  const cut = cell ? cellEventTraces(cell, pre, post, dt) : "no cell";
  return typeof cut === "string"
    ? NO_EVENT_ROWS
    : couplingEventRows(cut, lagGrid(pre, post, dt).length);
}

function lanesOf(c: CouplingCell): LaneInput[] {
  const lanes: LaneInput[] = [];
  if (c.voltage)
    lanes.push({
      ...c.voltage,
      id: "voltage",
      label: c.voltage.label ?? "voltage",
      color: "#1f77b4",
    });
  lanes.push({ id: "spikes", label: "spikes", events: c.spikes, color: "#d62728" });
  lanes.push({
    id: "dff",
    label: "ΔF/F",
    unit: "",
    values: c.dff,
    timestamps: c.frameTimes,
    color: "#2ca02c",
  });
  return lanes;
}

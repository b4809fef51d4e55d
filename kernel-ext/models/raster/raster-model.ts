// The kernel half of RasterView: spike rows (units, or trials of one unit aligned to events) and
// a PSTH recomputed whenever the view changes the bin size or the aligned unit.
import type { RasterGroup, RasterRow, RasterState } from "../../../contract/raster.js";
import { trialOrder, type ColumnValues } from "../aligned/trial-order.js";
import { Widget } from "../../kernel/widget/widget.js";
import { widgetSpec } from "../spec.js";
import { MAX_BINS, psth } from "./psth.js";

export interface UnitSpikes {
  id: number;
  label?: string;
  times: ArrayLike<number>;
}

export interface RasterViewOptions {
  /** Values per row to group / sort by: per unit (units mode) or per event (trials mode). */
  columns?: Record<string, ColumnValues>;
  groupBy?: string | null;
  sortBy?: string | null;
  title?: string;
  source?: { path: string; neurodataType: string };
  binSize?: number;
  messages?: string[];
}

export interface TrialAlignment {
  /** Event times (s), one trial each. */
  events: ArrayLike<number>;
  label: string;
  before: number;
  after: number;
}

interface Rows {
  rows: RasterRow[];
  groups: RasterGroup[];
  spikeTimes: Float64Array;
  rowOffsets: Uint32Array;
}

function sortedFinite(times: ArrayLike<number>): { times: Float64Array; dropped: number } {
  const all = Float64Array.from(times);
  const finite = all.filter((t) => Number.isFinite(t)).sort();
  return { times: finite, dropped: all.length - finite.length };
}

function lowerBound(a: Float64Array, t: number): number {
  let lo = 0,
    hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface RowPart {
  /** Index into the column values (the unit, or the event). */
  key: number;
  id: number;
  label: string;
  times: Float64Array;
}

/** `parts` grouped by `groupBy`'s values and sorted by `sortBy`'s (ties keep file order). */
function orderRows(
  parts: RowPart[],
  columns: Record<string, ColumnValues>,
  groupBy: string | null,
  sortBy: string | null,
): { parts: RowPart[]; groups: RasterGroup[] } {
  const of = (c: string | null) => {
    const v = c ? columns[c] : undefined;
    return v ? parts.map((p) => v[p.key]) : null;
  };
  const sortValues = of(sortBy);
  const order = trialOrder(parts.length, of(groupBy), sortValues);
  const out: RowPart[] = [];
  const groups: RasterGroup[] = [];
  for (const g of order) {
    groups.push({
      label: groupBy && columns[groupBy] ? `${groupBy} ${g.label}` : "all rows",
      firstRow: out.length,
      rowCount: g.trials.length,
    });
    for (const i of g.trials) {
      const p = parts[i]!;
      out.push(sortValues ? { ...p, label: `${p.label} · ${String(sortValues[i])}` } : p);
    }
  }
  return { parts: out, groups };
}

function packRows(parts: RowPart[], groups: RasterGroup[]): Rows {
  const total = parts.reduce((s, p) => s + p.times.length, 0);
  const spikeTimes = new Float64Array(total);
  const rowOffsets = new Uint32Array(parts.length + 1);
  let o = 0;
  parts.forEach((p, r) => {
    spikeTimes.set(p.times, o);
    o += p.times.length;
    rowOffsets[r + 1] = o;
  });
  return {
    rows: parts.map((p) => ({ id: p.id, label: p.label, count: p.times.length })),
    groups,
    spikeTimes,
    rowOffsets,
  };
}

/** A bin size giving about 100 bins, rounded to 1, 2 or 5 × 10^k seconds. */
export function defaultBinSize(span: number): number {
  const raw = span / 100;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

export class RasterModel extends Widget<RasterState> {
  private readonly units: { id: number; label: string; times: Float64Array }[];
  private readonly alignment: TrialAlignment | undefined;
  private readonly columns: Record<string, ColumnValues>;
  private readonly baseMessages: string[];
  private recomputing = false;

  private constructor(
    state: RasterState,
    units: RasterModel["units"],
    alignment: TrialAlignment | undefined,
    columns: Record<string, ColumnValues>,
    baseMessages: string[],
  ) {
    super(widgetSpec("raster"), state);
    this.units = units;
    this.alignment = alignment;
    this.columns = columns;
    this.baseMessages = baseMessages;
    this.onChange((changed) => {
      if (
        !this.recomputing &&
        ["binSize", "unitIndex", "groupBy", "sortBy"].some((k) => k in changed)
      )
        this.recompute();
    });
  }

  /** Rows = units (mode "units"), or rows = trials of `units[unitIndex]` aligned to `align.events`. */
  static create(
    units: UnitSpikes[],
    options: RasterViewOptions & { align?: TrialAlignment; unitIndex?: number } = {},
  ): RasterModel {
    const messages = [...(options.messages ?? [])];
    const cleaned = units.map((u) => {
      const { times, dropped } = sortedFinite(u.times);
      if (dropped) messages.push(`unit ${u.id}: ${dropped} non-finite spike times left out`);
      return { id: u.id, label: u.label ?? `unit ${u.id}`, times };
    });
    if (cleaned.length === 0) messages.push("no units");
    const align = options.align;
    if (align && !(align.before >= 0 && align.after > 0))
      throw new RangeError(
        `RasterView: alignment window needs before ≥ 0 and after > 0 s, got ${align.before}, ${align.after}`,
      );
    const columns = options.columns ?? {};
    const rowCount = align ? align.events.length : cleaned.length;
    for (const [name, values] of Object.entries(columns))
      if (values.length !== rowCount)
        throw new RangeError(
          `RasterView: column '${name}' has ${values.length} values for ${rowCount} ${align ? "events" : "units"}`,
        );
    for (const key of ["groupBy", "sortBy"] as const) {
      const c = options[key];
      if (c != null && !(c in columns))
        throw new RangeError(
          `RasterView: ${key} '${c}' is not a column of the ${align ? "trials" : "units"}; expected one of: ${Object.keys(columns).join(", ") || "(none given)"}`,
        );
    }
    const state: RasterState = {
      title: options.title ?? "",
      source: options.source ?? { path: "", neurodataType: "" },
      messages: [],
      mode: align ? "trials" : "units",
      rows: [],
      spikeTimes: new Float64Array(0),
      rowOffsets: Uint32Array.of(0),
      xRange: [0, 1],
      visibleRange: null,
      timeLink: null,
      cursor: null,
      binSize: options.binSize ?? 0,
      psth: { start: 0, binSize: 1, rate: new Float32Array(0) },
      alignment: align
        ? {
            label: align.label,
            eventCount: align.events.length,
            before: align.before,
            after: align.after,
          }
        : null,
      units: cleaned.map((u) => ({ id: u.id, label: u.label })),
      unitIndex: Math.min(Math.max(0, options.unitIndex ?? 0), Math.max(0, cleaned.length - 1)),
      columns: Object.keys(columns),
      groupBy: options.groupBy ?? null,
      sortBy: options.sortBy ?? null,
      groups: [],
    };
    const model = new RasterModel(state, cleaned, align, columns, messages);
    model.recompute();
    return model;
  }

  private rowsNow(): { rows: Rows; xRange: [number, number]; messages: string[] } {
    const messages: string[] = [];
    if (!this.alignment) {
      let lo = Infinity,
        hi = -Infinity;
      for (const u of this.units)
        if (u.times.length) {
          lo = Math.min(lo, u.times[0]!);
          hi = Math.max(hi, u.times[u.times.length - 1]!);
        }
      const xRange: [number, number] = Number.isFinite(lo)
        ? hi > lo
          ? [lo, hi]
          : [lo - 0.5, lo + 0.5]
        : [0, 1];
      if (this.units.length && !Number.isFinite(lo)) messages.push("no spikes in any unit");
      const parts = this.units.map((u, key) => ({ key, ...u }));
      return { rows: this.packOrdered(parts), xRange, messages };
    }
    const { events, before, after, label } = this.alignment;
    const unit = this.units[this.state.unitIndex];
    const trials: RowPart[] = [];
    for (let k = 0; k < events.length; k++) {
      const e = events[k]!;
      if (!unit || !Number.isFinite(e)) continue;
      const a = lowerBound(unit.times, e - before);
      const b = lowerBound(unit.times, e + after);
      const times = unit.times.slice(a, b).map((t) => t - e);
      trials.push({ key: k, id: k, label: `trial ${k}`, times });
    }
    if (events.length === 0) messages.push(`no events in ${label}: nothing to align to`);
    if (unit && unit.times.length === 0) messages.push(`${unit.label}: no spikes`);
    return { rows: this.packOrdered(trials), xRange: [-before, after], messages };
  }

  private packOrdered(parts: RowPart[]): Rows {
    const ordered = orderRows(parts, this.columns, this.state.groupBy, this.state.sortBy);
    return packRows(ordered.parts, ordered.groups);
  }

  private recompute(): void {
    const { rows, xRange, messages } = this.rowsNow();
    let binSize = this.state.binSize;
    const span = xRange[1] - xRange[0];
    if (!(binSize > 0)) binSize = defaultBinSize(span);
    if (span / binSize > MAX_BINS) {
      const wanted = binSize;
      binSize = span / MAX_BINS;
      messages.push(
        `bin size ${wanted} s would make more than ${MAX_BINS} bins; using ${binSize} s`,
      );
    }
    const hist = psth(rows.spikeTimes, rows.rows.length, xRange[0], xRange[1], binSize);
    this.recomputing = true;
    try {
      this.set({
        rows: rows.rows,
        groups: rows.groups,
        spikeTimes: rows.spikeTimes,
        rowOffsets: rows.rowOffsets,
        xRange,
        binSize,
        psth: hist,
        messages: [...this.baseMessages, ...messages],
      });
    } finally {
      this.recomputing = false;
    }
  }
}

// AlignedView of an NWB TimeSeries around event times: a Units' spike times, a column of a
// TimeIntervals/trials table (its other columns offered for grouping and sorting), or times given
// in code. The series is read through its read path (conversion/offset → its unit), only the span
// the events need.
import { DynamicTable } from "../../nwb/neurodata/hdmf-common/dynamic-table.js";
import { Units } from "../../nwb/neurodata/misc/units.js";
import type { TimeSeries } from "../../nwb/neurodata/base/time-series.js";
import {
  AlignedModel,
  type AlignedEvents,
  type AlignedViewOptions,
} from "../aligned/aligned-model.js";
import type { ColumnValues } from "../aligned/trial-order.js";
import { scalarColumns } from "./scalar-columns.js";

/** What to align to. */
export type AlignTo =
  | ArrayLike<number>
  | AlignedEvents
  /** A table column of times (default "start_time"); the table's other scalar columns can group/sort. */
  | { table: DynamicTable; column?: string }
  /** One unit's spike times (default the first unit), or every unit's ("all": each spike carries
   *  its unit's id as column "unit" and the units table's scalar columns, to group / sort by). */
  | { units: Units; unit?: number | "all" };

export interface SeriesAlignedOptions extends AlignedViewOptions {
  /** Channel of a multi-channel series (default 0). */
  channel?: number;
}

export async function alignedEventsOf(to: AlignTo): Promise<AlignedEvents> {
  if (to && typeof to === "object" && "table" in to && to.table instanceof DynamicTable) {
    const column = to.column ?? "start_time";
    const columns = await scalarColumns(to.table);
    const times = columns[column];
    if (!times)
      throw new TypeError(
        `alignedView: ${to.table.path}: expected a column of event times '${column}'; scalar columns: ${Object.keys(columns).join(", ")}`,
      );
    return {
      times: Float64Array.from(times as ArrayLike<number>, Number),
      label: `${to.table.name}.${column}`,
      columns,
    };
  }
  if (to && typeof to === "object" && "units" in to && to.units instanceof Units) {
    const unit = to.unit ?? 0;
    if (unit === "all") return allUnitsSpikes(to.units);
    if (!(Number.isInteger(unit) && unit >= 0 && unit < to.units.length))
      throw new RangeError(
        `alignedView: ${to.units.path}: unit index ${unit} outside 0…${to.units.length - 1}`,
      );
    return { times: await to.units.spikeTimes(unit), label: `${to.units.name}[${unit}] spikes` };
  }
  if (to && typeof to === "object" && "times" in to) return to;
  if (to && typeof (to as ArrayLike<number>).length === "number")
    return { times: Float64Array.from(to as ArrayLike<number>), label: "events" };
  throw new TypeError(
    "alignedView: events: expected event times (an array), { times, label, columns? }, { table, column? } or { units, unit? } (unit: an index or 'all')",
  );
}

/** Every unit's spikes, unit after unit, each with its unit's id ("unit") and column values. */
async function allUnitsSpikes(units: Units): Promise<AlignedEvents> {
  const trains = await units.allSpikeTimes();
  const idCol = units.optionalDataset("id");
  const ids = idCol
    ? Array.from((await idCol.read()).data as ArrayLike<number | bigint>, Number)
    : trains.map((_, i) => i);
  const skip = units.columnNames.filter((c) => c === "spike_times" || c.startsWith("waveform"));
  const perUnit: Record<string, ArrayLike<unknown>> = {
    unit: ids,
    ...(await scalarColumns(units, skip)),
  };
  const columns: Record<string, ColumnValues> = {};
  for (const [name, values] of Object.entries(perUnit))
    columns[name] = trains.flatMap((tr, u) => Array.from(tr, () => values[u])) as ColumnValues;
  const times = new Float64Array(trains.reduce((n, tr) => n + tr.length, 0));
  let o = 0;
  for (const tr of trains) {
    times.set(tr, o);
    o += tr.length;
  }
  return { times, label: `${units.name} spikes (all units)`, columns };
}

/** `nwb.alignedView(series, events, { window: [-0.5, 1], groupBy?, sortBy? })`. */
export async function alignedView(
  series: TimeSeries,
  to: AlignTo,
  options: SeriesAlignedOptions = {},
): Promise<AlignedModel> {
  const events = await alignedEventsOf(to);
  const [start, end] = options.window ?? [-0.5, 1];
  const [first, last] = await series.extent();
  let lo = Infinity,
    hi = -Infinity;
  for (const t of Array.from(events.times))
    if (Number.isFinite(t)) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
  // The span the events' windows cover, a sample's margin either side (the window is [t0, t1)).
  const margin = (last - first) / Math.max(1, series.numSamples - 1);
  const t0 = Math.max(first, lo + start - margin);
  const t1 = Math.min(last + margin, hi + end + 2 * margin);
  // The lag step from the whole series' mean sample interval (not the part read), so the grid
  // does not depend on which events were given.
  const maxLags = options.maxLags ?? 400;
  const dt = options.dt ?? Math.max(margin, (end - start) / Math.max(1, maxLags - 1));
  const multi = series.data.ndim > 1;
  const channel = options.channel ?? 0;
  const select = multi ? { select: [channel] } : {};
  const w =
    t1 > t0 && t0 <= last
      ? await series.readWindow(t0, t1, select)
      : await series.readSamples(0, Math.min(2, series.numSamples), select);
  return AlignedModel.create(
    {
      signal: w.signal(),
      label: multi ? `${series.name}[${channel}]` : series.name,
      unit: w.unit,
    },
    events,
    {
      title: `${series.name} around ${events.label}`,
      source: { path: series.path, neurodataType: series.neurodataType ?? "TimeSeries" },
      ...options,
      dt,
    },
  );
}

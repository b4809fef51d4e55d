// RasterView of NWB Units: every unit's spike_times as rows, or one unit's spikes aligned to the
// times of a table column (e.g. trials.start_time) with a PSTH. Rows can be grouped / sorted by a
// scalar column of the units table (units rows) or of the aligning table (trial rows).
import { setTimeBase } from "../link/time-base.js";
import type { DynamicTable } from "../../nwb/neurodata/hdmf-common/dynamic-table.js";
import type { Units } from "../../nwb/neurodata/misc/units.js";
import type { ColumnValues } from "../aligned/trial-order.js";
import { RasterModel, type TrialAlignment } from "../raster/raster-model.js";
import { scalarColumns } from "./scalar-columns.js";

export interface UnitsRasterOptions {
  /** Align one unit's spikes to this table column's times (e.g. trials table, "start_time"). */
  alignTo?: { table: DynamicTable; column: string; before?: number; after?: number };
  unitIndex?: number;
  binSize?: number;
  /** A scalar column of the units table (units rows) or of `alignTo.table` (trial rows). */
  groupBy?: string | null;
  sortBy?: string | null;
}

/** Units columns not offered for grouping: the spikes, waveforms and links to other tables. */
const NOT_ROW_VALUES = ["spike_times", "obs_intervals", "electrodes", "electrode_group"];

export async function rasterViewOfUnits(
  units: Units,
  options: UnitsRasterOptions = {},
): Promise<RasterModel> {
  const messages: string[] = [];
  const n = units.length;
  const idCol = units.optionalDataset("id");
  const ids = idCol
    ? Array.from((await idCol.read()).data as ArrayLike<number | bigint>, Number)
    : Array.from({ length: n }, (_, i) => i);
  const hasSpikes = units.has("spike_times");
  if (!hasSpikes) messages.push("this Units table has no spike_times column");
  const all = hasSpikes ? await units.allSpikeTimes() : ids.map(() => new Float64Array(0));
  let align: TrialAlignment | undefined;
  let columns: Record<string, ColumnValues>;
  if (options.alignTo) {
    const { table, column } = options.alignTo;
    const values = await table.column(column).read();
    const events = Float64Array.from(values as unknown[], (v) => Number(v));
    columns = await scalarColumns(table);
    align = {
      events,
      label: `${table.name}.${column}`,
      before: options.alignTo.before ?? 1,
      after: options.alignTo.after ?? 2,
    };
  } else {
    const skip = units.columnNames.filter(
      (c) => NOT_ROW_VALUES.includes(c) || c.startsWith("waveform"),
    );
    columns = await scalarColumns(units, skip);
  }
  const model = RasterModel.create(
    all.map((times, i) => ({ id: ids[i]!, label: `unit ${ids[i]}`, times })),
    {
      title: `${units.name} (${units.path})`,
      source: { path: units.path, neurodataType: units.neurodataType ?? "Units" },
      align,
      unitIndex: options.unitIndex,
      binSize: options.binSize,
      columns,
      groupBy: options.groupBy,
      sortBy: options.sortBy,
      messages,
    },
  );
  return setTimeBase(model, units.file);
}

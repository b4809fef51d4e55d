// The scalar columns of a DynamicTable (numbers, text, booleans; not ragged), read once: what an
// aligned view or a raster offers for grouping and sorting its rows.
import type { DynamicTable } from "../../nwb/neurodata/hdmf-common/dynamic-table.js";
import type { ColumnValues } from "../aligned/trial-order.js";

export async function scalarColumns(
  table: DynamicTable,
  skip: readonly string[] = [],
): Promise<Record<string, ColumnValues>> {
  const out: Record<string, ColumnValues> = {};
  for (const name of table.columnNames) {
    if (skip.includes(name)) continue;
    const column = table.column(name);
    if (column.ragged) continue;
    const values = await column.read();
    if (values.every((v) => ["number", "string", "bigint", "boolean"].includes(typeof v)))
      out[name] = values as ColumnValues;
  }
  return out;
}

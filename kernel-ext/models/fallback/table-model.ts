// TableView: the fallback for any DynamicTable — column descriptions and a page of rows; the view
// pages by setting `offset`, the kernel fills `rows`.
import type { TableCell, TableColumn, TableState } from "../../../contract/table.js";
import { Widget } from "../../kernel/widget/widget.js";
import type { DynamicTable } from "../../nwb/neurodata/hdmf-common/dynamic-table.js";
import { widgetSpec } from "../spec.js";
import { cellValue } from "../nwb/cell-text.js";

export const DEFAULT_PAGE = 50;

function kindOf(
  values: unknown[],
  ragged: boolean,
  neurodataType: string | undefined,
): TableColumn["kind"] {
  if (ragged) return "ragged";
  if (neurodataType === "DynamicTableRegion") return "reference";
  const first = values.find((v) => v !== null && v !== undefined);
  if (typeof first === "number" || typeof first === "bigint") return "number";
  if (typeof first === "string") return "string";
  return "other";
}

export class TableModel extends Widget<TableState> {
  private columnValues: unknown[][] = [];

  static async of(table: DynamicTable, limit = DEFAULT_PAGE): Promise<TableModel> {
    const messages: string[] = [];
    const names = table.columnNames;
    const columns: TableColumn[] = [];
    const values: unknown[][] = [];
    for (const name of names) {
      try {
        const col = table.column(name);
        const v = await col.read();
        values.push(v);
        columns.push({
          name,
          description: col.description ?? "",
          kind: kindOf(v, col.ragged, col.neurodataType),
        });
      } catch (e) {
        messages.push(`column '${name}' could not be read: ${(e as Error).message}`);
      }
    }
    const n = table.length;
    const idDs = table.optionalDataset("id");
    const ids = idDs
      ? Array.from((await idDs.read()).data as ArrayLike<number | bigint>, Number)
      : Array.from({ length: n }, (_, i) => i);
    if (n === 0) messages.push("the table has no rows");
    const model = new TableModel(widgetSpec("table"), {
      title: `${table.name} (${table.path})`,
      source: { path: table.path, neurodataType: table.neurodataType ?? "DynamicTable" },
      messages,
      columns,
      rowCount: n,
      offset: 0,
      limit,
      ids: [],
      rows: [],
    });
    model.columnValues = values;
    model.allIds = ids;
    model.fill();
    model.onChange((changed) => {
      if (changed.offset !== undefined || changed.limit !== undefined) model.fill();
    });
    return model;
  }

  private allIds: number[] = [];
  private filling = false;

  private fill(): void {
    if (this.filling) return;
    const n = this.state.rowCount;
    const limit = Math.max(1, Math.min(1000, Math.floor(this.state.limit) || DEFAULT_PAGE));
    const offset = Math.min(Math.max(0, Math.floor(this.state.offset) || 0), Math.max(0, n - 1));
    const rows: TableCell[][] = [];
    for (let i = offset; i < Math.min(n, offset + limit); i++)
      rows.push(this.columnValues.map((col) => cellValue(col[i])));
    this.filling = true;
    try {
      this.set({ offset, limit, ids: this.allIds.slice(offset, offset + limit), rows });
    } finally {
      this.filling = false;
    }
  }
}

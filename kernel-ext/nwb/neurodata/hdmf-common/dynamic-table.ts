// hdmf-common DynamicTable: named columns of equal length, ragged columns through VectorIndex,
// references to other tables through DynamicTableRegion, and an `id` column.
import { NWBContainer } from "../base/nwb-container.js";
import { LazyDataset, textList, type DisplayField, type H5Object } from "../../h5-object.js";
import { VectorIndex } from "./vector-index.js";
import { cellAt, cellsIn } from "./table-values.js";
import { toFloat64 } from "../../ndarray.js";
import { inspect } from "node:util";
import type { NWBContext } from "../../context.js";
import type { H5GroupMeta } from "../../h5/source.js";
import type { NWBError } from "../../errors.js";
import { closestMembers, didYouMean } from "../../did-you-mean.js";
import { PROBED_NAMES } from "../../named-objects.js";
import { formatSummary, type Summary } from "../../summary.js";

/**
 * One column of a table, with its chain of indexes (outermost first) when ragged. Rows are read
 * asynchronously (`await column.get(i)`); `column[i]` (a pynwb habit) is an error that says so.
 */
export class TableColumn {
  constructor(
    readonly table: DynamicTable,
    readonly name: string,
    readonly data: LazyDataset,
    /** indexes[0] cuts the table's rows; indexes[k] cuts the elements of indexes[k-1]'s target. */
    readonly indexes: VectorIndex[],
  ) {
    return new Proxy(this, {
      get(target, prop, receiver) {
        if (typeof prop === "string" && /^-?\d+$/.test(prop) && !(prop in target))
          throw target.rowIndexError(Number(prop));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  }

  /** The error for `column[i]`: rows come from the file asynchronously; it shows the call to make. */
  private rowIndexError(i: number): NWBError {
    const how =
      this.name === "spike_times" && this.table.neurodataType === "Units"
        ? `await units.spikeTimes(${i}) (or await units.column("spike_times").get(${i}))`
        : `await table.column("${this.name}").get(${i})`;
    return this.table.ctx.error(
      this.data.path,
      `rows of a column are read from the file asynchronously: use ${how}; .read() gives every row`,
    );
  }

  get [Symbol.toStringTag](): string {
    return "TableColumn";
  }

  /** Column name, table path, rows, dtype, and whether ragged. */
  summary(): Summary {
    return {
      type: "TableColumn",
      path: this.data.path,
      rows: this.table.length,
      dtype: this.data.dtypeName,
      ragged: this.ragged || undefined,
    };
  }

  toString(): string {
    return formatSummary(this.summary());
  }

  toJSON(): Summary {
    return this.summary();
  }

  [inspect.custom](): string {
    return `TableColumn <${this.toString()}>`;
  }

  get ragged(): boolean {
    return this.indexes.length > 0;
  }

  get neurodataType(): string | undefined {
    return this.data.neurodataType;
  }

  get description(): string | undefined {
    return this.data.attrString("description");
  }

  private get inner(): number[] {
    return this.data.shape.slice(1);
  }

  /** The value of row `i`. Ragged rows are arrays (typed arrays for numbers). */
  async get(i: number): Promise<unknown> {
    const n = this.table.length;
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw this.table.ctx.error(this.table.path, `a row index in [0, ${n}), got ${i}`);
    }
    if (!this.ragged) {
      const r = await this.data.slice([i, i + 1]);
      return cellAt(this.table.ctx, r.data, this.data.dtype, 0, this.inner);
    }
    const [a, b] = await this.indexes[0].bounds(i);
    if (this.indexes.length === 1) {
      const r = await this.data.slice([a, b]);
      return cellsIn(this.table.ctx, r.data, this.data.dtype, 0, b - a, this.inner);
    }
    if (this.indexes.length === 2) {
      // Row i holds index entries [a, b) of the inner index; entry j covers data [end(j-1), end(j)).
      if (b <= a) return [];
      const lo = a > 0 ? a - 1 : 0;
      const ends = toFloat64((await this.indexes[1].slice([lo, b])).data);
      const end = (j: number) => ends[j - lo];
      const start = (j: number) => (j === 0 ? 0 : end(j - 1));
      const first = start(a);
      const r = await this.data.slice([first, end(b - 1)]);
      const out: unknown[] = [];
      for (let j = a; j < b; j++)
        out.push(
          cellsIn(
            this.table.ctx,
            r.data,
            this.data.dtype,
            start(j) - first,
            end(j) - first,
            this.inner,
          ),
        );
      return out;
    }
    return (await this.read())[i];
  }

  /** For a DynamicTableRegion column: the table its indices point into; else undefined. */
  get referencedTable(): DynamicTable | undefined {
    if (!this.data.ancestors.includes("DynamicTableRegion")) return undefined;
    return (this.data as unknown as { table: DynamicTable }).table;
  }

  /** Row `i` of a DynamicTableRegion column as the referenced table's rows (records). */
  async referencedRows(i: number): Promise<Record<string, unknown>[]> {
    const table = this.referencedTable;
    if (!table)
      throw this.table.ctx.error(
        this.data.path,
        `a DynamicTableRegion column to resolve row ${i} through`,
      );
    const v = await this.get(i);
    const indices =
      typeof v === "number" ? [v] : Array.from(v as ArrayLike<number | bigint>, Number);
    return table.rows(indices);
  }

  /** Every row's value, reading the column (and its indexes) once. */
  async read(): Promise<unknown[]> {
    const r = await this.data.read();
    const inner = this.inner;
    const ctx = this.table.ctx;
    if (!this.ragged) {
      const n = this.data.length;
      const out: unknown[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = cellAt(ctx, r.data, this.data.dtype, i, inner);
      return out;
    }
    // Innermost index cuts the data; each outer index cuts the level below it.
    const levels = await Promise.all(this.indexes.map((ix) => ix.offsets()));
    let cells: unknown[] = [];
    {
      const offs = levels[levels.length - 1];
      for (let j = 0; j < offs.length; j++)
        cells.push(
          cellsIn(ctx, r.data, this.data.dtype, j === 0 ? 0 : offs[j - 1], offs[j], inner),
        );
    }
    for (let k = levels.length - 2; k >= 0; k--) {
      const offs = levels[k];
      const next: unknown[] = [];
      for (let j = 0; j < offs.length; j++)
        next.push(cells.slice(j === 0 ? 0 : offs[j - 1], offs[j]));
      cells = next;
    }
    return cells;
  }
}

/**
 * A table's columns by name as properties (`units["spike_times"]`, as in pynwb): a string key
 * that is not a member of the table reads that column, or is an error listing the closest columns.
 */
function columnsByName<T extends DynamicTable>(table: T): T {
  return new Proxy(table, {
    get(target, prop, receiver) {
      if (typeof prop === "symbol" || prop in target)
        return Reflect.get(target, prop, receiver) as unknown;
      if (PROBED_NAMES.has(prop) && !target.has(prop)) return undefined;
      // A mistyped member (`units.spikeTime`) is suggested along with close column names.
      if (!target.has(prop)) throw target.missingColumn(prop, closestMembers(target, prop));
      return target.column(prop);
    },
    has(target, prop) {
      return prop in target || (typeof prop === "string" && target.columnNames.includes(prop));
    },
  });
}

export class DynamicTable extends NWBContainer {
  constructor(ctx: NWBContext<H5Object>, meta: H5GroupMeta) {
    super(ctx, meta);
    return columnsByName(this);
  }

  /** Column names in the order the file declares them (`colnames`). */
  get colnames(): string[] {
    const v = this.attrs.colnames?.value;
    const list = textList(v);
    return list ?? [];
  }

  /** Names of all columns: declared ones present in the file, then undeclared VectorData children. */
  get columnNames(): string[] {
    const declared = this.colnames.filter((c) => this.has(c));
    const extra: string[] = [];
    for (const k of this.keys) {
      if (declared.includes(k) || k === "id") continue;
      const o = this.find(k);
      if (!(o instanceof LazyDataset) || o instanceof VectorIndex) continue;
      if (o.neurodataType === "ElementIdentifiers") continue;
      if (!o.ancestors.includes("VectorData")) continue;
      extra.push(k);
    }
    return [...declared, ...extra];
  }

  /** The `id` column (ElementIdentifiers). */
  get id(): LazyDataset {
    return this.dataset("id", "the id column (ElementIdentifiers) of a DynamicTable");
  }

  /** Number of rows. */
  get length(): number {
    const id = this.optionalDataset("id");
    if (id) return id.length;
    const first = this.columnNames[0];
    if (first) return this.column(first).indexes[0]?.length ?? this.column(first).data.length;
    return 0;
  }

  /** The column `name`, with its index chain when ragged; a missing name says "did you mean …?". */
  column(name: string): TableColumn {
    if (!this.has(name)) throw this.missingColumn(name);
    const data = this.dataset(name, `the column '${name}' of this table`);
    const indexes: VectorIndex[] = [];
    let idxName = `${name}_index`;
    for (;;) {
      const ix = this.find(idxName);
      if (!(ix instanceof VectorIndex)) break;
      indexes.unshift(ix);
      idxName = `${idxName}_index`;
    }
    return new TableColumn(this, name, data, indexes);
  }

  /** The error for a column that is not here, naming the closest columns (and `members`, close member names). */
  missingColumn(name: string, members: readonly string[] = []): NWBError {
    const what = members.length ? "member or column" : "column";
    return this.ctx.error(
      this.childPath(name),
      `no ${what} named '${name}' in this ${this.neurodataType ?? "table"}; ${didYouMean(name, ["id", ...this.columnNames], "columns", members)}`,
    );
  }

  /** Row `i` as a record of column values (and `id`). */
  async row(i: number): Promise<Record<string, unknown>> {
    const rec: Record<string, unknown> = {};
    const id = this.optionalDataset("id");
    if (id) rec.id = await new TableColumn(this, "id", id, []).get(i);
    for (const c of this.columnNames) rec[c] = await this.column(c).get(i);
    return rec;
  }

  /** All rows (or the rows at `indices`) as records, reading each column once. */
  async rows(indices?: ArrayLike<number>): Promise<Record<string, unknown>[]> {
    const cols = await this.toColumns();
    const n = this.length;
    const idx = indices ? Array.from(indices) : Array.from({ length: n }, (_, i) => i);
    return idx.map((i) => {
      if (!Number.isInteger(i) || i < 0 || i >= n)
        throw this.ctx.error(this.path, `a row index in [0, ${n}), got ${i}`);
      const rec: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(cols)) rec[k] = v[i];
      return rec;
    });
  }

  /** Column name → per-row values (including `id`). */
  async toColumns(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    const id = this.optionalDataset("id");
    if (id) out.id = await new TableColumn(this, "id", id, []).read();
    for (const c of this.columnNames) out[c] = await this.column(c).read();
    return out;
  }

  override summary(): Summary {
    return { ...super.summary(), rows: this.length, columns: this.columnNames };
  }

  override displayFields(): DisplayField[] {
    return [
      ...super.displayFields(),
      ["description", this.description],
      ["rows", this.length],
      ["columns", this.columnNames.join(", ")],
    ];
  }
}

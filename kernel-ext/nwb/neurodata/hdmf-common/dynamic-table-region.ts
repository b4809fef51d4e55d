// hdmf-common DynamicTableRegion: row indices into another DynamicTable (its `table` reference).
import { VectorData } from "./vector-data.js";
import { DynamicTable } from "./dynamic-table.js";
import { toFloat64 } from "../../ndarray.js";
import type { DisplayField } from "../../h5-object.js";

export class DynamicTableRegion extends VectorData {
  /** The referenced table. */
  get table(): DynamicTable {
    const t = this.attr("table");
    const path =
      typeof t === "object" && t !== null && "path" in t && typeof t.path === "string"
        ? t.path
        : "";
    if (!path) throw this.ctx.error(this.path, "a 'table' attribute referencing a DynamicTable");
    const obj = this.ctx.find(path);
    if (!(obj instanceof DynamicTable))
      throw this.ctx.error(
        this.path,
        `its 'table' attribute to reference a DynamicTable, it references ${path}`,
      );
    return obj;
  }

  /** The row indices this region selects. */
  async indices(): Promise<number[]> {
    return Array.from(toFloat64((await this.read()).data));
  }

  /** The selected rows of the referenced table, as records. */
  async rows(): Promise<Record<string, unknown>[]> {
    return this.table.rows(await this.indices());
  }

  override displayFields(): DisplayField[] {
    let table: string;
    try {
      table = this.table.path;
    } catch (e) {
      table = `⚠ ${(e as Error).message}`;
    }
    return [...super.displayFields(), ["table", table]];
  }
}

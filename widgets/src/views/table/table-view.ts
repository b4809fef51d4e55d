// TableView: the fallback for any table — a page of rows; Previous/Next set the synced `offset`
// and the kernel fills `rows`. Every cell is text.
import type { TableState } from "../../../../contract/table";
import { button, fmt, h } from "../../base/dom";
import { TsnwbView } from "../../base/tsnwb-view";

export class TableView extends TsnwbView<TableState> {
  protected readonly kind = "table";
  private table!: HTMLTableElement;
  private prev!: HTMLButtonElement;
  private next!: HTMLButtonElement;
  private pageLabel!: HTMLElement;

  protected build(): void {
    this.prev = button("◀ Previous", () => this.page(-1), "tsnwb-prev");
    this.next = button("Next ▶", () => this.page(1), "tsnwb-next");
    this.pageLabel = h("span", { class: "tsnwb-page-label" });
    this.toolbar.append(this.prev, this.pageLabel, this.next);
    this.table = h("table", { class: "tsnwb-table" });
    const scroller = h("div", {}, [this.table]);
    scroller.style.overflow = "auto";
    scroller.style.maxHeight = "480px";
    this.body.appendChild(scroller);
  }

  private page(direction: number): void {
    const { offset, limit, rowCount } = {
      offset: this.get("offset"),
      limit: this.get("limit"),
      rowCount: this.get("rowCount"),
    };
    const next = Math.max(0, Math.min(Math.max(0, rowCount - 1), offset + direction * limit));
    if (next !== offset) this.setState({ offset: next });
  }

  protected draw(): void {
    const columns = this.get("columns") ?? [];
    const rows = this.get("rows") ?? [];
    const ids = this.get("ids") ?? [];
    const head = h("tr", {}, [
      h("th", { text: "id" }),
      ...columns.map((c) => h("th", { text: c.name, title: c.description })),
    ]);
    const body = rows.map((row, i) =>
      h("tr", {}, [
        h("td", { text: String(ids[i] ?? "") }),
        ...row.map((v) => h("td", { text: cellText(v) })),
      ]),
    );
    this.table.replaceChildren(h("thead", {}, [head]), h("tbody", {}, body));
    const offset = this.get("offset");
    const total = this.get("rowCount");
    this.pageLabel.textContent = total
      ? ` rows ${offset + 1}–${offset + rows.length} of ${total} `
      : " no rows ";
    this.prev.disabled = offset <= 0;
    this.next.disabled = offset + rows.length >= total;
    this.el.dataset.rows = String(rows.length);
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") return fmt(v);
  return String(v);
}

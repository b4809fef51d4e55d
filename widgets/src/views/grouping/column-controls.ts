// The "group by" / "sort by" selects of a view whose rows the kernel groups and sorts by a table
// column (AlignedView, RasterView): they set the synced `groupBy` / `sortBy`; hidden when the rows
// carry no columns.
import { h } from "../../base/dom";

type Key = "groupBy" | "sortBy";

export class ColumnControls {
  private readonly selects: Record<Key, HTMLSelectElement>;

  constructor(toolbar: HTMLElement, onChange: (key: Key, column: string | null) => void) {
    this.selects = {
      groupBy: h("select", { class: "tsnwb-group-by" }),
      sortBy: h("select", { class: "tsnwb-sort-by" }),
    };
    for (const key of ["groupBy", "sortBy"] as const)
      this.selects[key].addEventListener("change", () =>
        onChange(key, this.selects[key].value || null),
      );
    toolbar.append(
      h("label", { text: " group by " }, [this.selects.groupBy]),
      h("label", { text: " sort by " }, [this.selects.sortBy]),
    );
  }

  /** Offers `columns` and shows the current choices. */
  update(columns: string[], current: Record<Key, string | null>): void {
    for (const key of ["groupBy", "sortBy"] as const) {
      const sel = this.selects[key];
      sel.replaceChildren(
        h("option", { text: "(none)", attrs: { value: "" } }),
        ...columns.map((c) => h("option", { text: c, attrs: { value: c } })),
      );
      sel.value = current[key] ?? "";
      (sel.parentElement as HTMLElement).style.display = columns.length ? "" : "none";
    }
  }
}

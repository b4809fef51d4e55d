// TableView and TreeView as SVG figures: plain text rows (values from files stay text).
import type { TableState } from "../contract/table.js";
import type { TreeNode, TreeState } from "../contract/tree.js";
import { el, messageLines, svgDocument, text } from "./svg.js";

const ROW = 16;

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

export function renderTableSvg(state: TableState, opts: { columnWidth?: number } = {}): string {
  const cw = opts.columnWidth ?? 130;
  const cols = ["id", ...state.columns.map((c) => c.name)];
  const width = 20 + cw * cols.length;
  const parts: string[] = [text({ x: 10, y: 20, "font-size": 14, class: "title" }, state.title)];
  cols.forEach((c, j) =>
    parts.push(text({ x: 10 + j * cw, y: 44, "font-weight": "bold" }, clip(c, 18))),
  );
  state.rows.forEach((row, i) => {
    const y = 44 + (i + 1) * ROW;
    parts.push(
      el(
        "g",
        { class: "row" },
        text({ x: 10, y }, String(state.ids[i] ?? "")),
        ...row.map((v, j) =>
          text({ x: 10 + (j + 1) * cw, y }, clip(v === null ? "" : String(v), 20)),
        ),
      ),
    );
  });
  const shown = `rows ${state.rows.length ? state.offset + 1 : 0}–${state.offset + state.rows.length} of ${state.rowCount}`;
  const y = 44 + (state.rows.length + 1) * ROW + 4;
  parts.push(text({ x: 10, y, class: "caption" }, shown));
  const msg = messageLines(state.messages, 10, y + 4);
  parts.push(msg.svg);
  return svgDocument(
    Math.max(width, 360),
    y + 10 + msg.height,
    el("g", { class: "table-figure" }, ...parts),
    state.title,
  );
}

export function renderTreeSvg(state: TreeState): string {
  const lines: string[] = [];
  const walk = (n: TreeNode, depth: number) => {
    const detail =
      n.kind === "dataset" || n.kind === "attribute"
        ? ` ${n.dtype}${n.shape.length ? ` (${n.shape.join(", ")})` : ""}${n.value ? ` = ${n.value}` : ""}`
        : n.kind === "link"
          ? ` → ${n.target}`
          : "";
    const type = n.neurodataType ? ` [${n.neurodataType}]` : "";
    const mark = n.kind === "group" ? "▸ " : n.kind === "attribute" ? "@ " : "";
    lines.push(
      text(
        { x: 10 + depth * 14, y: 44 + lines.length * ROW, class: `node ${n.kind}` },
        clip(`${mark}${n.name}${type}${detail}`, 110),
      ),
    );
    for (const c of n.children) walk(c, depth + 1);
  };
  walk(state.root, 0);
  const y = 44 + lines.length * ROW;
  const msg = messageLines(state.messages, 10, y);
  return svgDocument(
    820,
    y + 10 + msg.height,
    el(
      "g",
      { class: "tree-figure" },
      text({ x: 10, y: 20, "font-size": 14, class: "title" }, state.title),
      ...lines,
      msg.svg,
    ),
    state.title,
  );
}

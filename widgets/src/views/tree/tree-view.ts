// TreeView: the fallback for anything else — the HDF5 group as collapsible groups, with datasets,
// attributes and links as leaves (type, shape, short value). All names and values are text.
import type { TreeNode, TreeState } from "../../../../contract/tree";
import { h } from "../../base/dom";
import { TsnwbView } from "../../base/tsnwb-view";

export class TreeView extends TsnwbView<TreeState> {
  protected readonly kind = "tree";
  private tree!: HTMLElement;

  protected build(): void {
    this.tree = h("div", { class: "tsnwb-tree" });
    this.body.appendChild(this.tree);
  }

  protected draw(): void {
    const root = this.get("root");
    this.tree.replaceChildren(root ? nodeElement(root, 0) : h("div", { text: "nothing to show" }));
    this.el.dataset.nodes = String(this.tree.querySelectorAll("[data-path]").length);
  }
}

function describe(n: TreeNode): string {
  const parts: string[] = [];
  if (n.neurodataType) parts.push(n.neurodataType);
  if (n.kind !== "group" && n.kind !== "link")
    parts.push(`${n.dtype}${n.shape.length ? ` [${n.shape.join(" × ")}]` : ""}`);
  if (n.kind === "link") parts.push(`→ ${n.target}`);
  return parts.join(" · ");
}

function nodeElement(n: TreeNode, depth: number): HTMLElement {
  const name = h("span", {
    class: n.kind === "attribute" ? "tsnwb-attr" : "tsnwb-name",
    text: n.kind === "attribute" ? `@${n.name}` : n.name || "/",
  });
  const type = h("span", { class: "tsnwb-type", text: describe(n) });
  const value = n.value ? h("span", { class: "tsnwb-value", text: ` = ${n.value}` }) : null;
  const line = [name, type, ...(value ? [value] : [])];
  if (!n.children?.length) {
    const li = h("div", { attrs: { "data-path": n.path, "data-kind": n.kind } }, line);
    return li;
  }
  const details = h("details", { attrs: { "data-path": n.path, "data-kind": n.kind } }, [
    h("summary", {}, line),
    h(
      "ul",
      {},
      n.children.map((c) => h("li", {}, [nodeElement(c, depth + 1)])),
    ),
  ]);
  if (depth < 1) details.open = true;
  return details;
}

// TreeView: the fallback for any object — its HDF5 group as a tree of groups, datasets, attributes
// and links (metadata only: nothing is read but small values already known at open).
import type { TreeNode, TreeState } from "../../../contract/tree.js";
import { Widget } from "../../kernel/widget/widget.js";
import { dtypeName } from "../../nwb/h5/dtype.js";
import type { H5Attribute, H5NodeMeta } from "../../nwb/h5/source.js";
import { LazyDataset, type H5Object } from "../../nwb/h5-object.js";
import { widgetSpec } from "../spec.js";
import { cellValue } from "../nwb/cell-text.js";

export const MAX_TREE_NODES = 2000;

function text(v: unknown): string {
  const c = cellValue(v);
  if (c === null) return "";
  const s = String(c);
  return s.length > 120 ? s.slice(0, 119) + "…" : s;
}

function typeOf(attrs: Record<string, H5Attribute>): string {
  const v = attrs.neurodata_type?.value ?? attrs.data_type?.value;
  return typeof v === "string" ? v : "";
}

export function buildTree(
  meta: H5NodeMeta,
  name: string,
  valueOf: (path: string) => unknown,
  maxNodes: number,
): { root: TreeNode; count: number; cut: number } {
  let count = 0;
  let cut = 0;
  const node = (m: H5NodeMeta, nm: string): TreeNode | undefined => {
    if (count >= maxNodes) {
      cut++;
      return undefined;
    }
    count++;
    if (m.kind === "softlink" || m.kind === "externallink") {
      return {
        name: nm,
        path: m.path,
        kind: "link",
        neurodataType: "",
        shape: [],
        dtype: "",
        value: "",
        target: m.kind === "externallink" ? `${m.file}:${m.target}` : m.target,
        children: [],
      };
    }
    const children: TreeNode[] = [];
    for (const [an, a] of Object.entries(m.attrs)) {
      if (an === "neurodata_type" || an === "namespace" || an === "object_id") continue;
      if (count >= maxNodes) {
        cut++;
        continue;
      }
      count++;
      children.push({
        name: an,
        path: `${m.path}@${an}`,
        kind: "attribute",
        neurodataType: "",
        shape: a.shape,
        dtype: dtypeName(a.dtype),
        value: text(a.value),
        target: "",
        children: [],
      });
    }
    if (m.kind === "group") {
      for (const [cn, c] of Object.entries(m.children)) {
        const n = node(c, cn);
        if (n) children.push(n);
      }
      return {
        name: nm,
        path: m.path,
        kind: "group",
        neurodataType: typeOf(m.attrs),
        shape: [],
        dtype: "",
        value: "",
        target: "",
        children,
      };
    }
    return {
      name: nm,
      path: m.path,
      kind: "dataset",
      neurodataType: typeOf(m.attrs),
      shape: m.shape,
      dtype: dtypeName(m.dtype),
      value: text(valueOf(m.path)),
      target: "",
      children,
    };
  };
  const root = node(meta, name)!;
  return { root, count, cut };
}

export class TreeModel extends Widget<TreeState> {
  static of(obj: H5Object, maxNodes = MAX_TREE_NODES): TreeModel {
    const valueOf = (path: string) => {
      const o = obj.ctx.find(path);
      return o instanceof LazyDataset ? o.smallValue() : undefined;
    };
    const { root, count, cut } = buildTree(obj.meta, obj.name, valueOf, maxNodes);
    const messages = cut ? [`tree cut at ${maxNodes} nodes: ${cut} more not shown`] : [];
    return new TreeModel(widgetSpec("tree"), {
      title: `${obj.name} (${obj.path})`,
      source: { path: obj.path, neurodataType: obj.neurodataType ?? "" },
      messages,
      root,
      nodeCount: count,
    });
  }
}

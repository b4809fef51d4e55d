// TreeView: the fallback for anything else — the object's HDF5 group as a tree of groups, datasets,
// attributes and links, with neurodata types, shapes and short values.
import type { BaseState } from "./common.js";

export interface TreeNode {
  name: string;
  /** Full HDF5 path. */
  path: string;
  kind: "group" | "dataset" | "attribute" | "link";
  /** neurodata_type of a typed group/dataset ("" otherwise). */
  neurodataType: string;
  /** Datasets and attributes: shape and dtype ("" for groups). */
  shape: number[];
  dtype: string;
  /** A short text rendering of small values (scalars, short strings, first elements); "" otherwise. */
  value: string;
  /** Links: the target path. */
  target: string;
  children: TreeNode[];
}

export interface TreeState extends BaseState {
  root: TreeNode;
  /** Nodes in `root` (the tree is cut at `maxNodes`; a message then says how many were left out). */
  nodeCount: number;
}

// An in-memory description of an HDF5 file: groups, datasets, attributes, soft links and object
// references by path. The NWB layer builds such a tree; `writeH5Tree` turns it into a file.
// Keeping the two apart lets the NWB code stay free of h5wasm calls and makes the output order
// (and so the bytes) depend on the tree alone.
import type { TypedArray } from "../h5/source.js";

export type NumericArray = TypedArray;

/** A reference to the object at an absolute HDF5 path, resolved when the file is written. */
export class ObjectRef {
  constructor(readonly path: string) {}
}

/** A compound dataset: named numeric columns of equal length, each with its own HDF5 type. */
export interface CompoundColumns {
  columns: { name: string; data: NumericArray }[];
}

export type AttrValue = string | string[] | number | NumericArray | ObjectRef | ObjectRef[];

export type DatasetValue =
  string | string[] | number | NumericArray | ObjectRef[] | CompoundColumns;

export interface H5DatasetNode {
  kind: "dataset";
  value: DatasetValue;
  /** Shape for multi-dimensional numeric data (row-major); default: 1-D (or scalar for a single value). */
  shape?: number[];
  /** Scalar (shape []) instead of a 1-element array, for a single number or string. */
  scalar?: boolean;
  /** Chunk shape; when set the dataset is gzip-compressed. */
  chunks?: number[];
  attrs: Record<string, AttrValue>;
}

export interface H5LinkNode {
  kind: "link";
  /** Absolute path of the target. */
  target: string;
}

export interface H5GroupNode {
  kind: "group";
  attrs: Record<string, AttrValue>;
  children: Map<string, H5Node>;
}

export type H5Node = H5GroupNode | H5DatasetNode | H5LinkNode;

export function group(attrs: Record<string, AttrValue> = {}): H5GroupNode {
  return { kind: "group", attrs, children: new Map() };
}

export function dataset(
  value: DatasetValue,
  opts: Partial<Omit<H5DatasetNode, "kind" | "value">> = {},
): H5DatasetNode {
  return { kind: "dataset", value, attrs: {}, ...opts };
}

export function scalar(
  value: string | number,
  attrs: Record<string, AttrValue> = {},
): H5DatasetNode {
  return { kind: "dataset", value, scalar: true, attrs };
}

export function link(target: string): H5LinkNode {
  return { kind: "link", target };
}

/** Adds `node` at `name` under `parent`; a second object of the same name is a programming error. */
export function put<T extends H5Node>(parent: H5GroupNode, name: string, node: T): T {
  if (!/^[^/]+$/.test(name)) throw new Error(`invalid HDF5 object name '${name}'`);
  if (parent.children.has(name)) throw new Error(`two objects named '${name}' in one group`);
  parent.children.set(name, node);
  return node;
}

/** Returns the group at `path` under `root`, creating missing groups on the way. */
export function ensureGroup(root: H5GroupNode, path: string): H5GroupNode {
  let g = root;
  for (const part of path.split("/").filter(Boolean)) {
    const next = g.children.get(part);
    if (next === undefined) g = put(g, part, group());
    else if (next.kind === "group") g = next;
    else throw new Error(`'${part}' in '${path}' is not a group`);
  }
  return g;
}

/** Row-major element count of a shape. */
export function countOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Chunks of about `targetBytes` for gzip: whole rows of the trailing dimensions, cut along the
 * first one, so reading a time window touches few chunks.
 */
export function chunkShape(
  shape: number[],
  bytesPerElement: number,
  targetBytes = 1 << 18,
): number[] {
  const rowElements = countOf(shape.slice(1));
  const rows = Math.max(
    1,
    Math.min(shape[0], Math.floor(targetBytes / Math.max(1, rowElements * bytesPerElement))),
  );
  return [rows, ...shape.slice(1)];
}

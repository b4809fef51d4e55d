// Writes an `H5GroupNode` tree to disk with h5wasm: into a temporary file next to the target,
// renamed over it only when everything is written, so an error never leaves a half-written file.
//
// Determinism: HDF5 stores a modification time in every object header (track_times), and h5wasm
// offers no way to turn that off. Its WebAssembly build reads the clock through JavaScript's
// `Date.now()`, so for the (synchronous) duration of the write we pin that clock to a fixed
// instant given by the caller: the same tree then gives byte-identical files.
import { renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type * as H5WasmNamespace from "h5wasm";
import {
  ObjectRef,
  countOf,
  type AttrValue,
  type H5DatasetNode,
  type H5GroupNode,
  type NumericArray,
} from "./h5tree.js";

type H5Wasm = typeof H5WasmNamespace;
let loaded: Promise<H5Wasm> | undefined;

/** h5wasm's Node build, loaded once. */
export function h5wasmNode(): Promise<H5Wasm> {
  loaded ??= import("h5wasm/node").then(async (ns) => {
    await ns.ready;
    return ns as unknown as H5Wasm;
  });
  return loaded;
}

export interface WriteH5Options {
  /** The instant (ms since 1970) stored as every object's modification time. */
  clockMs: number;
}

const DTYPE: Record<string, string> = {
  Int8Array: "<b",
  Uint8Array: "<B",
  Int16Array: "<h",
  Uint16Array: "<H",
  Int32Array: "<i",
  Uint32Array: "<I",
  BigInt64Array: "<q",
  BigUint64Array: "<Q",
  Float32Array: "<f",
  Float64Array: "<d",
};

function dtypeOf(a: NumericArray): string {
  return DTYPE[a.constructor.name];
}

function joinPath(parent: string, name: string): string {
  return parent === "/" ? `/${name}` : `${parent}/${name}`;
}

/** Writes `root` as the HDF5 file `path` (replacing it atomically). */
export async function writeH5Tree(
  path: string,
  root: H5GroupNode,
  options: WriteH5Options,
): Promise<void> {
  const h5 = await h5wasmNode();
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const realNow = Date.now;
  Date.now = () => options.clockMs;
  try {
    const file = new h5.File(tmp, "w");
    try {
      const pendingRefs: (() => void)[] = [];
      writeGroup(h5, file, file, "/", root, pendingRefs);
      // References need their targets to exist, so they go in last.
      for (const f of pendingRefs) f();
    } finally {
      file.close();
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    Date.now = realNow;
  }
}

function writeGroup(
  h5: H5Wasm,
  file: H5WasmNamespace.File,
  g: H5WasmNamespace.Group,
  path: string,
  node: H5GroupNode,
  pendingRefs: (() => void)[],
): void {
  writeAttrs(file, g, path, node.attrs, pendingRefs);
  for (const [name, child] of node.children) {
    const childPath = joinPath(path, name);
    if (child.kind === "group") {
      const sub = g.create_group(name);
      writeGroup(h5, file, sub, childPath, child, pendingRefs);
    } else if (child.kind === "link") {
      g.create_soft_link(child.target, name);
    } else {
      writeDataset(h5, file, g, childPath, name, child, pendingRefs);
    }
  }
}

function writeAttrs(
  file: H5WasmNamespace.File,
  obj: H5WasmNamespace.Group | H5WasmNamespace.Dataset,
  path: string,
  attrs: Record<string, AttrValue>,
  pendingRefs: (() => void)[],
): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value instanceof ObjectRef || (Array.isArray(value) && value[0] instanceof ObjectRef)) {
      const refs = (Array.isArray(value) ? value : [value]) as ObjectRef[];
      pendingRefs.push(() => {
        const data = refs.map((r) => refTo(file, r));
        const target = file.get(path) as H5WasmNamespace.Group;
        target.create_attribute(
          name,
          Array.isArray(value) ? data : data[0],
          Array.isArray(value) ? [data.length] : [],
        );
      });
    } else if (typeof value === "string") {
      obj.create_attribute(name, value, []);
    } else if (typeof value === "number") {
      // NWB's numeric attributes (rate, conversion, …) are floats: a plain number is written as float64.
      obj.create_attribute(name, new Float64Array([value]), []);
    } else if (Array.isArray(value)) {
      obj.create_attribute(name, value as string[], [value.length]);
    } else {
      obj.create_attribute(name, value as NumericArray, [value.length]);
    }
  }
}

function refTo(file: H5WasmNamespace.File, r: ObjectRef): H5WasmNamespace.Reference {
  const target = file.get(r.path);
  if (!target || !("create_reference" in target))
    throw new Error(`reference to a missing object '${r.path}'`);
  return (target as H5WasmNamespace.Group).create_reference();
}

function writeDataset(
  h5: H5Wasm,
  file: H5WasmNamespace.File,
  g: H5WasmNamespace.Group,
  path: string,
  name: string,
  node: H5DatasetNode,
  pendingRefs: (() => void)[],
): void {
  const v = node.value;
  if (Array.isArray(v) && v.length > 0 && v[0] instanceof ObjectRef) {
    // A dataset of references: written after every object exists, then given its attributes.
    pendingRefs.push(() => {
      const refs = (v as ObjectRef[]).map((r) => refTo(file, r));
      g.create_dataset({ name, data: refs, shape: [refs.length] });
      writeAttrs(file, file.get(path) as H5WasmNamespace.Dataset, path, node.attrs, pendingRefs);
    });
    return;
  }
  let ds: H5WasmNamespace.Dataset;
  if (typeof v === "string") {
    ds = g.create_dataset({ name, data: v, shape: node.scalar ? [] : [1] });
  } else if (typeof v === "number") {
    ds = g.create_dataset({ name, data: new Float64Array([v]), shape: node.scalar ? [] : [1] });
  } else if (Array.isArray(v)) {
    ds = g.create_dataset({ name, data: v as string[], shape: [v.length] });
  } else if ("columns" in v) {
    const n = v.columns[0]?.data.length ?? 0;
    const columns = new Map<string, NumericArray>(v.columns.map((c) => [c.name, c.data]));
    const dtype = v.columns.map((c) => [c.name, dtypeOf(c.data)] as [string, string]);
    ds = g.create_dataset({ name, data: columns, shape: [n], dtype: dtype as unknown as string });
  } else {
    const shape = node.shape ?? [v.length];
    if (countOf(shape) !== v.length)
      throw new Error(`${path}: shape ${shape.join("×")} does not match ${v.length} values`);
    const compress = node.chunks !== undefined && v.length > 0;
    ds = g.create_dataset({
      name,
      data: v,
      shape,
      dtype: dtypeOf(v),
      ...(compress
        ? { chunks: node.chunks, compression: "gzip" as const, compression_opts: 4 }
        : {}),
    });
  }
  writeAttrs(file, ds, path, node.attrs, pendingRefs);
}

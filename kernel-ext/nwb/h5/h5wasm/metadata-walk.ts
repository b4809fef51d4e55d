// The whole metadata tree of a file (groups, datasets, attributes, links) as plain data, read
// breadth first in guarded slices: a loop in a corrupt group ends at the deadline, while a large
// valid file is never held to one deadline for its whole walk, nor pays a watchdog per group.
import { NWBError } from "../../errors.js";
import { dtypeFromMetadata } from "../dtype.js";
import type {
  H5Attribute,
  H5AttrValue,
  H5DatasetMeta,
  H5FileMeta,
  H5GroupMeta,
  H5NodeMeta,
} from "../source.js";
import { decodeStrings, readChecked } from "./checked-read.js";
import { convert, unwrapScalar } from "./decode.js";
import type { OpenFile } from "./open-file.js";

const FILTER_NAMES: Record<number, string> = {
  1: "deflate",
  2: "shuffle",
  3: "fletcher32",
  4: "szip",
  5: "nbit",
  6: "scaleoffset",
  32000: "lzf",
  32001: "blosc",
  32004: "lz4",
  32015: "zstd",
};

/** Deeper group nesting is taken for a cycle of hard links, or corrupt metadata (NWB files nest < 10). */
const MAX_GROUP_DEPTH = 100;
/** The walk's guarded slices last about this long (one for most files). */
const WALK_SLICE_MS = 500;

/** A group of the metadata tree while the walk fills it in. */
type MutableGroup = { -readonly [K in keyof H5GroupMeta]: H5GroupMeta[K] };

export function describeFile(f: OpenFile, size: number): H5FileMeta {
  const root: MutableGroup = { kind: "group", path: "/", attrs: {}, children: {} };
  const queue: { group: MutableGroup; depth: number }[] = [{ group: root, depth: 0 }];
  while (queue.length > 0) {
    f.hdf5(
      () => f.at,
      "metadata",
      () => {
        const started = performance.now();
        do {
          const { group, depth } = queue.shift()!;
          const subgroups = describeGroup(f, group);
          if (subgroups.length > 0 && depth + 1 > MAX_GROUP_DEPTH) {
            throw new NWBError(
              f.name,
              group.path,
              `groups nested more than ${MAX_GROUP_DEPTH} deep: a hard link back to an enclosing group (a cycle), or corrupt HDF5 metadata`,
            );
          }
          for (const sub of subgroups) queue.push({ group: sub, depth: depth + 1 });
        } while (queue.length > 0 && performance.now() - started < WALK_SLICE_MS);
      },
    );
  }
  return { name: f.name, size, root };
}

function joinPath(parent: string, name: string): string {
  return parent === "/" ? `/${name}` : `${parent}/${name}`;
}

/** Fills in a group's attributes and children (in link order); returns its subgroups, still empty. */
function describeGroup(f: OpenFile, group: MutableGroup): MutableGroup[] {
  const path = group.path;
  f.at = path;
  const subgroups: MutableGroup[] = [];
  for (const childName of f.module.get_names(f.id, path, false)) {
    const p = joinPath(path, childName);
    const node = describeNode(f, p);
    if (node === "group") {
      const sub: MutableGroup = { kind: "group", path: p, attrs: {}, children: {} };
      subgroups.push(sub);
      group.children[childName] = sub;
    } else group.children[childName] = node;
  }
  group.attrs = readAttributes(f, path);
  return subgroups;
}

/** A dataset or link as metadata, or "group" for a group (described by the caller). */
function describeNode(
  f: OpenFile,
  path: string,
): Exclude<H5NodeMeta, H5GroupMeta> | H5GroupMeta | "group" {
  f.at = path;
  const m = f.module;
  const id = f.id;
  const soft = m.get_symbolic_link(id, path);
  if (typeof soft === "string") return { kind: "softlink", path, target: soft };
  const type = m.get_type(id, path);
  if (type === m.H5G_GROUP) return "group";
  if (type === m.H5G_DATASET) return describeDataset(f, path);
  if (type === m.H5G_UDLINK) {
    const ext = m.get_external_link(id, path);
    return { kind: "externallink", path, file: ext.filename, target: ext.obj_path };
  }
  // A committed datatype or an unresolvable link: keep it visible as an empty group.
  return { kind: "group", path, attrs: {}, children: {} };
}

function describeDataset(f: OpenFile, path: string): H5DatasetMeta {
  const m = f.module;
  const id = f.id;
  const md = m.get_dataset_metadata(id, path);
  let filters: string[] = [];
  try {
    filters = m
      .get_dataset_filters(id, path)
      .map((fl) => FILTER_NAMES[fl.id] ?? fl.name ?? `filter${fl.id}`);
  } catch {
    f.guard.noteThrown();
    filters = [];
  }
  return {
    kind: "dataset",
    path,
    shape: md.shape ? [...md.shape] : [],
    dtype: dtypeFromMetadata(md),
    chunks: md.chunks ? [...md.chunks] : null,
    filters,
    attrs: readAttributes(f, path),
  };
}

function readAttributes(f: OpenFile, path: string): Record<string, H5Attribute> {
  f.at = path;
  const out: Record<string, H5Attribute> = {};
  const id = f.id;
  const m = f.module;
  for (const attrName of m.get_attribute_names(id, path)) {
    const attr = new f.h5.Attribute(id, path, attrName);
    const md = attr.metadata;
    const dtype = dtypeFromMetadata(md);
    const shape = attr.shape ? [...attr.shape] : [];
    let value: H5AttrValue = null;
    if (attr.shape !== null) {
      const n = shape.reduce((p, c) => p * c, 1);
      // Read here first (h5wasm's own read ignores a failure and decodes whatever the buffer held):
      // strings are decoded from this read, other types read again by h5wasm once this one succeeded.
      const strings = readChecked(
        f,
        path,
        "metadata",
        md.size * n,
        md.vlen ? (ptr) => m.reclaim_vlen_memory(id, path, attrName, BigInt(ptr)) : null,
        (ptr) => m.get_attribute_data(id, path, attrName, BigInt(ptr)),
        (ptr) =>
          dtype.class === "string" ? decodeStrings(f, ptr, n, md.size, 0, dtype) : undefined,
      );
      const values = strings ?? convert(f, attr.value, dtype, shape.length === 0);
      value = shape.length === 0 ? unwrapScalar(values, dtype) : values;
    }
    out[attrName] = { dtype, shape, value };
  }
  return out;
}

// Helpers shared by the NWB builders: typed groups/datasets carrying namespace, neurodata_type and
// a deterministic object_id, ISO dates, and DynamicTable columns.
import { createHash } from "node:crypto";
import {
  chunkShape,
  dataset,
  type AttrValue,
  type H5DatasetNode,
  type H5GroupNode,
  type NumericArray,
  group,
} from "./h5tree.js";

/**
 * object_id is a UUID in NWB. A random one would make every write differ, so it is derived from
 * the file identifier and the object's path (UUID version-4 layout, name-based content).
 */
export function objectId(fileIdentifier: string, path: string): string {
  const h = createHash("sha256").update(`${fileIdentifier}\0${path}`).digest();
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** Assigns object ids: one context per file. */
export interface BuildContext {
  identifier: string;
}

export function typeAttrs(
  ctx: BuildContext,
  path: string,
  namespace: "core" | "hdmf-common",
  type: string,
): Record<string, AttrValue> {
  return { namespace, neurodata_type: type, object_id: objectId(ctx.identifier, path) };
}

export function typedGroup(
  ctx: BuildContext,
  path: string,
  namespace: "core" | "hdmf-common",
  type: string,
  attrs: Record<string, AttrValue> = {},
): H5GroupNode {
  return group({ ...typeAttrs(ctx, path, namespace, type), ...attrs });
}

/** ISO 8601 with milliseconds and an explicit UTC offset, as NWB's isodatetime wants. */
export function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError("invalid Date");
  return d.toISOString().replace("Z", "+00:00");
}

const COMPRESS_ABOVE_BYTES = 64 * 1024;

/** A numeric dataset, gzip-chunked when large (or when asked). */
export function numericDataset(
  data: NumericArray,
  shape?: number[],
  compress?: boolean,
): H5DatasetNode {
  const s = shape ?? [data.length];
  const big = compress ?? data.byteLength > COMPRESS_ABOVE_BYTES;
  return dataset(data, {
    shape: s,
    chunks: big && data.length > 0 ? chunkShape(s, data.BYTES_PER_ELEMENT) : undefined,
  });
}

/** Cumulative end offsets of ragged rows (VectorIndex data). */
export function raggedIndex(lengths: number[]): BigUint64Array | Uint32Array {
  const out = new Uint32Array(lengths.length);
  let acc = 0;
  lengths.forEach((n, i) => {
    acc += n;
    out[i] = acc;
  });
  return out;
}

export function idColumn(ctx: BuildContext, tablePath: string, n: number): H5DatasetNode {
  const ids = new BigInt64Array(n);
  for (let i = 0; i < n; i++) ids[i] = BigInt(i);
  const d = dataset(ids);
  d.attrs = typeAttrs(ctx, `${tablePath}/id`, "hdmf-common", "ElementIdentifiers");
  return d;
}

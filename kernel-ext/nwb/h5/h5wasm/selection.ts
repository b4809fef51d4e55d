// Selections as HDF5 takes them, and the arrays results are made in.
import { typedArrayClass } from "../dtype.js";
import type { H5Dtype, H5Values } from "../source.js";
import type { TypedArrayCtor } from "./open-file.js";

/** One dimension of a selection: [start, stop, step], clipped to the dimension. */
export type Range = [number, number, number];

export function normaliseRange(
  r: [number, number] | [number, number, number] | undefined,
  n: number,
): Range {
  if (!r) return [0, n, 1];
  const step = r[2] ?? 1;
  if (!Number.isInteger(r[0]) || !Number.isInteger(r[1]) || !Number.isInteger(step) || step < 1) {
    throw new RangeError(`selection [${r.join(", ")}]: start, stop must be integers and step ≥ 1`);
  }
  const a = Math.min(Math.max(r[0], 0), n);
  const b = Math.min(Math.max(r[1], a), n);
  return [a, b, step];
}

/** Elements a range selects. */
export function rangeLength([a, b, s]: Range): number {
  return b > a ? Math.ceil((b - a) / s) : 0;
}

/** h5wasm's hyperslab arguments (count, offset, stride) for `ranges`; all null for the whole dataset. */
export function hyperslab(
  ranges: Range[],
  whole: boolean,
): [bigint[] | null, bigint[] | null, bigint[] | null] {
  if (whole) return [null, null, null];
  return [
    ranges.map((r) => BigInt(rangeLength(r))),
    ranges.map(([a]) => BigInt(a)),
    ranges.map(([, , s]) => BigInt(s)),
  ];
}

/**
 * A result array whose bytes are all about to be overwritten: allocated without zero-filling
 * where Node's Buffer is available (saves a pass over fresh memory per read).
 */
export function resultArray(
  Ctor: TypedArrayCtor,
  n: number,
  elementSize: number,
): InstanceType<TypedArrayCtor> {
  const B = (globalThis as { Buffer?: { allocUnsafeSlow(size: number): Uint8Array } }).Buffer;
  if (!B) return new Ctor(n) as InstanceType<TypedArrayCtor>;
  const bytes = B.allocUnsafeSlow(n * elementSize);
  return new (
    Ctor as unknown as new (
      b: ArrayBufferLike,
      offset: number,
      length: number,
    ) => InstanceType<TypedArrayCtor>
  )(bytes.buffer, bytes.byteOffset, n);
}

/** The bytes of a typed array. */
export function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export function emptyValues(dtype: H5Dtype): H5Values {
  const Ctor = typedArrayClass(dtype);
  if (Ctor) return new Ctor(0);
  if (dtype.class === "compound") {
    const fields: Record<string, H5Values> = {};
    for (const m of dtype.members) fields[m.name] = emptyValues(m.dtype);
    return { kind: "compound", length: 0, fields };
  }
  return [] as string[];
}

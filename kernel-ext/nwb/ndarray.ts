// A flat C-order array with its shape: what every lazy read resolves to.
import type { H5Dtype, H5Values, TypedArray } from "./h5/source.js";

export interface NDArray<T extends H5Values = H5Values> {
  readonly data: T;
  readonly shape: number[];
  readonly dtype: H5Dtype;
}

export function isTypedArray(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/** Element count of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Converts numeric values (including int64) to a Float64Array. */
export function toFloat64(values: H5Values): Float64Array {
  if (values instanceof Float64Array) return values;
  if (isTypedArray(values)) {
    const out = new Float64Array(values.length);
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      for (let i = 0; i < values.length; i++) out[i] = Number(values[i]);
    } else {
      out.set(values as ArrayLike<number>);
    }
    return out;
  }
  throw new TypeError("expected numeric values");
}

/** One element of a flat H5Values as a plain JS value (int64 → number when exact, else bigint). */
export function elementAt(values: H5Values, i: number): unknown {
  if (isTypedArray(values)) {
    const v = values[i] as number | bigint;
    if (typeof v === "bigint")
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(v)
        : v;
    return v;
  }
  if (Array.isArray(values)) return values[i];
  const out: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(values.fields)) out[k] = elementAt(col, i);
  return out;
}

/** Elements [start, stop) of flat values, same representation. */
export function sliceValues(values: H5Values, start: number, stop: number): H5Values {
  if (isTypedArray(values)) return values.subarray(start, stop) as TypedArray;
  if (Array.isArray(values)) return values.slice(start, stop) as H5Values;
  const fields: Record<string, H5Values> = {};
  for (const [k, col] of Object.entries(values.fields)) fields[k] = sliceValues(col, start, stop);
  return { kind: "compound", length: Math.max(0, Math.min(stop, values.length) - start), fields };
}

/** Number of elements in flat values. */
export function valuesLength(values: H5Values): number {
  if (isTypedArray(values) || Array.isArray(values)) return values.length;
  return values.length;
}

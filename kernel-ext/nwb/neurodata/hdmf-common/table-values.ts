// Turns flat column values into per-row JS values: numbers, strings, typed arrays for ragged
// numeric cells, NDArrays for multi-dimensional cells, and NWB objects for object references.
import type { NWBContext } from "../../context.js";
import type { H5Object } from "../../h5-object.js";
import type { H5Dtype, H5Ref, H5Values } from "../../h5/source.js";
import { elementAt, isTypedArray, sizeOf, sliceValues, type NDArray } from "../../ndarray.js";

function isRef(x: unknown): x is H5Ref {
  return (
    typeof x === "object" &&
    x !== null &&
    typeof (x as H5Ref).ref === "string" &&
    typeof (x as H5Ref).path === "string"
  );
}

/** An element as a user-facing value; references become the object they point to. */
export function userValue(ctx: NWBContext<H5Object>, v: unknown): unknown {
  if (isRef(v)) return (v.path && ctx.find(v.path)) || v;
  if (typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = userValue(ctx, x);
    return o;
  }
  return v;
}

/** Cell `i` of an outer dimension whose cells have shape `inner`. */
export function cellAt(
  ctx: NWBContext<H5Object>,
  values: H5Values,
  dtype: H5Dtype,
  i: number,
  inner: number[],
): unknown {
  if (inner.length === 0) return userValue(ctx, elementAt(values, i));
  const k = sizeOf(inner);
  const data = copyValues(sliceValues(values, i * k, (i + 1) * k));
  return { data, shape: inner, dtype } satisfies NDArray;
}

/** Cells [a, b) (a ragged row): typed array for numbers, else an array of cell values. */
export function cellsIn(
  ctx: NWBContext<H5Object>,
  values: H5Values,
  dtype: H5Dtype,
  a: number,
  b: number,
  inner: number[],
): unknown {
  if (inner.length === 0 && isTypedArray(values)) return copyValues(sliceValues(values, a, b));
  const out: unknown[] = [];
  for (let i = a; i < b; i++) out.push(cellAt(ctx, values, dtype, i, inner));
  return out;
}

function copyValues(v: H5Values): H5Values {
  return isTypedArray(v) ? (v.slice() as H5Values) : v;
}

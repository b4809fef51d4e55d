// Buffers arrive from @jupyter-widgets as DataViews into one message's ArrayBuffer, at any byte
// offset; a typed array needs an offset aligned to its element size, so unaligned views are copied.
import type { Dtype, NdArray } from "../../../contract/common";

export type TypedArray =
  | Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Uint8Array;

const CTORS = {
  float64: Float64Array, float32: Float32Array, int32: Int32Array, uint32: Uint32Array,
  int16: Int16Array, uint16: Uint16Array, uint8: Uint8Array,
} as const;

export function typed(view: ArrayBufferView | ArrayBuffer | null | undefined, dtype: Dtype): TypedArray {
  const Ctor = CTORS[dtype];
  if (!Ctor) throw new Error(`tsnwb: unknown buffer dtype '${dtype}'`);
  if (view == null) return new Ctor(0);
  if (view instanceof ArrayBuffer) return new Ctor(view.slice(0, view.byteLength - (view.byteLength % Ctor.BYTES_PER_ELEMENT)));
  if (view instanceof Ctor) return view;
  const n = Math.floor(view.byteLength / Ctor.BYTES_PER_ELEMENT);
  if (view.byteOffset % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(view.buffer as ArrayBuffer, view.byteOffset, n);
  return new Ctor(view.buffer.slice(view.byteOffset, view.byteOffset + n * Ctor.BYTES_PER_ELEMENT) as ArrayBuffer);
}

export function float64(view: ArrayBufferView | null | undefined): Float64Array {
  return typed(view, "float64") as Float64Array;
}

export function float32(view: ArrayBufferView | null | undefined): Float32Array {
  return typed(view, "float32") as Float32Array;
}

/** The array's elements, plus its shape checked against the byte length. */
export function ndarray(nd: NdArray | null | undefined): { shape: number[]; values: TypedArray } {
  if (!nd) return { shape: [0], values: new Float64Array(0) };
  const values = typed(nd.data, nd.dtype);
  const expected = nd.shape.reduce((a, b) => a * b, 1);
  if (values.length !== expected) {
    throw new Error(`tsnwb: array of shape [${nd.shape.join(", ")}] has ${values.length} ${nd.dtype} elements, expected ${expected}`);
  }
  return { shape: nd.shape, values };
}

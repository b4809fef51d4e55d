// Reading the contract's buffers as typed arrays. In the kernel they are typed arrays; in the browser
// @jupyter-widgets hands them over as DataViews into one message's ArrayBuffer, at any byte offset.
// A typed array needs an offset aligned to its element size, so an unaligned view is copied.
import type { Dtype, NdArray } from "./common.js";

export type TypedArray =
  Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Uint8Array;

type TypedArrayClass = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedArray;
  new (length: number): TypedArray;
  BYTES_PER_ELEMENT: number;
};

/** The typed array of each buffer dtype. */
export const TYPED_ARRAYS: Record<Dtype, TypedArrayClass> = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int16: Int16Array,
  uint16: Uint16Array,
  uint8: Uint8Array,
};

/** The elements of `bytes` from `byteOffset` (`length` of them, default: as many as fit) as
 *  `dtype`: a view when aligned, a copy when not; empty for a missing buffer. */
export function typedView(
  bytes: ArrayBufferView | ArrayBuffer | null | undefined,
  dtype: Dtype,
  byteOffset = 0,
  length?: number,
): TypedArray {
  const Ctor = TYPED_ARRAYS[dtype];
  if (!Ctor) throw new Error(`tsnwb: unknown buffer dtype '${dtype}'`);
  if (bytes == null) return new Ctor(0);
  const buffer = bytes instanceof ArrayBuffer ? bytes : bytes.buffer;
  const start = (bytes instanceof ArrayBuffer ? 0 : bytes.byteOffset) + byteOffset;
  const size = Ctor.BYTES_PER_ELEMENT;
  const n = length ?? Math.floor((bytes.byteLength - byteOffset) / size);
  if (start % size === 0) return new Ctor(buffer, start, n);
  return new Ctor(buffer.slice(start, start + n * size), 0, n);
}

export const asFloat64 = (v: ArrayBufferView | null | undefined, byteOffset = 0, length?: number) =>
  typedView(v, "float64", byteOffset, length) as Float64Array;
export const asFloat32 = (v: ArrayBufferView | null | undefined, byteOffset = 0, length?: number) =>
  typedView(v, "float32", byteOffset, length) as Float32Array;
export const asUint32 = (v: ArrayBufferView | null | undefined, byteOffset = 0, length?: number) =>
  typedView(v, "uint32", byteOffset, length) as Uint32Array;

/** The elements of an NdArray as a typed array of its dtype, their count checked against the shape. */
export function ndValues(nd: NdArray): TypedArray {
  const values = typedView(nd.data, nd.dtype);
  const expected = nd.shape.reduce((a, b) => a * b, 1);
  if (values.length !== expected) {
    throw new Error(
      `tsnwb: array of shape [${nd.shape.join(", ")}] has ${values.length} ${nd.dtype} elements, expected ${expected}`,
    );
  }
  return values;
}

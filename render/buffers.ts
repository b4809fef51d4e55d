// Reading the contract's buffers. In the kernel they are typed arrays; in the browser
// @jupyter-widgets hands them over as DataView. Views are copied when misaligned.
import type { Dtype, NdArray } from "../contract/common.js";

type Ctor<T> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };

function view<T>(ctor: Ctor<T>, v: ArrayBufferView, byteOffset = 0, length?: number): T {
  const size = ctor.BYTES_PER_ELEMENT;
  const start = v.byteOffset + byteOffset;
  const n = length ?? Math.floor((v.byteLength - byteOffset) / size);
  if (start % size === 0) return new ctor(v.buffer, start, n);
  const copy = new Uint8Array(n * size);
  copy.set(new Uint8Array(v.buffer, start, n * size));
  return new ctor(copy.buffer, 0, n);
}

export const asFloat64 = (v: ArrayBufferView, byteOffset = 0, length?: number) => view(Float64Array, v, byteOffset, length);
export const asFloat32 = (v: ArrayBufferView, byteOffset = 0, length?: number) => view(Float32Array, v, byteOffset, length);
export const asUint32 = (v: ArrayBufferView, byteOffset = 0, length?: number) => view(Uint32Array, v, byteOffset, length);

const CTORS: Record<Dtype, Ctor<ArrayLike<number>>> = {
  float64: Float64Array, float32: Float32Array, int32: Int32Array, uint32: Uint32Array,
  int16: Int16Array, uint16: Uint16Array, uint8: Uint8Array,
};

/** The elements of an NdArray as a typed array of its dtype. */
export function ndValues(a: NdArray): ArrayLike<number> {
  return view(CTORS[a.dtype], a.data);
}

/** Times and values of a packed lane slice (see contract/trace.ts). */
export function unpackSlice(s: { kind: "line" | "events"; count: number; data: ArrayBufferView }): { times: Float64Array; values: Float32Array | null } {
  const times = asFloat64(s.data, 0, s.count);
  const values = s.kind === "line" ? asFloat32(s.data, 8 * s.count, s.count) : null;
  return { times, values };
}

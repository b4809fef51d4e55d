// Binary values inside widget state travel as separate message buffers plus `buffer_paths`
// (ipywidgets' _remove_buffers / put_buffers): typed arrays are never turned into JSON numbers.
export type BufferPath = (string | number)[];
export type Binary = ArrayBufferView | ArrayBuffer;

export function isBinary(value: unknown): value is Binary {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

export interface SeparatedState {
  /** The state with every binary value taken out (object keys removed, array slots set to null). */
  state: Record<string, unknown>;
  bufferPaths: BufferPath[];
  buffers: ArrayBufferView[];
}

function asView(b: Binary): ArrayBufferView {
  return b instanceof ArrayBuffer ? new Uint8Array(b) : b;
}

export function removeBuffers(state: Record<string, unknown>): SeparatedState {
  const bufferPaths: BufferPath[] = [];
  const buffers: ArrayBufferView[] = [];
  const walk = (value: unknown, path: BufferPath): unknown => {
    if (Array.isArray(value)) {
      return value.map((v, i) => {
        if (isBinary(v)) {
          bufferPaths.push([...path, i]);
          buffers.push(asView(v));
          return null;
        }
        return walk(v, [...path, i]);
      });
    }
    if (value !== null && typeof value === "object" && !isBinary(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (isBinary(v)) {
          bufferPaths.push([...path, k]);
          buffers.push(asView(v));
        } else out[k] = walk(v, [...path, k]);
      }
      return out;
    }
    return value;
  };
  return { state: walk(state, []) as Record<string, unknown>, bufferPaths, buffers };
}

type TypedArrayConstructor = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): ArrayBufferView;
  BYTES_PER_ELEMENT: number;
};

/** A received buffer as the same typed-array type as `like` (the value it replaces), when it fits. */
function reinterpret(buffer: Uint8Array, like: unknown): ArrayBufferView | ArrayBuffer {
  if (like instanceof ArrayBuffer) return buffer.slice().buffer;
  if (!ArrayBuffer.isView(like) || like instanceof DataView) return buffer;
  const ctor = like.constructor as TypedArrayConstructor;
  const size = ctor.BYTES_PER_ELEMENT;
  if (buffer.byteLength % size !== 0) return buffer;
  const aligned = buffer.byteOffset % size === 0 ? buffer : buffer.slice();
  return new ctor(aligned.buffer, aligned.byteOffset, aligned.byteLength / size);
}

function valueAt(root: unknown, path: BufferPath): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/**
 * Puts received buffers back into `state` at `bufferPaths`. A buffer replacing a typed array in
 * `current` (the widget's present state) comes back as that same type; otherwise as a Uint8Array.
 */
export function putBuffers(
  state: Record<string, unknown>,
  bufferPaths: unknown,
  buffers: Uint8Array[],
  current: object = {},
): void {
  if (bufferPaths === undefined || bufferPaths === null) bufferPaths = [];
  if (!Array.isArray(bufferPaths)) throw new Error("buffer_paths is not a list");
  if (bufferPaths.length !== buffers.length) {
    throw new Error(
      `buffer_paths lists ${bufferPaths.length} paths but the message carries ${buffers.length} buffers`,
    );
  }
  bufferPaths.forEach((path, i) => {
    if (
      !Array.isArray(path) ||
      path.length === 0 ||
      !path.every((k) => typeof k === "string" || typeof k === "number")
    ) {
      throw new Error(
        `buffer_paths[${i}] is not a non-empty list of keys: ${JSON.stringify(path)}`,
      );
    }
    let obj = state as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = obj[key];
      if (next === null || typeof next !== "object")
        throw new Error(`buffer_paths[${i}] ${JSON.stringify(path)} does not lead into the state`);
      obj = next as Record<string | number, unknown>;
    }
    obj[path[path.length - 1]] = reinterpret(buffers[i], valueAt(current, path));
  });
}

// A read-only file in Emscripten's MEMFS (h5wasm's browser build) whose bytes come from a callback
// instead of memory: the node reports the remote size (MEMFS stat reads `usedBytes`, so HDF5 sees
// the real end of file) and its own stream_ops.read asks the callback for each range HDF5 reads.

/** The parts of Emscripten's FS object used here. */
export interface EmscriptenFS {
  createFile(
    parent: string,
    name: string,
    properties: object,
    canRead: boolean,
    canWrite: boolean,
  ): MemfsNode;
  unlink(path: string): void;
  analyzePath(path: string): { exists: boolean };
  mkdirTree?(path: string): void;
  ErrnoError: new (errno: number) => Error;
}

interface MemfsNode {
  contents: unknown;
  stream_ops: Record<string, unknown>;
}

// Emscripten's errno numbers (WASI numbering).
const EIO = 29;
const EROFS = 69;

export interface LazyFileSource {
  size: number;
  /** Fills `target` with bytes [position, position + target.length); throws on failure. */
  readInto(position: number, target: Uint8Array): void;
}

/**
 * Creates `/<dir>/<name>` backed by `source`. A failure inside `readInto` is kept in `lastError`
 * and HDF5 sees an ordinary I/O error (EIO), so the library unwinds cleanly and stays usable; the
 * caller rethrows `lastError` in place of HDF5's generic message.
 */
export function createLazyFile(
  FS: EmscriptenFS,
  dir: string,
  name: string,
  source: LazyFileSource,
) {
  const node = FS.createFile(dir, name, {}, true, false);
  node.contents = null;
  Object.defineProperty(node, "usedBytes", { get: () => source.size });
  const state = { lastError: null as unknown, path: `${dir}/${name}`.replace(/\/+/g, "/") };
  node.stream_ops = {
    ...node.stream_ops,
    read(
      _stream: unknown,
      buffer: Int8Array,
      offset: number,
      length: number,
      position: number,
    ): number {
      if (position >= source.size || length <= 0) return 0;
      const count = Math.min(length, source.size - position);
      try {
        source.readInto(position, new Uint8Array(buffer.buffer, buffer.byteOffset + offset, count));
      } catch (error) {
        state.lastError = error;
        throw new FS.ErrnoError(EIO);
      }
      return count;
    },
    write(): number {
      throw new FS.ErrnoError(EROFS);
    },
    mmap(): never {
      throw new FS.ErrnoError(EROFS);
    },
  };
  return state;
}

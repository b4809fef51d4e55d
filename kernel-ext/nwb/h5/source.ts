/**
 * The boundary between the NWB class layer and HDF5.
 *
 * The NWB classes (`kernel-ext/nwb/*.ts`) never call h5wasm: they see a file only through an
 * `H5Source`. Two backends implement it:
 *  - `openLocalH5` (./local.ts): h5wasm's Node build, in-process, local paths, read-only;
 *  - the remote backend (`kernel-ext/nwb/remote/`): h5wasm's browser ESM build over a lazy
 *    HTTP-range file inside a worker thread, answering over messages.
 * Both reuse the h5wasm-calling code in ./h5wasm-file.ts, which is parameterised by the h5wasm
 * module instance and a file path, so it runs unchanged in either thread.
 *
 * Everything crossing this interface is plain data (structured-clone safe): the whole metadata
 * tree is read once at open (`meta`), and `readDataset` takes a path plus a per-dimension
 * selection and resolves to typed arrays / strings / references-as-paths. Metadata is therefore
 * synchronous for the NWB layer; only data reads are async, which is what lets a remote read run
 * in a worker while the kernel keeps serving.
 */

/** Numeric typed arrays h5wasm produces. */
export type TypedArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** An HDF5 element type, described as plain data. */
export type H5Dtype =
  | { class: "int" | "uint" | "float"; size: number }
  | { class: "bool" } // h5py's FALSE/TRUE enum
  | { class: "enum"; size: number; signed: boolean; members: Record<string, number> }
  | { class: "string"; vlen: boolean; size: number; encoding: "ascii" | "utf-8" }
  | { class: "ref"; refType: "object" | "region" }
  | { class: "compound"; size: number; members: { name: string; dtype: H5Dtype }[] }
  | { class: "vlen"; base: H5Dtype }
  | { class: "array"; base: H5Dtype; shape: number[] }
  | { class: "opaque"; size: number };

/** An HDF5 object reference, resolved to the path of its target ("" when it points nowhere). */
export interface H5Ref {
  readonly ref: "object" | "region";
  readonly path: string;
}

/**
 * Values read from a dataset or attribute, flattened in C order:
 * numbers → a typed array (int64 → BigInt64Array), strings → string[], references → H5Ref[],
 * compounds → one flat column per member, vlen/array elements → nested arrays of the same.
 */
export type H5Values = TypedArray | string[] | H5Ref[] | H5Compound | H5Values[];

export interface H5Compound {
  readonly kind: "compound";
  readonly length: number;
  readonly fields: Record<string, H5Values>;
}

export interface H5Attribute {
  readonly dtype: H5Dtype;
  /** [] for scalars. */
  readonly shape: number[];
  /** Scalars are unwrapped: a number, bigint, string, boolean or H5Ref; arrays stay H5Values. */
  readonly value: H5AttrValue;
}

export type H5AttrValue = number | bigint | string | boolean | H5Ref | H5Values | null;

interface H5NodeBase {
  /** Absolute path, e.g. "/acquisition/ts/data". */
  readonly path: string;
  readonly attrs: Record<string, H5Attribute>;
}

export interface H5GroupMeta extends H5NodeBase {
  readonly kind: "group";
  /** Children in the file's link order. */
  readonly children: Record<string, H5NodeMeta>;
}

export interface H5DatasetMeta extends H5NodeBase {
  readonly kind: "dataset";
  readonly shape: number[];
  readonly dtype: H5Dtype;
  /** Chunk shape, or null when contiguous/compact. */
  readonly chunks: number[] | null;
  /** Filter names in the pipeline, e.g. ["deflate"]. */
  readonly filters: string[];
}

/** A soft link (kept as a link so shared objects are not listed twice); the target may be missing. */
export interface H5SoftLinkMeta {
  readonly kind: "softlink";
  readonly path: string;
  readonly target: string;
}

export interface H5ExternalLinkMeta {
  readonly kind: "externallink";
  readonly path: string;
  readonly file: string;
  readonly target: string;
}

export type H5NodeMeta = H5GroupMeta | H5DatasetMeta | H5SoftLinkMeta | H5ExternalLinkMeta;

export interface H5FileMeta {
  /** The name used in error messages (a local path or a URL). */
  readonly name: string;
  readonly size: number;
  readonly root: H5GroupMeta;
}

/**
 * A per-dimension selection: `[start, stop]` or `[start, stop, step]` (stop exclusive, clipped to
 * the extent); dimensions not given are read whole. `undefined` or `[]` reads everything.
 */
export type H5Selection = ([number, number] | [number, number, number])[];

export interface H5ReadResult {
  /** Shape of what was read (after the selection). */
  readonly shape: number[];
  readonly values: H5Values;
}

export interface H5Source {
  readonly meta: H5FileMeta;
  /** Reads (part of) the dataset at `path`; soft links in the path are followed. */
  readDataset(path: string, selection?: H5Selection): Promise<H5ReadResult>;
  /**
   * Reads several small datasets whole at once (optional; openNWB uses it for the values it reads
   * at open). Datasets that cannot be read are left out; rejects only when nothing more can be
   * read from the file.
   */
  prefetch?(paths: string[]): Promise<Map<string, H5ReadResult>>;
  close(): Promise<void>;
}

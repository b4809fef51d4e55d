// Everything that calls h5wasm. Parameterised by the h5wasm module namespace (Node or browser
// ESM build, after `ready`) and a path in that module's file system, so the same code serves the
// local backend here and the remote backend inside its worker.
import type * as H5WasmNamespace from "h5wasm";
import type { Metadata } from "h5wasm";
import { NWBError } from "../errors.js";
import { causeFromDiagnostics, guardOf, innermostMessage, isCrash, type Hdf5Guard } from "./hdf5-guard.js";
import { dtypeFromMetadata, typedArrayClass } from "./dtype.js";
import { RowLocations, type ObservedRead } from "./row-locations.js";
import type {
  H5Attribute,
  H5AttrValue,
  H5DatasetMeta,
  H5Dtype,
  H5FileMeta,
  H5GroupMeta,
  H5NodeMeta,
  H5ReadResult,
  H5Ref,
  H5Selection,
  H5Values,
} from "./source.js";

/** The h5wasm module namespace (`import * as h5wasm from "h5wasm/node"` or `"h5wasm"`). */
export type H5Wasm = typeof H5WasmNamespace;

const FILTER_NAMES: Record<number, string> = {
  1: "deflate",
  2: "shuffle",
  3: "fletcher32",
  4: "szip",
  5: "nbit",
  6: "scaleoffset",
  32000: "lzf",
  32001: "blosc",
  32004: "lz4",
  32015: "zstd",
};

/**
 * Reads at least this large are redirected into the result array (see readNumeric). Smaller
 * ones are cheaper through the heap: its pages are already mapped, a fresh array's are not.
 */
const REDIRECT_MIN_BYTES = 4 << 20;

/** Row blocks of about this size serve column reads of 2-D datasets (see readColumnsByRowBlocks). */
const COLUMN_BLOCK_BYTES = 4 << 20;

/** Deeper group nesting is taken for a cycle of hard links, or corrupt metadata (NWB files nest < 10). */
const MAX_GROUP_DEPTH = 100;
/** The metadata walk's guarded slices last about this long (see describe). */
const WALK_SLICE_MS = 500;

/** A group of the metadata tree while the walk fills it in. */
type MutableGroup = { -readonly [K in keyof H5GroupMeta]: H5GroupMeta[K] };

/** Datasets at least this large are read by file position once learned (see row-locations.ts). */
const DIRECT_MIN_DATASET_BYTES = 1 << 20;
/** Bytes of rows HDF5 reads at the ends and middle of a contiguous dataset to show where it lies. */
const DIRECT_PROBE_BYTES = 256 << 10;
/** Larger chunks stay on HDF5's path (learning a chunk reads it whole into the scratch buffer). */
const DIRECT_MAX_CHUNK_BYTES = 8 << 20;

type TypedArrayCtor = NonNullable<ReturnType<typeof typedArrayClass>>;

/** What every read of one dataset needs, looked up once per file (h5wasm re-derives it per call). */
interface OpenDataset {
  readonly ds: H5WasmNamespace.Dataset;
  readonly md: Metadata;
  readonly dtype: H5Dtype;
  /** null for a scalar or null dataspace. */
  readonly shape: number[];
  /** The result array class of integer/float datasets, else undefined. */
  readonly Ctor: TypedArrayCtor | undefined;
  readonly filtered: boolean;
}

/**
 * A result array whose bytes are all about to be overwritten: allocated without zero-filling
 * where Node's Buffer is available (saves a pass over fresh memory per read).
 */
function resultArray(Ctor: TypedArrayCtor, n: number, elementSize: number): InstanceType<TypedArrayCtor> {
  const B = (globalThis as { Buffer?: { allocUnsafeSlow(size: number): Uint8Array } }).Buffer;
  if (!B) return new Ctor(n) as InstanceType<TypedArrayCtor>;
  const bytes = B.allocUnsafeSlow(n * elementSize);
  return new (Ctor as unknown as new (b: ArrayBufferLike, offset: number, length: number) => InstanceType<TypedArrayCtor>)(bytes.buffer, bytes.byteOffset, n);
}

function joinPath(parent: string, name: string): string {
  return parent === "/" ? `/${name}` : `${parent}/${name}`;
}

function isRefObject(x: unknown): x is { ref_data: Uint8Array } {
  return typeof x === "object" && x !== null && (x as { ref_data?: unknown }).ref_data instanceof Uint8Array;
}

export interface H5WasmFileOptions {
  /**
   * Serve row windows by file position once HDF5 has shown where rows lie (default true). Off for
   * remote files: there the network dwarfs HDF5's per-call cost, and learning a contiguous
   * dataset's position would fetch its ends and middle.
   */
  readByPosition?: boolean;
  /**
   * Milliseconds an HDF5 call reading metadata may take before it is ended (a corrupt file can
   * make HDF5 loop); data reads get this plus 1 s per 16 MB. Default 10 000; Infinity for none
   * (remote files, whose reads wait on the network and have their own timeouts).
   */
  deadlineMs?: number;
}

/** Data reads may take this long per byte on top of the metadata deadline (16 MB/s, far below HDF5's slowest path). */
const DATA_MS_PER_BYTE = 1000 / (16 << 20);

/** One open HDF5 file, read-only. Not thread-safe: h5wasm is synchronous and single-threaded. */
export class H5WasmFile {
  private readonly file: H5WasmNamespace.File;
  private readonly datasets = new Map<string, OpenDataset>();
  /** A wasm-heap buffer reused by reads below REDIRECT_MIN_BYTES (no malloc/free per read). */
  private scratch = { ptr: 0, size: 0 };
  /** Per dataset: where its rows lie in the file, or null when it is not read by position. */
  private readonly rowLocations = new Map<string, RowLocations | null>();
  private readonly readByPosition: boolean;
  private readonly guard: Hdf5Guard;
  private readonly deadlineMs: number;
  /** The object the metadata walk is at (named by its errors). */
  private at = "/";
  private closed = false;
  /** How reads were served (for diagnostics and tests): by file position, and row blocks learned. */
  readonly stats = { readsByPosition: 0, blocksLearned: 0 };

  /**
   * Opens `fsPath` read-only. `name` is what errors call the file (a local path or a URL).
   * h5wasm does not throw when HDF5 fails to open a file, so the open is verified here.
   */
  constructor(
    private readonly h5: H5Wasm,
    private readonly fsPath: string,
    readonly name: string = fsPath,
    options: H5WasmFileOptions = {},
  ) {
    this.readByPosition = options.readByPosition ?? true;
    this.deadlineMs = options.deadlineMs ?? 10_000;
    this.guard = guardOf(h5);
    const file = this.hdf5("", "metadata", () => new h5.File(fsPath, "r"));
    let ok = file.file_id >= 0n;
    let detail = innermostMessage(this.guard.lastDiagnostics);
    if (ok) {
      try {
        this.hdf5("/", "metadata", () => this.module.get_names(file.file_id, "/", false));
      } catch (e) {
        if (this.guard.lost) throw e;
        detail = innermostMessage(this.guard.lastDiagnostics);
        ok = false;
      }
    }
    if (!ok) {
      if (file.file_id >= 0n) this.hdf5("", "metadata", () => file.close());
      throw new NWBError(name, "", `HDF5 could not open the file: its superblock or root group is corrupt${detail ? ` (HDF5: ${detail})` : ""}`);
    }
    this.file = file;
  }

  /** Runs h5wasm calls under this file's deadline; failures become NWBErrors naming `path` and the cause. */
  private hdf5<T>(path: string | (() => string), reading: "metadata" | "data", fn: () => T, bytes = 0): T {
    const deadlineMs = this.deadlineMs + bytes * DATA_MS_PER_BYTE;
    return this.guard.run({ file: this.name, path, reading, deadlineMs }, fn);
  }

  private get module() {
    return this.h5.Module;
  }

  /** HDF5 reported a failed read (a status, no exception): the cause from its diagnostics. */
  private readFailure(path: string): NWBError {
    return new NWBError(this.name, path, causeFromDiagnostics(this.guard.lastDiagnostics, "data"));
  }

  close(): void {
    this.closed = true;
    this.datasets.clear();
    this.rowLocations.clear();
    // A lost module instance is not called again (its state is undefined); its memory goes with it.
    if (this.guard.lost) return;
    if (this.scratch.ptr) this.module._free(this.scratch.ptr);
    this.scratch = { ptr: 0, size: 0 };
    try {
      this.hdf5("", "metadata", () => this.file.close());
    } catch {
      // closing what a corrupt file left half-open can fail; nothing is written either way
    }
  }

  /**
   * Reads the whole metadata tree (groups, datasets, attributes, links) as plain data, breadth
   * first. The walk runs in guarded slices of about WALK_SLICE_MS (one for most files): a loop in
   * a corrupt group ends at the deadline, while a large valid file is never held to one deadline
   * for its whole walk, nor pays a watchdog per group.
   */
  describe(size: number): H5FileMeta {
    const root: MutableGroup = { kind: "group", path: "/", attrs: {}, children: {} };
    const queue: { group: MutableGroup; depth: number }[] = [{ group: root, depth: 0 }];
    while (queue.length > 0) {
      this.hdf5(() => this.at, "metadata", () => {
        const started = performance.now();
        do {
          const { group, depth } = queue.shift()!;
          const subgroups = this.describeGroup(group);
          if (subgroups.length > 0 && depth + 1 > MAX_GROUP_DEPTH) {
            throw new NWBError(this.name, group.path, `groups nested more than ${MAX_GROUP_DEPTH} deep: a hard link back to an enclosing group (a cycle), or corrupt HDF5 metadata`);
          }
          for (const sub of subgroups) queue.push({ group: sub, depth: depth + 1 });
        } while (queue.length > 0 && performance.now() - started < WALK_SLICE_MS);
      });
    }
    return { name: this.name, size, root };
  }

  /** Fills in a group's attributes and children (in link order); returns its subgroups, still empty. */
  private describeGroup(group: MutableGroup): MutableGroup[] {
    const path = group.path;
    this.at = path;
    const subgroups: MutableGroup[] = [];
    for (const childName of this.module.get_names(this.file.file_id, path, false)) {
      const p = joinPath(path, childName);
      const node = this.describeNode(p);
      if (node === "group") {
        const sub: MutableGroup = { kind: "group", path: p, attrs: {}, children: {} };
        subgroups.push(sub);
        group.children[childName] = sub;
      } else group.children[childName] = node;
    }
    group.attrs = this.readAttributes(path);
    return subgroups;
  }

  /** A dataset or link as metadata, or "group" for a group (described by the caller). */
  private describeNode(path: string): Exclude<H5NodeMeta, H5GroupMeta> | H5GroupMeta | "group" {
    this.at = path;
    const m = this.module;
    const id = this.file.file_id;
    const soft = m.get_symbolic_link(id, path);
    if (typeof soft === "string") return { kind: "softlink", path, target: soft };
    const type = m.get_type(id, path);
    if (type === m.H5G_GROUP) return "group";
    if (type === m.H5G_DATASET) return this.describeDataset(path);
    if (type === m.H5G_UDLINK) {
      const ext = m.get_external_link(id, path);
      return { kind: "externallink", path, file: ext.filename, target: ext.obj_path };
    }
    // A committed datatype or an unresolvable link: keep it visible as an empty group.
    return { kind: "group", path, attrs: {}, children: {} };
  }

  private describeDataset(path: string): H5DatasetMeta {
    const m = this.module;
    const id = this.file.file_id;
    const md = m.get_dataset_metadata(id, path);
    let filters: string[] = [];
    try {
      filters = m.get_dataset_filters(id, path).map((f) => FILTER_NAMES[f.id] ?? f.name ?? `filter${f.id}`);
    } catch {
      this.guard.noteThrown();
      filters = [];
    }
    return {
      kind: "dataset",
      path,
      shape: md.shape ? [...md.shape] : [],
      dtype: dtypeFromMetadata(md),
      chunks: md.chunks ? [...md.chunks] : null,
      filters,
      attrs: this.readAttributes(path),
    };
  }

  private readAttributes(path: string): Record<string, H5Attribute> {
    this.at = path;
    const out: Record<string, H5Attribute> = {};
    const id = this.file.file_id;
    const m = this.module;
    for (const attrName of m.get_attribute_names(id, path)) {
      const attr = new this.h5.Attribute(id, path, attrName);
      const md = attr.metadata;
      const dtype = dtypeFromMetadata(md);
      const shape = attr.shape ? [...attr.shape] : [];
      let value: H5AttrValue = null;
      if (attr.shape !== null) {
        const n = shape.reduce((p, c) => p * c, 1);
        // Read here first (h5wasm's own read ignores a failure and decodes whatever the buffer held):
        // strings are decoded from this read, other types read again by h5wasm once this one succeeded.
        const strings = this.readChecked(path, "metadata", md.size * n, md.vlen ? (ptr) => m.reclaim_vlen_memory(id, path, attrName, BigInt(ptr)) : null,
          (ptr) => m.get_attribute_data(id, path, attrName, BigInt(ptr)),
          (ptr) => (dtype.class === "string" ? this.decodeStrings(ptr, n, md.size, 0, dtype) : undefined));
        const values = strings ?? this.convert(attr.value, dtype, shape.length === 0);
        value = shape.length === 0 ? unwrapScalar(values, dtype) : values;
      }
      out[attrName] = { dtype, shape, value };
    }
    return out;
  }

  private dataset(path: string): OpenDataset {
    return this.datasets.get(path) ?? this.hdf5(path, "metadata", () => this.openDataset(path));
  }

  private openDataset(path: string): OpenDataset {
    let d = this.datasets.get(path);
    if (!d) {
      if (this.module.get_type(this.file.file_id, path) !== this.module.H5G_DATASET) {
        throw new NWBError(this.name, path, "expected a dataset here, found none");
      }
      const ds = new this.h5.Dataset(this.file.file_id, path);
      const md: Metadata = ds.metadata;
      const dtype = dtypeFromMetadata(md);
      const Ctor = md.type === 0 || md.type === 1 ? typedArrayClass(dtype) : undefined;
      d = { ds, md, dtype, shape: md.shape ? [...md.shape] : [], Ctor, filtered: this.hasFilters(path) };
      this.datasets.set(path, d);
    }
    return d;
  }

  /** The reusable heap buffer, grown to at least `nbytes` (callers keep nbytes < REDIRECT_MIN_BYTES). */
  private scratchBuffer(nbytes: number): number {
    if (this.scratch.size < nbytes) {
      const m = this.module;
      if (this.scratch.ptr) m._free(this.scratch.ptr);
      this.scratch = { ptr: 0, size: 0 };
      const ptr = m._malloc(nbytes);
      if (ptr === 0) return 0;
      this.scratch = { ptr, size: nbytes };
    }
    return this.scratch.ptr;
  }

  /** Reads a dataset, or the part of it that `selection` picks. */
  read(path: string, selection?: H5Selection): H5ReadResult {
    if (this.closed) throw new NWBError(this.name, path, "cannot be read: the file is closed");
    const { ds, md, dtype, shape: fullShape, Ctor } = this.dataset(path);
    const whole = !selection || selection.length === 0;
    if (!whole && selection.length > fullShape.length) {
      throw new NWBError(this.name, path, `a selection of at most ${fullShape.length} dimensions, got ${selection.length}`);
    }
    const ranges = fullShape.map((n, i) => normaliseRange(selection?.[i], n));
    const shape = ranges.map(([a, b, s]) => (b > a ? Math.ceil((b - a) / s) : 0));
    const count = shape.reduce((p, c) => p * c, 1);
    if (md.shape === null) return { shape: [], values: emptyValues(dtype) };
    if (count === 0) return { shape, values: emptyValues(dtype) };
    if (dtype.class === "compound" && md.compound_type) {
      return { shape, values: this.hdf5(path, "data", () => this.readCompound(path, md, ranges, shape, whole), count * md.size) };
    }
    if (Ctor) {
      const blockRows = this.columnBlockRows(path, ranges);
      if (blockRows > 0) return { shape, values: this.readColumnsByRowBlocks(path, Ctor, ranges, count, blockRows) };
      const direct = this.readRowsByPosition(path, Ctor, ranges, count);
      if (direct) return { shape, values: direct };
      return { shape, values: this.readNumeric(path, md, Ctor, ranges, count, whole) };
    }
    return this.hdf5(path, "data", () => {
      const m = this.module;
      const id = this.file.file_id;
      const hyperslab = whole ? [null, null, null] : [ranges.map(([a, b, s]) => BigInt(b > a ? Math.ceil((b - a) / s) : 0)), ranges.map(([a]) => BigInt(a)), ranges.map(([, , s]) => BigInt(s))];
      const vlen = md.vlen || dtype.class === "vlen";
      // As for attributes: this read is checked, strings decoded from it, other types read again by h5wasm.
      const strings = this.readChecked(path, "data", count * md.size,
        vlen ? (ptr) => (hyperslab[0] ? m.reclaim_vlen_memory_count(id, path, "", BigInt(ptr), hyperslab[0]) : m.reclaim_vlen_memory(id, path, "", BigInt(ptr))) : null,
        (ptr) => m.get_dataset_data(id, path, hyperslab[0], hyperslab[1], hyperslab[2], BigInt(ptr)),
        (ptr) => (dtype.class === "string" ? this.decodeStrings(ptr, count, md.size, 0, dtype) : undefined));
      if (strings) return { shape, values: strings };
      const raw = whole ? ds.value : ds.slice(ranges.map(([a, b, s]) => [a, b, s]));
      return { shape, values: this.convert(raw, dtype, fullShape.length === 0) };
    }, count * md.size);
  }

  /**
   * Reads several small datasets under one deadline (each guarded call costs a watchdog thread,
   * ~50 µs: twice per dataset read on its own). A dataset that cannot be read is left out — its
   * error comes when it is read on its own — unless HDF5 crashed or hung, which fails the call.
   */
  readSmall(paths: string[]): Map<string, H5ReadResult> {
    const out = new Map<string, H5ReadResult>();
    this.hdf5(() => this.at, "data", () => {
      for (const path of paths) {
        this.at = path;
        try {
          out.set(path, this.read(path));
        } catch (e) {
          if (isCrash(e) || (e instanceof NWBError && e.fileUnusable)) throw e;
          if (!(e instanceof NWBError)) this.guard.noteThrown();
        }
      }
    });
    return out;
  }

  /**
   * Integers and floats are read straight into the array handed back. HDF5 reads into a buffer on
   * the wasm heap; every file read it issues whose target lies inside that buffer is redirected
   * into the result array instead (file → result in one read syscall, the heap pages never
   * touched), and only what HDF5 filled by other means (sieve/chunk-cache copies, decompression,
   * fill values) is copied over afterwards. Redirection needs the stored bytes to be the result
   * bytes: little-endian (h5wasm's memory order) and no filters; otherwise everything is copied.
   * (Measured: a 100 MB contiguous read drops from ~3× h5py's time to h5py's.)
   */
  private readNumeric(
    path: string,
    md: Metadata,
    Ctor: TypedArrayCtor,
    ranges: [number, number, number][],
    n: number,
    whole: boolean,
  ): H5Values {
    const m = this.module;
    const nbytes = n * md.size;
    const out = resultArray(Ctor, n, md.size);
    const dest = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    const large = nbytes >= REDIRECT_MIN_BYTES;
    const ptr = large ? m._malloc(nbytes) : this.scratchBuffer(nbytes);
    if (ptr === 0) throw new NWBError(this.name, path, `memory for ${nbytes} bytes of data`);
    const redirect = large && md.littleEndian && !this.dataset(path).filtered;
    type Read = (this: unknown, stream: unknown, buffer: ArrayBufferView, offset: number, length: number, position?: number) => number;
    const fs = this.h5.FS as unknown as { read: Read };
    const original = fs.read;
    const captured: [number, number][] = [];
    if (redirect) {
      const heapBuffer = m.HEAPU8.buffer;
      fs.read = function (stream, buffer, offset, length, position) {
        if (buffer.buffer === heapBuffer && buffer instanceof Int8Array && offset >= ptr && offset + length <= ptr + nbytes && position !== undefined) {
          const got = original.call(this, stream, dest, offset - ptr, length, position);
          captured.push([offset - ptr, offset - ptr + got]);
          return got;
        }
        return original.call(this, stream, buffer, offset, length, position);
      };
    }
    try {
      const count = whole ? null : ranges.map(([a, b, st]) => BigInt(b > a ? Math.ceil((b - a) / st) : 0));
      const offset = whole ? null : ranges.map(([a]) => BigInt(a));
      const stride = whole ? null : ranges.map(([, , st]) => BigInt(st));
      const status = this.hdf5(path, "data", () => m.get_dataset_data(this.file.file_id, path, count, offset, stride, BigInt(ptr)), nbytes);
      if (status < 0) throw this.readFailure(path);
      // Copy what HDF5 placed on the heap: everything outside the redirected reads.
      captured.sort((a, b) => a[0] - b[0]);
      let at = 0;
      const heap = m.HEAPU8;
      for (const [a, b] of captured) {
        if (a > at) dest.set(heap.subarray(ptr + at, ptr + a), at);
        at = Math.max(at, b);
      }
      if (at < nbytes) dest.set(heap.subarray(ptr + at, ptr + nbytes), at);
      return out;
    } finally {
      if (redirect) fs.read = original;
      if (large) m._free(ptr);
    }
  }

  /**
   * A window of whole rows read straight from the file into the result array, where HDF5 has
   * shown where those rows lie (row-locations.ts). Undefined when this read is not one that can be
   * served so — a strided or partial-row selection, an ineligible dataset, a contiguous dataset
   * whose position could not be learned, a failing HDF5 read — and HDF5's own path takes it.
   */
  private readRowsByPosition(path: string, Ctor: TypedArrayCtor, ranges: [number, number, number][], n: number): H5Values | undefined {
    const rows = this.rowLocationsOf(path);
    if (!rows) return undefined;
    const { shape, md } = this.dataset(path);
    if (!ranges.every(([a, b, s], i) => s === 1 && (i === 0 || (a === 0 && b === shape[i])))) return undefined;
    const [a, b] = ranges[0];
    if (rows.contiguous && rows.unknownBlocks(a, b).length > 0) {
      if (!rows.learnable(0) || !this.learnContiguous(path, rows)) return undefined;
    }
    const out = resultArray(Ctor, n, md.size);
    if (!this.readRowsInto(path, rows, a, b, new Uint8Array(out.buffer, out.byteOffset, out.byteLength))) return undefined;
    this.stats.readsByPosition++;
    return out;
  }

  /**
   * Rows [a, b) into `dest` (from its start): runs of known blocks by position, unknown chunks
   * through HDF5 while learning them. False when a read failed (HDF5's own path then reports it).
   */
  private readRowsInto(path: string, rows: RowLocations, a: number, b: number, dest: Uint8Array): boolean {
    for (let row = a; row < b; ) {
      const known = rows.knownUntil(row, b);
      if (known > row) {
        // Consecutive known blocks: one file read per run of neighbouring blocks.
        for (const piece of rows.pieces(row, known)) {
          if (!this.readAt(rows.stream as object, dest, (row - a) * rows.rowBytes + piece.at, piece.length, piece.position)) return false;
        }
        row = known;
      } else if (rows.contiguous) {
        return false;
      } else {
        const end = Math.min(b, (Math.floor(row / rows.blockRows) + 1) * rows.blockRows);
        if (!this.readChunkLearning(path, rows, row, end, dest, (row - a) * rows.rowBytes)) return false;
        row = end;
      }
    }
    return true;
  }

  /** Whether (and how) `path` can be read by position: unfiltered little-endian numbers, rows stored together. */
  private rowLocationsOf(path: string): RowLocations | null {
    if (!this.readByPosition) return null;
    let rows = this.rowLocations.get(path);
    if (rows !== undefined) return rows;
    const { md, shape, Ctor, filtered } = this.dataset(path);
    rows = null;
    const rowBytes = shape.slice(1).reduce((p, c) => p * c, md.size);
    const eligible = Ctor && md.littleEndian && !filtered && shape.length >= 1 && rowBytes > 0 && shape[0] * rowBytes >= DIRECT_MIN_DATASET_BYTES;
    if (eligible && !md.chunks) rows = new RowLocations(shape[0], rowBytes, shape[0], true);
    else if (eligible && md.chunks) {
      const chunks = [...md.chunks];
      const spansRows = chunks.length === shape.length && chunks.every((c, i) => i === 0 || c === shape[i]);
      if (spansRows && chunks[0] * rowBytes <= DIRECT_MAX_CHUNK_BYTES) rows = new RowLocations(shape[0], rowBytes, chunks[0], false);
    }
    this.rowLocations.set(path, rows);
    return rows;
  }

  /**
   * Has HDF5 read rows [start, stop) into the scratch buffer while watching which file reads it
   * issues. Returns the heap offset of the rows and the reads, or undefined when HDF5 failed.
   */
  private observedRowRead(path: string, start: number, stop: number, rowBytes: number): { ptr: number; reads: ObservedRead[] } | undefined {
    const { shape } = this.dataset(path);
    const ptr = this.scratchBuffer((stop - start) * rowBytes);
    if (ptr === 0) return undefined;
    const count = [BigInt(stop - start), ...shape.slice(1).map(BigInt)];
    const offset = [BigInt(start), ...shape.slice(1).map(() => 0n)];
    const stride = shape.map(() => 1n);
    const nbytes = (stop - start) * rowBytes;
    const reads = this.observeReads(() => this.hdf5(path, "data", () => this.module.get_dataset_data(this.file.file_id, path, count, offset, stride, BigInt(ptr)), nbytes));
    return reads && { ptr, reads };
  }

  /**
   * Learns a contiguous dataset's position from HDF5's reads at its ends and middle; each must be
   * one read, as far apart as the rows, of exactly the bytes HDF5 returned.
   */
  private learnContiguous(path: string, rows: RowLocations): boolean {
    rows.noteAttempt(0);
    let found: { position: number; stream: object } | undefined;
    for (const probe of rows.probesFor(0, DIRECT_PROBE_BYTES)) {
      const nbytes = (probe.stop - probe.start) * rows.rowBytes;
      const got = this.observedRowRead(path, probe.start, probe.stop, rows.rowBytes);
      if (!got) return false;
      const at = rows.positionFrom(probe, got.reads);
      if (!at || (found && (at.position !== found.position || at.stream !== found.stream))) return false;
      const check = new Uint8Array(nbytes);
      if (!this.readAt(at.stream, check, 0, nbytes, at.position + probe.offsetInBlock)) return false;
      if (!sameBytes(check, this.module.HEAPU8.subarray(got.ptr, got.ptr + nbytes))) return false;
      found = at;
    }
    if (!found) return false;
    rows.learn(0, found.position, found.stream);
    this.stats.blocksLearned++;
    return true;
  }

  /**
   * Rows [from, to) of one chunk whose position is not known: HDF5 reads the whole chunk (its
   * data are right whatever happens next) while the file read it issues is watched; the rows are
   * then read from that position into the result and must equal HDF5's — the chunk's position is
   * learned. Otherwise HDF5's rows are copied in. False only when HDF5 itself failed.
   */
  private readChunkLearning(path: string, rows: RowLocations, from: number, to: number, dest: Uint8Array, at: number): boolean {
    const block = Math.floor(from / rows.blockRows);
    const [probe] = rows.probesFor(block, 0);
    const got = this.observedRowRead(path, probe.start, probe.stop, rows.rowBytes);
    if (!got) return false;
    const length = (to - from) * rows.rowBytes;
    const skip = (from - probe.start) * rows.rowBytes;
    const fromHdf5 = () => this.module.HEAPU8.subarray(got.ptr + skip, got.ptr + skip + length);
    if (rows.learnable(block)) {
      rows.noteAttempt(block);
      const found = rows.positionFrom(probe, got.reads);
      const target = dest.subarray(at, at + length);
      if (found && this.readAt(found.stream, dest, at, length, found.position + skip) && sameBytes(target, fromHdf5())) {
        rows.learn(block, found.position, found.stream);
        this.stats.blocksLearned++;
        return true;
      }
    }
    dest.set(fromHdf5(), at);
    return true;
  }

  /**
   * Runs one h5wasm call while recording the positioned reads it makes of this file. Undefined
   * when the call fails (its error is reported by HDF5's own path, which runs next).
   */
  private observeReads(call: () => number): ObservedRead[] | undefined {
    type Read = (this: unknown, stream: { path?: string }, buffer: ArrayBufferView, offset: number, length: number, position?: number) => number;
    const fs = this.h5.FS as unknown as { read: Read };
    const original = fs.read;
    const reads: ObservedRead[] = [];
    const fsPath = this.fsPath;
    fs.read = function (stream, buffer, offset, length, position) {
      const got = original.call(this, stream, buffer, offset, length, position);
      if (position !== undefined && stream?.path === fsPath) reads.push({ stream, position, length: got });
      return got;
    };
    try {
      return call() < 0 ? undefined : reads;
    } catch (e) {
      // A lost module instance cannot take HDF5's own path either: its error is the answer.
      if (this.guard.lost) throw e;
      return undefined;
    } finally {
      fs.read = original;
    }
  }

  /** Reads `length` bytes at `position` of the file into `dest` at `at`; false on a short read or an error. */
  private readAt(stream: object, dest: Uint8Array, at: number, length: number, position: number): boolean {
    const fs = this.h5.FS as unknown as { read(stream: object, buffer: Uint8Array, offset: number, length: number, position: number): number };
    try {
      for (let done = 0; done < length; ) {
        const got = fs.read(stream, dest, at + done, length - done, position + done);
        if (got <= 0) return false;
        done += got;
      }
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A few columns of many rows of an unfiltered 2-D dataset (e.g. one channel of a recording).
   * HDF5 gathers such a strided selection through its 64 KiB sieve buffer (contiguous data) —
   * thousands of small file reads, each a JS call here — or chunk by chunk, so it is read instead
   * as blocks of whole rows (one large read each: by file position where known, see
   * readRowsInto, else through HDF5 into a reused heap buffer) and the columns are picked out in
   * JS. Returns the rows per block (whole chunks for chunked data), or 0 when HDF5's own path
   * takes the read.
   */
  private columnBlockRows(path: string, ranges: [number, number, number][]): number {
    const { md, shape, filtered } = this.dataset(path);
    if (ranges.length !== 2 || filtered) return 0;
    if (md.chunks && !this.rowLocationsOf(path)) return 0;
    const [[r0, r1, rs], [c0, c1, cs]] = ranges;
    const cols = shape[1];
    const rowBytes = cols * md.size;
    const wholeRows = c0 === 0 && c1 === cols && cs === 1;
    if (wholeRows || rs !== 1 || (r1 - r0) * rowBytes < COLUMN_BLOCK_BYTES) return 0;
    const rows = Math.max(1, Math.floor(COLUMN_BLOCK_BYTES / rowBytes));
    const chunkRows = md.chunks ? md.chunks[0] : 1;
    return Math.max(1, Math.floor(rows / chunkRows)) * chunkRows;
  }

  /** A JS-side buffer of at least `nbytes` reused by column reads (fresh memory is slow to touch). */
  private rowBlockBuffer(nbytes: number): Uint8Array {
    if (this.rowBlock.length < nbytes) this.rowBlock = new Uint8Array(nbytes);
    return this.rowBlock;
  }
  private rowBlock = new Uint8Array(0);

  private readColumnsByRowBlocks(path: string, Ctor: TypedArrayCtor, ranges: [number, number, number][], n: number, blockRows: number): H5Values {
    const m = this.module;
    const { md, shape } = this.dataset(path);
    const [[r0, r1], [c0, c1, cs]] = ranges;
    const cols = shape[1];
    const picked: number[] = [];
    for (let c = c0; c < c1; c += cs) picked.push(c);
    const out = resultArray(Ctor, n, md.size);
    const dst = out as unknown as { [i: number]: number | bigint };
    const blockBytes = blockRows * cols * md.size;
    const View = Ctor as unknown as new (b: ArrayBufferLike, offset: number, length: number) => ArrayLike<number | bigint>;
    const rows = this.rowLocationsOf(path);
    if (rows?.contiguous && rows.unknownBlocks(r0, r1).length > 0 && rows.learnable(0)) this.learnContiguous(path, rows);
    const byPosition = rows ? this.rowBlockBuffer(blockBytes) : undefined;
    let heapPtr = 0;
    let heapOwned = false;
    /** Rows [a, a + k) as a typed view: by position, or through HDF5 into the wasm heap. */
    const block = (a: number, k: number): ArrayLike<number | bigint> => {
      if (rows && byPosition && this.readRowsInto(path, rows, a, a + k, byPosition)) return new View(byPosition.buffer, 0, k * cols);
      if (heapPtr === 0) {
        heapOwned = blockBytes >= REDIRECT_MIN_BYTES;
        heapPtr = heapOwned ? m._malloc(blockBytes) : this.scratchBuffer(blockBytes);
        if (heapPtr === 0) throw new NWBError(this.name, path, "memory for a block of rows");
      }
      const status = this.hdf5(path, "data", () => m.get_dataset_data(this.file.file_id, path, [BigInt(k), BigInt(cols)], [BigInt(a), 0n], [1n, 1n], BigInt(heapPtr)), blockBytes);
      if (status < 0) throw this.readFailure(path);
      return new View(m.HEAPU8.buffer, heapPtr, k * cols);
    };
    try {
      let o = 0;
      for (let a = r0; a < r1; ) {
        // Blocks start on chunk boundaries, so each holds whole chunks.
        const k = Math.min(blockRows - (a % blockRows), r1 - a);
        const values = block(a, k);
        if (picked.length === 1) {
          for (let i = picked[0], end = k * cols; i < end; i += cols) dst[o++] = values[i];
        } else {
          for (let base = 0, end = k * cols; base < end; base += cols) {
            for (const c of picked) dst[o++] = values[base + c];
          }
        }
        a += k;
      }
      return out;
    } finally {
      if (heapOwned) m._free(heapPtr);
    }
  }

  private filterCache = new Map<string, boolean>();
  private hasFilters(path: string): boolean {
    let f = this.filterCache.get(path);
    if (f === undefined) {
      try {
        f = this.module.get_dataset_filters(this.file.file_id, path).length > 0;
      } catch {
        this.guard.noteThrown();
        f = true;
      }
      this.filterCache.set(path, f);
    }
    return f;
  }

  /**
   * Compound datasets are decoded here from the raw buffer: h5wasm's own decoding loses
   * reference members (it returns an empty list for each) and leaks vlen-string members.
   */
  private readCompound(path: string, md: Metadata, ranges: [number, number, number][], shape: number[], whole: boolean): H5Values {
    const m = this.module;
    const n = shape.reduce((p, c) => p * c, 1);
    const rowSize = md.size;
    const nbytes = rowSize * n;
    const members = md.compound_type?.members ?? [];
    const hasVlen = members.some((mm) => mm.vlen || mm.type === 9);
    const count = whole ? null : ranges.map(([a, b, s]) => BigInt(b > a ? Math.ceil((b - a) / s) : 0));
    const offset = whole ? null : ranges.map(([a]) => BigInt(a));
    const stride = whole ? null : ranges.map(([, , s]) => BigInt(s));
    const reclaim = hasVlen ? (ptr: number) => m.reclaim_vlen_memory_count(this.file.file_id, path, "", BigInt(ptr), (count ?? (md.shape ?? []).map(BigInt)) as bigint[]) : null;
    return this.readChecked(path, "data", nbytes, reclaim, (ptr) => m.get_dataset_data(this.file.file_id, path, count, offset, stride, BigInt(ptr)), (ptr) => {
      const heap = m.HEAPU8;
      const fields: Record<string, H5Values> = {};
      for (const mm of members) {
        const dt = dtypeFromMetadata(mm);
        const Ctor = typedArrayClass(dt);
        if (Ctor) {
          const col = new Ctor(n);
          const bytes = new Uint8Array(col.buffer);
          for (let i = 0; i < n; i++) bytes.set(heap.subarray(ptr + i * rowSize + mm.offset, ptr + i * rowSize + mm.offset + mm.size), i * mm.size);
          fields[mm.name] = col;
        } else if (dt.class === "string") {
          fields[mm.name] = this.decodeStrings(ptr, n, rowSize, mm.offset, dt);
        } else if (dt.class === "ref") {
          const col: H5Ref[] = new Array(n);
          for (let i = 0; i < n; i++) {
            const at = ptr + i * rowSize + mm.offset;
            col[i] = this.resolveRef({ ref_data: heap.slice(at, at + mm.size) }, dt.refType);
          }
          fields[mm.name] = col;
        } else {
          const col: Uint8Array[] = new Array(n);
          for (let i = 0; i < n; i++) col[i] = heap.slice(ptr + i * rowSize + mm.offset, ptr + i * rowSize + mm.offset + mm.size);
          fields[mm.name] = col as unknown as H5Values;
        }
      }
      return { kind: "compound", length: n, fields };
    });
  }

  /**
   * Reads into a zero-filled heap buffer of `nbytes` and decodes it, freeing it after (and, for
   * variable-length types, what HDF5 allocated for them). A failed read is an NWBError with the
   * cause: h5wasm's own readers ignore HDF5's status and decode whatever the buffer held — on a
   * corrupt file, garbage string pointers that crash the module or come back as wrong values.
   * After a failure nothing is reclaimed (the buffer may hold partly converted entries): a leak of
   * a few bytes rather than a free of garbage.
   */
  private readChecked<T>(path: string, reading: "metadata" | "data", nbytes: number, reclaim: ((ptr: number) => unknown) | null, read: (ptr: number) => number, decode: (ptr: number) => T): T {
    const m = this.module;
    const ptr = m._malloc(Math.max(1, nbytes));
    if (ptr === 0) throw new NWBError(this.name, path, `memory for ${nbytes} bytes`);
    m.HEAPU8.fill(0, ptr, ptr + nbytes);
    let ok = false;
    try {
      if (read(ptr) < 0) throw new NWBError(this.name, path, causeFromDiagnostics(this.guard.lastDiagnostics, reading));
      ok = true;
      return decode(ptr);
    } finally {
      if (ok && reclaim) reclaim(ptr);
      m._free(ptr);
    }
  }

  /** `n` strings of type `dt`, `stride` bytes apart from `ptr + offset` (vlen: a wasm32 pointer each). */
  private decodeStrings(ptr: number, n: number, stride: number, offset: number, dt: H5Dtype): string[] {
    if (dt.class !== "string") throw new TypeError(`decodeStrings: a string type, got ${dt.class}`);
    const m = this.module;
    const heap = m.HEAPU8;
    const view = new DataView(heap.buffer);
    const decoder = new TextDecoder(dt.encoding === "utf-8" ? "utf-8" : "latin1");
    const out: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const at = ptr + i * stride + offset;
      if (dt.vlen) {
        const p = view.getUint32(at, true);
        out[i] = p === 0 ? "" : m.UTF8ToString(p);
      } else {
        let bytes = heap.subarray(at, at + dt.size);
        const z = bytes.indexOf(0);
        if (z >= 0) bytes = bytes.subarray(0, z);
        out[i] = decoder.decode(bytes);
      }
    }
    return out;
  }

  private resolveRef(r: { ref_data: Uint8Array }, kind: "object" | "region"): H5Ref {
    if (r.ref_data.every((b) => b === 0)) return { ref: kind, path: "" };
    try {
      return { ref: kind, path: this.module.get_referenced_name(this.file.file_id, r.ref_data, kind === "object") };
    } catch {
      this.guard.noteThrown();
      return { ref: kind, path: "" };
    }
  }

  /** h5wasm's decoded output → H5Values (always an array form, C order). */
  private convert(raw: unknown, dtype: H5Dtype, scalar: boolean): H5Values {
    switch (dtype.class) {
      case "int":
      case "uint":
      case "float":
      case "bool":
      case "enum": {
        const Ctor = typedArrayClass(dtype);
        if (!Ctor) return new Uint8Array(0);
        if (ArrayBuffer.isView(raw)) return raw instanceof Ctor ? raw : new Ctor(raw as unknown as ArrayLike<number>);
        if (Array.isArray(raw)) return new Ctor(raw.map((v) => (typeof v === "boolean" ? Number(v) : v)) as ArrayLike<number>);
        const v = typeof raw === "boolean" ? Number(raw) : raw;
        return new Ctor([v] as ArrayLike<number>);
      }
      case "string":
        if (typeof raw === "string") return [raw];
        return (raw as unknown[]).map((s) => String(s));
      case "ref": {
        const list = Array.isArray(raw) ? raw : [raw];
        return list.map((r) => (isRefObject(r) ? this.resolveRef(r, dtype.refType) : { ref: dtype.refType, path: "" }));
      }
      case "compound": {
        const rows = (scalar ? [raw] : (raw as unknown[])) as unknown[][];
        const fields: Record<string, H5Values> = {};
        dtype.members.forEach((member, j) => {
          const col = rows.map((row) => row[j]);
          fields[member.name] = this.convertColumn(col, member.dtype);
        });
        return { kind: "compound", length: rows.length, fields };
      }
      case "vlen": {
        const list = (scalar ? [raw] : (raw as unknown[])) as unknown[];
        return list.map((el) => this.convert(el, dtype.base, false));
      }
      case "array": {
        const list = (scalar ? [raw] : (raw as unknown[])) as unknown[];
        return list.map((el) => this.convert(flatten(el), dtype.base, false));
      }
      case "opaque":
        return raw instanceof Uint8Array ? raw : new Uint8Array(0);
    }
  }

  /** One compound member across rows: each element is h5wasm's decoded scalar of that member. */
  private convertColumn(col: unknown[], dtype: H5Dtype): H5Values {
    if (dtype.class === "ref") {
      return col.map((c) => {
        const r = Array.isArray(c) ? c[0] : c;
        return isRefObject(r) ? this.resolveRef(r, dtype.refType) : { ref: dtype.refType, path: "" };
      });
    }
    if (dtype.class === "string") return col.map((c) => String(Array.isArray(c) ? c[0] : c));
    const Ctor = typedArrayClass(dtype);
    if (Ctor) {
      return new Ctor(col.map((c) => (ArrayBuffer.isView(c) ? (c as unknown as ArrayLike<number>)[0] : typeof c === "boolean" ? Number(c) : c)) as ArrayLike<number>);
    }
    return col.map((c) => this.convert(c, dtype, true));
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  const B = (globalThis as { Buffer?: { compare(x: Uint8Array, y: Uint8Array): number } }).Buffer;
  if (B) return B.compare(a, b) === 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function flatten(x: unknown): unknown[] {
  if (!Array.isArray(x)) return [x];
  return x.flatMap((e) => flatten(e));
}

function normaliseRange(r: [number, number] | [number, number, number] | undefined, n: number): [number, number, number] {
  if (!r) return [0, n, 1];
  const step = r[2] ?? 1;
  if (!Number.isInteger(r[0]) || !Number.isInteger(r[1]) || !Number.isInteger(step) || step < 1) {
    throw new RangeError(`selection [${r.join(", ")}]: start, stop must be integers and step ≥ 1`);
  }
  const a = Math.min(Math.max(r[0], 0), n);
  const b = Math.min(Math.max(r[1], a), n);
  return [a, b, step];
}

function emptyValues(dtype: H5Dtype): H5Values {
  const Ctor = typedArrayClass(dtype);
  if (Ctor) return new Ctor(0);
  if (dtype.class === "compound") {
    const fields: Record<string, H5Values> = {};
    for (const m of dtype.members) fields[m.name] = emptyValues(m.dtype);
    return { kind: "compound", length: 0, fields };
  }
  return [] as string[];
}

function unwrapScalar(values: H5Values, dtype: H5Dtype): H5AttrValue {
  if (dtype.class === "compound" || dtype.class === "vlen" || dtype.class === "array") return values;
  const v = (values as ArrayLike<unknown>)[0] as H5AttrValue;
  if (dtype.class === "bool") return Boolean(v);
  return v;
}

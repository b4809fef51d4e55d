// One HDF5 file opened read-only through h5wasm, and what every kind of read shares: the module,
// the guarded call (deadline, causes in words), the datasets looked up once, and a reused
// wasm-heap buffer. The read paths (metadata-walk, numeric-read, read-by-position, column-read,
// checked-read) are functions of it.
import type { Metadata } from "h5wasm";
import { NWBError } from "../../errors.js";
import { causeFromDiagnostics, guardOf, innermostMessage, type Hdf5Guard } from "../hdf5-guard.js";
import { dtypeFromMetadata, typedArrayClass } from "../dtype.js";
import type { H5Dtype } from "../source.js";
import type { H5Wasm, H5WasmDataset } from "./module.js";

export type TypedArrayCtor = NonNullable<ReturnType<typeof typedArrayClass>>;

/** What every read of one dataset needs, looked up once per file (h5wasm re-derives it per call). */
export interface OpenDataset {
  readonly ds: H5WasmDataset;
  readonly md: Metadata;
  readonly dtype: H5Dtype;
  /** [] for a scalar or null dataspace. */
  readonly shape: number[];
  /** The result array class of integer/float datasets, else undefined. */
  readonly Ctor: TypedArrayCtor | undefined;
  readonly filtered: boolean;
}

/** Data reads may take this long per byte on top of the metadata deadline (16 MB/s, far below HDF5's slowest path). */
const DATA_MS_PER_BYTE = 1000 / (16 << 20);

export class OpenFile {
  readonly file: InstanceType<H5Wasm["File"]>;
  readonly guard: Hdf5Guard;
  private readonly datasets = new Map<string, OpenDataset>();
  private readonly filterCache = new Map<string, boolean>();
  /** A wasm-heap buffer reused by small reads (no malloc/free per read). */
  private scratch = { ptr: 0, size: 0 };
  /** The object a multi-object call is at (named by its errors). */
  at = "/";
  closed = false;

  /**
   * Opens `fsPath` read-only. `name` is what errors call the file (a local path or a URL).
   * h5wasm does not throw when HDF5 fails to open a file, so the open is verified here.
   */
  constructor(
    readonly h5: H5Wasm,
    readonly fsPath: string,
    readonly name: string,
    private readonly deadlineMs: number,
  ) {
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
      throw new NWBError(
        name,
        "",
        `HDF5 could not open the file: its superblock or root group is corrupt${detail ? ` (HDF5: ${detail})` : ""}`,
      );
    }
    this.file = file;
  }

  get module(): H5Wasm["Module"] {
    return this.h5.Module;
  }

  get id(): bigint {
    return this.file.file_id;
  }

  /** Runs h5wasm calls under this file's deadline; failures become NWBErrors naming `path` and the cause. */
  hdf5<T>(path: string | (() => string), reading: "metadata" | "data", fn: () => T, bytes = 0): T {
    const deadlineMs = this.deadlineMs + bytes * DATA_MS_PER_BYTE;
    return this.guard.run({ file: this.name, path, reading, deadlineMs }, fn);
  }

  /** HDF5 reported a failed read (a status, no exception): the cause from its diagnostics. */
  readFailure(path: string, reading: "metadata" | "data" = "data"): NWBError {
    return new NWBError(this.name, path, causeFromDiagnostics(this.guard.lastDiagnostics, reading));
  }

  close(): void {
    this.closed = true;
    this.datasets.clear();
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

  dataset(path: string): OpenDataset {
    return this.datasets.get(path) ?? this.hdf5(path, "metadata", () => this.openDataset(path));
  }

  private openDataset(path: string): OpenDataset {
    let d = this.datasets.get(path);
    if (!d) {
      if (this.module.get_type(this.id, path) !== this.module.H5G_DATASET) {
        throw new NWBError(this.name, path, "expected a dataset here, found none");
      }
      const ds = new this.h5.Dataset(this.id, path);
      const md: Metadata = ds.metadata;
      const dtype = dtypeFromMetadata(md);
      const Ctor = md.type === 0 || md.type === 1 ? typedArrayClass(dtype) : undefined;
      d = {
        ds,
        md,
        dtype,
        shape: md.shape ? [...md.shape] : [],
        Ctor,
        filtered: this.hasFilters(path),
      };
      this.datasets.set(path, d);
    }
    return d;
  }

  private hasFilters(path: string): boolean {
    let f = this.filterCache.get(path);
    if (f === undefined) {
      try {
        f = this.module.get_dataset_filters(this.id, path).length > 0;
      } catch {
        this.guard.noteThrown();
        f = true;
      }
      this.filterCache.set(path, f);
    }
    return f;
  }

  /** The reusable heap buffer, grown to at least `nbytes` (callers keep it small: it lives until close). */
  scratchBuffer(nbytes: number): number {
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
}

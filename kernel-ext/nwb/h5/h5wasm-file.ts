// Everything that calls h5wasm, behind one class. Parameterised by the h5wasm module namespace
// (Node or browser ESM build, after `ready`) and a path in that module's file system, so the same
// code serves the local backend here and the remote backend inside its worker. The parts, in
// h5wasm/: open-file (opening, guarded calls, dataset handles), metadata-walk, numeric-read
// (HDF5's path, redirected into the result), read-by-position and column-read (reads that skip
// HDF5 once it has shown where rows lie), checked-read and compound-read (strings, attributes,
// compound rows into zeroed buffers), decode (h5wasm's values → H5Values).
import { NWBError } from "../errors.js";
import { isCrash } from "./hdf5-guard.js";
import { decodeStrings, readChecked } from "./h5wasm/checked-read.js";
import { ColumnReads } from "./h5wasm/column-read.js";
import { readCompound } from "./h5wasm/compound-read.js";
import { convert } from "./h5wasm/decode.js";
import { describeFile } from "./h5wasm/metadata-walk.js";
import type { H5Wasm } from "./h5wasm/module.js";
import { readNumeric } from "./h5wasm/numeric-read.js";
import { OpenFile } from "./h5wasm/open-file.js";
import { PositionReads } from "./h5wasm/read-by-position.js";
import { emptyValues, hyperslab, normaliseRange, rangeLength } from "./h5wasm/selection.js";
import type { H5FileMeta, H5ReadResult, H5Selection } from "./source.js";

export type { H5Wasm } from "./h5wasm/module.js";

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

/** One open HDF5 file, read-only. Not thread-safe: h5wasm is synchronous and single-threaded. */
export class H5WasmFile {
  private readonly f: OpenFile;
  private readonly positions: PositionReads;
  private readonly columns: ColumnReads;

  /**
   * Opens `fsPath` read-only. `name` is what errors call the file (a local path or a URL).
   * h5wasm does not throw when HDF5 fails to open a file, so the open is verified.
   */
  constructor(
    private readonly h5: H5Wasm,
    fsPath: string,
    readonly name: string = fsPath,
    options: H5WasmFileOptions = {},
  ) {
    this.f = new OpenFile(h5, fsPath, name, options.deadlineMs ?? 10_000);
    this.positions = new PositionReads(this.f, options.readByPosition ?? true);
    this.columns = new ColumnReads(this.f, this.positions);
  }

  /** How reads were served (for diagnostics and tests): by file position, and row blocks learned. */
  get stats(): { readsByPosition: number; blocksLearned: number } {
    return this.positions.stats;
  }

  close(): void {
    this.positions.clear();
    this.f.close();
  }

  /** Reads the whole metadata tree (groups, datasets, attributes, links) as plain data. */
  describe(size: number): H5FileMeta {
    return describeFile(this.f, size);
  }

  /** Reads a dataset, or the part of it that `selection` picks. */
  read(path: string, selection?: H5Selection): H5ReadResult {
    const f = this.f;
    if (f.closed) throw new NWBError(this.name, path, "cannot be read: the file is closed");
    const { ds, md, dtype, shape: fullShape, Ctor } = f.dataset(path);
    const whole = !selection || selection.length === 0;
    if (!whole && selection.length > fullShape.length) {
      throw new NWBError(
        this.name,
        path,
        `a selection of at most ${fullShape.length} dimensions, got ${selection.length}`,
      );
    }
    const ranges = fullShape.map((n, i) => normaliseRange(selection?.[i], n));
    const shape = ranges.map(rangeLength);
    const count = shape.reduce((p, c) => p * c, 1);
    if (md.shape === null) return { shape: [], values: emptyValues(dtype) };
    if (count === 0) return { shape, values: emptyValues(dtype) };
    if (dtype.class === "compound" && md.compound_type) {
      return {
        shape,
        values: f.hdf5(
          path,
          "data",
          () => readCompound(f, path, md, ranges, shape, whole),
          count * md.size,
        ),
      };
    }
    if (Ctor) {
      const blockRows = this.columns.blockRows(path, ranges);
      if (blockRows > 0)
        return { shape, values: this.columns.read(path, Ctor, ranges, count, blockRows) };
      const direct = this.positions.readRows(path, Ctor, ranges, count);
      if (direct) return { shape, values: direct };
      return { shape, values: readNumeric(f, path, md, Ctor, ranges, count, whole) };
    }
    return f.hdf5(
      path,
      "data",
      () => {
        const m = f.module;
        const id = f.id;
        const [slabCount, slabOffset, slabStride] = hyperslab(ranges, whole);
        const vlen = md.vlen || dtype.class === "vlen";
        // As for attributes: this read is checked, strings decoded from it, other types read again by h5wasm.
        const strings = readChecked(
          f,
          path,
          "data",
          count * md.size,
          vlen
            ? (ptr) =>
                slabCount
                  ? m.reclaim_vlen_memory_count(id, path, "", BigInt(ptr), slabCount)
                  : m.reclaim_vlen_memory(id, path, "", BigInt(ptr))
            : null,
          (ptr) => m.get_dataset_data(id, path, slabCount, slabOffset, slabStride, BigInt(ptr)),
          (ptr) =>
            dtype.class === "string" ? decodeStrings(f, ptr, count, md.size, 0, dtype) : undefined,
        );
        if (strings) return { shape, values: strings };
        const raw = whole ? ds.value : ds.slice(ranges.map(([a, b, s]) => [a, b, s]));
        return { shape, values: convert(f, raw, dtype, fullShape.length === 0) };
      },
      count * md.size,
    );
  }

  /**
   * Reads several small datasets under one deadline (each guarded call costs a watchdog thread,
   * ~50 µs: twice per dataset read on its own). A dataset that cannot be read is left out — its
   * error comes when it is read on its own — unless HDF5 crashed or hung, which fails the call.
   */
  readSmall(paths: string[]): Map<string, H5ReadResult> {
    const f = this.f;
    const out = new Map<string, H5ReadResult>();
    f.hdf5(
      () => f.at,
      "data",
      () => {
        for (const path of paths) {
          f.at = path;
          try {
            out.set(path, this.read(path));
          } catch (e) {
            if (isCrash(e) || (e instanceof NWBError && e.fileUnusable)) throw e;
            if (!(e instanceof NWBError)) f.guard.noteThrown();
          }
        }
      },
    );
    return out;
  }
}

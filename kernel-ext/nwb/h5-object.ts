// Objects of an open file: any HDF5 group or dataset, typed or not. Metadata is synchronous;
// reading data is async. The typed NWB classes extend Group (typed groups) and LazyDataset
// (typed datasets).
import type { NWBContext } from "./context.js";
import { dtypeName, isNumericDtype } from "./h5/dtype.js";
import type {
  H5Attribute,
  H5AttrValue,
  H5DatasetMeta,
  H5Dtype,
  H5GroupMeta,
  H5Selection,
  H5Values,
} from "./h5/source.js";
import { isTypedArray, type NDArray, sizeOf } from "./ndarray.js";
import { mimeBundle, type MimeBundle } from "../display/mimebundle.js";
import { renderMimeBundle } from "./display/render.js";
import type { DisplayField } from "./display/displayed.js";
import { inspect } from "node:util";
import { formatSummary, type Summary } from "./summary.js";
import { NamedObjectMap, namedObjects, type NamedObjects } from "./named-objects.js";

export type { DisplayField } from "./display/displayed.js";

/**
 * A display field's value, or the error that says why it cannot be read (a broken link, a
 * missing field): the display shows the error in its place rather than failing as a whole.
 */
export function displayValue(read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    return e;
  }
}

export abstract class H5Object {
  /**
   * The open file's shared state (source, type hierarchy, caches): not enumerable.
   * @internal the reader's plumbing, not notebook API (completion may hide `@internal` members)
   */
  declare readonly ctx: NWBContext<H5Object>;
  /**
   * The HDF5 metadata of this object: not enumerable.
   * @internal the reader's plumbing, not notebook API (completion may hide `@internal` members)
   */
  declare readonly meta: H5GroupMeta | H5DatasetMeta;

  constructor(ctx: NWBContext<H5Object>, meta: H5GroupMeta | H5DatasetMeta) {
    // Non-enumerable, so that listings of an object's keys (completion, spreading, logging) show
    // its NWB API rather than the file handle and caches behind it.
    Object.defineProperty(this, "ctx", { value: ctx, enumerable: false });
    Object.defineProperty(this, "meta", { value: meta, enumerable: false });
  }

  /** Absolute HDF5 path. */
  get path(): string {
    return this.meta.path;
  }

  get name(): string {
    return this.path === "/" ? "/" : this.path.slice(this.path.lastIndexOf("/") + 1);
  }

  get file(): string {
    return this.ctx.file;
  }

  get attrs(): Record<string, H5Attribute> {
    return this.meta.attrs;
  }

  /** The neurodata_type attribute (data_type in hdmf-common ≥ 1.x files written by hdmf). */
  get neurodataType(): string | undefined {
    return attrText(this.attrs.neurodata_type?.value) ?? attrText(this.attrs.data_type?.value);
  }

  /** The namespace attribute, else the namespace the type hierarchy knows for the type. */
  get namespace(): string | undefined {
    const ns = attrText(this.attrs.namespace?.value);
    if (ns) return ns;
    const t = this.neurodataType;
    return t ? this.ctx.types.info(t)?.namespace : undefined;
  }

  get objectId(): string | undefined {
    return attrText(this.attrs.object_id?.value);
  }

  /** Attribute value, with 1-element arrays unwrapped (matnwb writes scalars that way). */
  attr(name: string): H5AttrValue | undefined {
    const a = this.attrs[name];
    if (!a) return undefined;
    return unwrapOne(a.value);
  }

  attrString(name: string): string | undefined {
    return attrText(this.attrs[name]?.value);
  }

  attrNumber(name: string): number | undefined {
    const v = this.attr(name);
    if (typeof v === "number") return v;
    if (typeof v === "bigint") return Number(v);
    return undefined;
  }

  /** The type hierarchy of this object's type, most specific first. */
  get ancestors(): string[] {
    const t = this.neurodataType;
    return t ? this.ctx.types.ancestors(t) : [];
  }

  /** Extra lines for displays; subclasses add what matters for their type. */
  displayFields(): DisplayField[] {
    return [];
  }

  [mimeBundle](): MimeBundle {
    return renderMimeBundle(this);
  }

  /** A short description as plain data: type, path and what matters for this type (shape, unit, …). */
  summary(): Summary {
    return {
      type: this.neurodataType ?? (this.meta.kind === "dataset" ? "Dataset" : "Group"),
      path: this.path,
    };
  }

  /** One line: type, path and the summary's details, e.g. `ElectricalSeries /acquisition/raw: shape (600000), dtype int16, unit volts, …`. */
  toString(): string {
    return formatSummary(this.summary());
  }

  toJSON(): Summary {
    return this.summary();
  }

  [inspect.custom](): string {
    return `${this.constructor.name} <${this.toString()}>`;
  }
}

function unwrapOne(v: H5AttrValue | undefined): H5AttrValue | undefined {
  if (Array.isArray(v) && v.length === 1) return v[0] as H5AttrValue;
  if (isTypedArray(v) && v.length === 1) return v[0] as number | bigint;
  return v;
}

export function attrText(v: H5AttrValue | undefined): string | undefined {
  const u = unwrapOne(v);
  if (typeof u === "string") return u;
  return undefined;
}

/** A list of strings from a string or string-array attribute/dataset value. */
export function textList(v: unknown): string[] | undefined {
  if (typeof v === "string") return [v];
  if (Array.isArray(v) && v.every((s) => typeof s === "string")) return v as string[];
  return undefined;
}

export class Group extends H5Object {
  /** @internal */
  declare readonly meta: H5GroupMeta;

  /** Child names in link order (soft links included). */
  get keys(): string[] {
    return Object.keys(this.meta.children);
  }

  has(name: string): boolean {
    return this.ctx.resolve(this.pathOf(name)) !== undefined;
  }

  childPath(name: string): string {
    return this.path === "/" ? `/${name}` : `${this.path}/${name}`;
  }

  /** The absolute path of `name`: a child or deeper relative path, or an absolute path ("/…"). */
  pathOf(name: string): string {
    return name.startsWith("/") ? name : this.childPath(name);
  }

  /**
   * The child (or deeper relative path, or absolute path "/…") `name`, links followed. Absence is
   * an NWBError naming the path and the closest existing names ("did you mean …?").
   */
  get(name: string): H5Object {
    const obj = this.find(name);
    if (!obj) throw this.ctx.missingObjectError(this.pathOf(name));
    return obj;
  }

  /** Like get, but undefined when absent. */
  find(name: string): H5Object | undefined {
    return this.ctx.find(this.pathOf(name));
  }

  /** Like get, but absence is an NWBError naming the path and what `owner` requires. */
  require(name: string, what: string): H5Object {
    const obj = this.find(name);
    if (!obj) throw this.ctx.error(this.childPath(name), `expected ${what}, found nothing`);
    return obj;
  }

  /** A required dataset child. */
  dataset(name: string, what = `the dataset '${name}'`): LazyDataset {
    const obj = this.require(name, what);
    if (!(obj instanceof LazyDataset))
      throw this.ctx.error(this.childPath(name), `expected ${what} (a dataset), found a group`);
    return obj;
  }

  optionalDataset(name: string): LazyDataset | undefined {
    const obj = this.find(name);
    return obj instanceof LazyDataset ? obj : undefined;
  }

  /** A required group child of the given class. */
  typed<T extends H5Object>(
    name: string,
    cls: abstract new (...args: never[]) => T,
    what: string,
  ): T {
    const obj = this.require(name, what);
    if (!(obj instanceof cls))
      throw this.ctx.error(this.childPath(name), `expected ${what}, found ${describeKind(obj)}`);
    return obj;
  }

  optionalTyped<T extends H5Object>(
    name: string,
    cls: abstract new (...args: never[]) => T,
  ): T | undefined {
    const obj = this.find(name);
    return obj instanceof cls ? obj : undefined;
  }

  /** Value of a small scalar (or 1-element) dataset child, read at open. */
  scalar(name: string): unknown {
    const ds = this.optionalDataset(name);
    return ds?.smallValue();
  }

  scalarString(name: string): string | undefined {
    const v = this.scalar(name);
    return typeof v === "string" ? v : undefined;
  }

  scalarNumber(name: string): number | undefined {
    const v = this.scalar(name);
    if (typeof v === "number") return v;
    if (typeof v === "bigint") return Number(v);
    return undefined;
  }

  /** All children as objects (links followed; broken links skipped). */
  children(): H5Object[] {
    const out: H5Object[] = [];
    for (const k of this.keys) {
      const o = this.find(k);
      if (o) out.push(o);
    }
    return out;
  }

  /** Children that carry a neurodata_type, by name (`get` of a missing name says "did you mean …?"). */
  typedChildren(): NamedObjects<H5Object> {
    return this.childrenWhere((o): o is H5Object => o.neurodataType !== undefined);
  }

  /** The children `keep` accepts, by name, as a NamedObjects collection of this group. */
  childrenWhere<T extends H5Object>(keep: (o: H5Object) => o is T): NamedObjects<T> {
    const m = new NamedObjectMap<T>({ file: this.file, path: this.path });
    for (const k of this.keys) {
      const o = this.find(k);
      if (o && keep(o)) m.set(k, o);
    }
    return namedObjects(m);
  }
}

export function describeKind(obj: H5Object): string {
  const t = obj.neurodataType;
  if (t) return `a ${t}`;
  return obj instanceof LazyDataset ? "an untyped dataset" : "an untyped group";
}

/** A selection of one dimension: an index (the dimension is dropped), a [start, stop(, step)] range, or null for all. */
export type DimSelection = number | null | [number, number] | [number, number, number];

export class LazyDataset extends H5Object {
  /** @internal */
  declare readonly meta: H5DatasetMeta;

  get shape(): number[] {
    return this.meta.shape;
  }

  get ndim(): number {
    return this.meta.shape.length;
  }

  /** Length of the first dimension (1 for scalars). */
  get length(): number {
    return this.meta.shape.length ? this.meta.shape[0] : 1;
  }

  get size(): number {
    return sizeOf(this.meta.shape);
  }

  get dtype(): H5Dtype {
    return this.meta.dtype;
  }

  /** numpy-like dtype name, e.g. "float32". */
  get dtypeName(): string {
    return dtypeName(this.meta.dtype);
  }

  get chunks(): number[] | null {
    return this.meta.chunks;
  }

  get isNumeric(): boolean {
    return isNumericDtype(this.meta.dtype);
  }

  /** Reads the whole dataset. */
  async read(): Promise<NDArray> {
    const pre = this.ctx.prefetched.get(this.path);
    // A copy, so that changing the result cannot change what later reads return.
    if (pre)
      return {
        data: isTypedArray(pre.values) ? (pre.values.slice() as H5Values) : pre.values,
        shape: [...pre.shape],
        dtype: this.dtype,
      };
    const r = await this.ctx.source.readDataset(this.path);
    return { data: r.values, shape: r.shape, dtype: this.dtype };
  }

  /**
   * Reads a hyperslab: one DimSelection per leading dimension (missing ones are read whole).
   * Integer selections drop their dimension from the result's shape, as numpy does.
   */
  async slice(...dims: DimSelection[]): Promise<NDArray> {
    if (dims.length > this.ndim) {
      throw this.ctx.error(
        this.path,
        `a selection of at most ${this.ndim} dimension(s) (shape [${this.shape.join(", ")}]), got ${dims.length}`,
      );
    }
    const sel: H5Selection = [];
    const drop: boolean[] = [];
    this.shape.forEach((n, i) => {
      const d = dims[i];
      if (d === undefined || d === null) {
        sel.push([0, n]);
        drop.push(false);
      } else if (typeof d === "number") {
        const j = d < 0 ? n + d : d;
        if (!Number.isInteger(j) || j < 0 || j >= n) {
          throw this.ctx.error(this.path, `an index in [0, ${n}) for dimension ${i}, got ${d}`);
        }
        sel.push([j, j + 1]);
        drop.push(true);
      } else {
        const [a, b, s] = d;
        const start = a < 0 ? Math.max(n + a, 0) : a;
        const stop = b < 0 ? Math.max(n + b, 0) : b;
        sel.push(s === undefined ? [start, stop] : [start, stop, s]);
        drop.push(false);
      }
    });
    const r = await this.ctx.source.readDataset(this.path, sel);
    return { data: r.values, shape: r.shape.filter((_, i) => !drop[i]), dtype: this.dtype };
  }

  /** The value of a small dataset read at open (scalars unwrapped), else undefined. */
  smallValue(): unknown {
    const pre = this.ctx.prefetched.get(this.path);
    if (!pre) return undefined;
    return unwrapValues(pre.values, pre.shape);
  }

  override displayFields(): DisplayField[] {
    return [
      ["shape", `(${this.shape.join(", ")})`],
      ["dtype", this.dtypeName],
    ];
  }

  override summary(): Summary {
    return { ...super.summary(), shape: [...this.shape], dtype: this.dtypeName };
  }
}

function unwrapValues(values: H5Values, shape: number[]): unknown {
  const n = sizeOf(shape);
  if (isTypedArray(values)) {
    if (n !== 1) return values;
    const v = values[0] as number | bigint;
    return typeof v === "bigint" &&
      v <= BigInt(Number.MAX_SAFE_INTEGER) &&
      v >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(v)
      : v;
  }
  if (Array.isArray(values)) return n === 1 ? values[0] : values;
  return values;
}

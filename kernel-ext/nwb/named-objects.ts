// The NWB objects of one group by name (`file.acquisition`, `file.processing`, a module's
// interfaces, …): a Map whose `get` of a missing name is an error with "did you mean …?" instead
// of undefined, that also indexes by name as pynwb does (`file.acquisition["raw"]`), and that shows
// itself as a short list of names and types.
import { inspect } from "node:util";
import { mimeBundle, type MimeBundle } from "../display/mimebundle.js";
import { escapeHtml } from "./display/escape.js";
import { closestMembers, didYouMean } from "./did-you-mean.js";
import { NWBError } from "./errors.js";
import type { Summary } from "./summary.js";

/**
 * Names looked up by tools that probe any object (promise resolution, test matchers, React, DOM
 * checks, IPython-style reprs): reading them must answer undefined, not throw.
 */
export const PROBED_NAMES: ReadonlySet<string> = new Set([
  "then",
  "catch",
  "finally",
  "asymmetricMatch",
  "$$typeof",
  "nodeType",
  "tagName",
  "inspect",
  "_repr_html_",
  "_repr_mimebundle_",
  "toJSON",
  "toPrimitive",
  "valueOf",
  "length",
]);

/** Where a collection's objects live: the file and the HDF5 group, and what to call it in messages. */
export interface CollectionPlace {
  file: string;
  /** HDF5 path of the group holding the objects (e.g. "/acquisition"). */
  path: string;
}

/** What a collection shows of its objects: their type and summary (every H5Object has them). */
export interface NamedObject {
  readonly neurodataType: string | undefined;
  summary(): Summary;
  toString(): string;
}

export class NamedObjectMap<T extends NamedObject = NamedObject> extends Map<string, T> {
  /** File and group these objects live in (not enumerable: no internals in listings). */
  declare readonly place: CollectionPlace;

  constructor(place: CollectionPlace, entries: Iterable<[string, T]> = []) {
    super(entries);
    // Not a #private field: util.inspect calls [inspect.custom] with the Proxy as `this`.
    Object.defineProperty(this, "place", { value: place, enumerable: false });
  }

  /** HDF5 path of the group these objects live in. */
  get path(): string {
    return this.place.path;
  }

  /** The object `name`; a missing name is an NWBError naming the path and the closest names. */
  override get(name: string): T {
    const v = this.find(name);
    if (v === undefined) throw this.missing(name);
    return v;
  }

  /** The object `name`, or undefined when there is none. */
  find(name: string): T | undefined {
    return Map.prototype.get.call(this, name) as T | undefined;
  }

  /** The error for a name that is not here (`members`: close member names, for a mistyped property). */
  missing(name: string, members: readonly string[] = []): NWBError {
    const p = this.place;
    const where = p.path === "/" ? `/${name}` : `${p.path}/${name}`;
    const what = members.length ? "member or NWB object" : "NWB object";
    return new NWBError(
      p.file,
      where,
      `no ${what} named '${name}' in ${p.path}; ${didYouMean(name, [...this.keys()], `names in ${p.path}`, members)}`,
    );
  }

  override toString(): string {
    const items = [...this].map(([k, o]) => `${k} <${o.neurodataType ?? "?"}>`);
    return `${this.place.path}: ${items.length ? items.join(", ") : "(empty)"}`;
  }

  toJSON(): Record<string, Summary> {
    const out: Record<string, Summary> = {};
    for (const [k, o] of this) out[k] = o.summary();
    return out;
  }

  [inspect.custom](): string {
    const lines = [...this].map(([k, o]) => `  ${k}: ${o.toString()}`);
    return `NamedObjectMap(${this.size}) ${this.place.path} {${lines.length ? `\n${lines.join("\n")}\n` : ""}}`;
  }

  [mimeBundle](): MimeBundle {
    const rows = [...this].map(([k, o]) => {
      const s = o.summary();
      const detail = o.toString().slice(`${s.type} ${s.path}`.length).replace(/^: /, "");
      return `<tr><td style="padding:0 1em 0 0"><b>${escapeHtml(k)}</b></td><td style="color:#0b6e99; padding:0 1em 0 0">${escapeHtml(String(s.type))}</td><td style="color:#555">${escapeHtml(detail)}</td></tr>`;
    });
    const html = `<div class="tsnwb-nwb"><div><code>${escapeHtml(this.place.path)}</code> <span style="color:#777">in ${escapeHtml(this.place.file)}</span> — ${this.size} object${this.size === 1 ? "" : "s"}</div><table style="border-collapse:collapse">${rows.join("")}</table></div>`;
    return { "text/plain": `${this.place.file}: ${this.toString()}`, "text/html": html };
  }
}

/** A NamedObjectMap that also indexes by name: `objects["raw"]` is `objects.get("raw")`. */
export type NamedObjects<T extends NamedObject = NamedObject> = NamedObjectMap<T> & {
  readonly [name: string]: T;
};

/**
 * Wraps `map` so that a string key that is not one of the map's own members reads the object of
 * that name (or throws the did-you-mean error), and `name in objects` is true for its names.
 * Methods are bound to the map itself: Map's built-ins and private fields need the real receiver.
 */
export function namedObjects<T extends NamedObject>(map: NamedObjectMap<T>): NamedObjects<T> {
  return new Proxy(map, {
    get(target, prop) {
      if (typeof prop === "symbol" || prop in target) {
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === "function" && prop !== "constructor" ? v.bind(target) : v;
      }
      const o = target.find(prop);
      if (o !== undefined) return o;
      if (PROBED_NAMES.has(prop)) return undefined;
      throw target.missing(prop, closestMembers(target, prop));
    },
    has(target, prop) {
      return prop in target || (typeof prop === "string" && target.has(prop));
    },
  }) as NamedObjects<T>;
}

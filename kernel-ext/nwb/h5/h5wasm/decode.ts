// h5wasm's decoded values (numbers, arrays, nested lists, reference objects) → H5Values: always an
// array form, C order, references resolved to paths.
import { typedArrayClass } from "../dtype.js";
import type { H5AttrValue, H5Dtype, H5Ref, H5Values } from "../source.js";
import type { OpenFile } from "./open-file.js";

function isRefObject(x: unknown): x is { ref_data: Uint8Array } {
  return (
    typeof x === "object" &&
    x !== null &&
    (x as { ref_data?: unknown }).ref_data instanceof Uint8Array
  );
}

function flatten(x: unknown): unknown[] {
  if (!Array.isArray(x)) return [x];
  return x.flatMap((e) => flatten(e));
}

/** The path a reference points to ("" for a null or unresolvable reference). */
export function resolveRef(
  f: OpenFile,
  r: { ref_data: Uint8Array },
  kind: "object" | "region",
): H5Ref {
  if (r.ref_data.every((b) => b === 0)) return { ref: kind, path: "" };
  try {
    return { ref: kind, path: f.module.get_referenced_name(f.id, r.ref_data, kind === "object") };
  } catch {
    f.guard.noteThrown();
    return { ref: kind, path: "" };
  }
}

/** h5wasm's decoded output → H5Values (always an array form, C order). */
export function convert(f: OpenFile, raw: unknown, dtype: H5Dtype, scalar: boolean): H5Values {
  switch (dtype.class) {
    case "int":
    case "uint":
    case "float":
    case "bool":
    case "enum": {
      const Ctor = typedArrayClass(dtype);
      if (!Ctor) return new Uint8Array(0);
      if (ArrayBuffer.isView(raw))
        return raw instanceof Ctor ? raw : new Ctor(raw as unknown as ArrayLike<number>);
      if (Array.isArray(raw))
        return new Ctor(
          raw.map((v) => (typeof v === "boolean" ? Number(v) : v)) as ArrayLike<number>,
        );
      const v = typeof raw === "boolean" ? Number(raw) : raw;
      return new Ctor([v] as ArrayLike<number>);
    }
    case "string":
      if (typeof raw === "string") return [raw];
      return (raw as unknown[]).map((s) => String(s));
    case "ref": {
      const list = Array.isArray(raw) ? raw : [raw];
      return list.map((r) =>
        isRefObject(r) ? resolveRef(f, r, dtype.refType) : { ref: dtype.refType, path: "" },
      );
    }
    case "compound": {
      const rows = (scalar ? [raw] : (raw as unknown[])) as unknown[][];
      const fields: Record<string, H5Values> = {};
      dtype.members.forEach((member, j) => {
        const col = rows.map((row) => row[j]);
        fields[member.name] = convertColumn(f, col, member.dtype);
      });
      return { kind: "compound", length: rows.length, fields };
    }
    case "vlen": {
      const list = (scalar ? [raw] : (raw as unknown[])) as unknown[];
      return list.map((el) => convert(f, el, dtype.base, false));
    }
    case "array": {
      const list = (scalar ? [raw] : (raw as unknown[])) as unknown[];
      return list.map((el) => convert(f, flatten(el), dtype.base, false));
    }
    case "opaque":
      return raw instanceof Uint8Array ? raw : new Uint8Array(0);
  }
}

/** One compound member across rows: each element is h5wasm's decoded scalar of that member. */
function convertColumn(f: OpenFile, col: unknown[], dtype: H5Dtype): H5Values {
  if (dtype.class === "ref") {
    return col.map((c) => {
      const r = Array.isArray(c) ? c[0] : c;
      return isRefObject(r) ? resolveRef(f, r, dtype.refType) : { ref: dtype.refType, path: "" };
    });
  }
  if (dtype.class === "string") return col.map((c) => String(Array.isArray(c) ? c[0] : c));
  const Ctor = typedArrayClass(dtype);
  if (Ctor) {
    return new Ctor(
      col.map((c) =>
        ArrayBuffer.isView(c)
          ? (c as unknown as ArrayLike<number>)[0]
          : typeof c === "boolean"
            ? Number(c)
            : c,
      ) as ArrayLike<number>,
    );
  }
  return col.map((c) => convert(f, c, dtype, true));
}

/** A scalar attribute's value out of its one-element array form (compound/vlen/array stay arrays). */
export function unwrapScalar(values: H5Values, dtype: H5Dtype): H5AttrValue {
  if (dtype.class === "compound" || dtype.class === "vlen" || dtype.class === "array")
    return values;
  const v = (values as ArrayLike<unknown>)[0] as H5AttrValue;
  if (dtype.class === "bool") return Boolean(v);
  return v;
}

// Converts h5wasm's type metadata into the plain `H5Dtype` description, and back to the typed
// array class that holds such numbers.
import type { Metadata } from "h5wasm";
import type { H5Dtype, TypedArray } from "./source.js";

// HDF5 type classes (H5T_class_t) as h5wasm reports them in `Metadata.type`.
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;
const H5T_COMPOUND = 6;
const H5T_REFERENCE = 7;
const H5T_ENUM = 8;
const H5T_VLEN = 9;
const H5T_ARRAY = 10;

export function dtypeFromMetadata(m: Metadata): H5Dtype {
  switch (m.type) {
    case H5T_INTEGER:
      return { class: m.signed ? "int" : "uint", size: m.size };
    case H5T_FLOAT:
      return { class: "float", size: m.size };
    case H5T_STRING:
      return {
        class: "string",
        vlen: m.vlen,
        size: m.size,
        encoding: m.cset === 1 ? "utf-8" : "ascii",
      };
    case H5T_COMPOUND:
      return {
        class: "compound",
        size: m.size,
        members: (m.compound_type?.members ?? []).map((mm) => ({
          name: mm.name,
          dtype: dtypeFromMetadata(mm),
        })),
      };
    case H5T_REFERENCE:
      return { class: "ref", refType: m.ref_type === "region" ? "region" : "object" };
    case H5T_ENUM: {
      const members = m.enum_type?.members ?? {};
      const names = Object.keys(members);
      if (names.length === 2 && members.FALSE === 0 && members.TRUE === 1) return { class: "bool" };
      return { class: "enum", size: m.size, signed: m.signed, members: { ...members } };
    }
    case H5T_VLEN:
      return { class: "vlen", base: dtypeFromMetadata(m.vlen_type as Metadata) };
    case H5T_ARRAY: {
      const base = m.array_type as Metadata;
      return { class: "array", base: dtypeFromMetadata(base), shape: [...(base.shape ?? [])] };
    }
    default:
      return { class: "opaque", size: m.size };
  }
}

type TypedArrayCtor = {
  new (n: number): TypedArray;
  new (a: ArrayLike<number> | ArrayLike<bigint>): TypedArray;
};

/** The typed array class for a numeric (or bool/enum) dtype; undefined for everything else. */
export function typedArrayClass(d: H5Dtype): TypedArrayCtor | undefined {
  const pick = (signed: boolean, float: boolean, size: number): unknown => {
    if (float) return size === 8 ? Float64Array : size === 4 ? Float32Array : undefined;
    switch (size) {
      case 1:
        return signed ? Int8Array : Uint8Array;
      case 2:
        return signed ? Int16Array : Uint16Array;
      case 4:
        return signed ? Int32Array : Uint32Array;
      case 8:
        return signed ? BigInt64Array : BigUint64Array;
      default:
        return undefined;
    }
  };
  switch (d.class) {
    case "int":
      return pick(true, false, d.size) as TypedArrayCtor;
    case "uint":
      return pick(false, false, d.size) as TypedArrayCtor;
    case "float":
      return pick(true, true, d.size) as TypedArrayCtor;
    case "bool":
      return Uint8Array as unknown as TypedArrayCtor;
    case "enum":
      return pick(d.signed, false, d.size) as TypedArrayCtor;
    default:
      return undefined;
  }
}

/** A short numpy-like name: "float32", "int16", "uint8", "bool", "str", "ref", "compound", … */
export function dtypeName(d: H5Dtype): string {
  switch (d.class) {
    case "int":
    case "uint":
    case "float":
      return `${d.class}${d.size * 8}`;
    case "bool":
      return "bool";
    case "enum":
      return `enum${d.size * 8}`;
    case "string":
      return "str";
    case "ref":
      return d.refType === "object" ? "ref" : "regionref";
    case "compound":
      return `compound(${d.members.map((m) => `${m.name}: ${dtypeName(m.dtype)}`).join(", ")})`;
    case "vlen":
      return `vlen(${dtypeName(d.base)})`;
    case "array":
      return `${dtypeName(d.base)}[${d.shape.join(",")}]`;
    case "opaque":
      return `opaque${d.size * 8}`;
  }
}

export function isNumericDtype(d: H5Dtype): boolean {
  return (
    d.class === "int" ||
    d.class === "uint" ||
    d.class === "float" ||
    d.class === "bool" ||
    d.class === "enum"
  );
}

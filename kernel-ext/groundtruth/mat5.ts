// A reader for MATLAB Level 5 MAT-files (the format of the CASCADE ground-truth files): numeric,
// logical, char, cell and struct arrays, including zlib-compressed (miCOMPRESSED) variables.
// Sparse, object and function-handle arrays are rejected with an error naming the variable.
// No npm package reads v5 structs reliably (the one candidate, mat-for-js, is barely used), so
// this is our own small parser; zlib comes from node:zlib.
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import type { TypedArray } from "../nwb/h5/source.js";

export type MatTypedArray = TypedArray;

export type MatNumericClass =
  | "double"
  | "single"
  | "int8"
  | "uint8"
  | "int16"
  | "uint16"
  | "int32"
  | "uint32"
  | "int64"
  | "uint64";

/** A numeric or logical array. `data` is in MATLAB's column-major order. */
export interface MatNumeric {
  kind: "numeric";
  class: MatNumericClass;
  logical: boolean;
  dims: number[];
  data: MatTypedArray;
  imag?: MatTypedArray;
}
export interface MatChar {
  kind: "char";
  dims: number[];
  /** The characters in column-major order (for a 1×N row, simply the string). */
  text: string;
}
export interface MatCell {
  kind: "cell";
  dims: number[];
  /** Column-major. */
  items: MatValue[];
}
export interface MatStruct {
  kind: "struct";
  dims: number[];
  fieldNames: string[];
  /** One record per element, column-major. */
  elements: Record<string, MatValue>[];
}
export type MatValue = MatNumeric | MatChar | MatCell | MatStruct;

export interface MatFile {
  /** The 116-character descriptive text of the header, trailing blanks removed. */
  header: string;
  variables: Map<string, MatValue>;
}

/** A malformed or unsupported MAT-file; the message names the file and, when known, the variable. */
export class MatFileError extends Error {
  override readonly name = "MatFileError";
  constructor(
    readonly file: string,
    readonly where: string,
    readonly expected: string,
  ) {
    super(`${file}${where ? `: ${where}` : ""}: ${expected}`);
  }
}

// Data element types (miXXX).
const miINT8 = 1,
  miUINT8 = 2,
  miINT16 = 3,
  miUINT16 = 4,
  miINT32 = 5,
  miUINT32 = 6,
  miSINGLE = 7,
  miDOUBLE = 9,
  miINT64 = 12,
  miUINT64 = 13,
  miMATRIX = 14,
  miCOMPRESSED = 15,
  miUTF8 = 16,
  miUTF16 = 17,
  miUTF32 = 18;

const ELEMENT_SIZE: Record<number, number> = {
  [miINT8]: 1,
  [miUINT8]: 1,
  [miINT16]: 2,
  [miUINT16]: 2,
  [miINT32]: 4,
  [miUINT32]: 4,
  [miSINGLE]: 4,
  [miDOUBLE]: 8,
  [miINT64]: 8,
  [miUINT64]: 8,
  [miUTF8]: 1,
  [miUTF16]: 2,
  [miUTF32]: 4,
};

// Array classes (mxXXX_CLASS) → our class names.
const NUMERIC_CLASS: Record<number, MatNumericClass> = {
  6: "double",
  7: "single",
  8: "int8",
  9: "uint8",
  10: "int16",
  11: "uint16",
  12: "int32",
  13: "uint32",
  14: "int64",
  15: "uint64",
};
const mxCELL = 1,
  mxSTRUCT = 2,
  mxOBJECT = 3,
  mxCHAR = 4,
  mxSPARSE = 5;

interface Element {
  type: number;
  bytes: Uint8Array;
}

/** Sequential reader over one buffer of data elements (little-endian only, checked by the header). */
class ElementReader {
  private pos = 0;
  private readonly view: DataView;
  constructor(
    private readonly buf: Uint8Array,
    private readonly file: string,
    private readonly where: string,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  get done(): boolean {
    return this.pos >= this.buf.byteLength;
  }
  next(): Element {
    if (this.pos + 8 > this.buf.byteLength) throw this.error("a data element tag (truncated file)");
    const first = this.view.getUint32(this.pos, true);
    // Small data element format: the byte count sits in the upper half of the first word.
    if (first >>> 16 !== 0) {
      const type = first & 0xffff;
      const n = first >>> 16;
      if (n > 4) throw this.error(`a small data element of at most 4 bytes, found ${n}`);
      const bytes = this.buf.subarray(this.pos + 4, this.pos + 4 + n);
      this.pos += 8;
      return { type, bytes };
    }
    const n = this.view.getUint32(this.pos + 4, true);
    const start = this.pos + 8;
    if (start + n > this.buf.byteLength)
      throw this.error(`a data element of ${n} bytes (truncated file)`);
    const bytes = this.buf.subarray(start, start + n);
    // Compressed elements are not padded; all others are padded to 8 bytes.
    this.pos = first === miCOMPRESSED ? start + n : start + Math.ceil(n / 8) * 8;
    return { type: first, bytes };
  }
  error(expected: string): MatFileError {
    return new MatFileError(this.file, this.where, expected);
  }
}

function typedFromElement(el: Element): MatTypedArray {
  const { bytes } = el;
  const size = ELEMENT_SIZE[el.type];
  if (size === undefined) throw new Error(`unsupported numeric element type ${el.type}`);
  // Copy into an aligned buffer: elements sit at arbitrary offsets in the file.
  const copy = new Uint8Array(bytes.byteLength - (bytes.byteLength % size));
  copy.set(bytes.subarray(0, copy.byteLength));
  const b = copy.buffer;
  switch (el.type) {
    case miINT8:
      return new Int8Array(b);
    case miUINT8:
    case miUTF8:
      return new Uint8Array(b);
    case miINT16:
      return new Int16Array(b);
    case miUINT16:
    case miUTF16:
      return new Uint16Array(b);
    case miINT32:
      return new Int32Array(b);
    case miUINT32:
    case miUTF32:
      return new Uint32Array(b);
    case miSINGLE:
      return new Float32Array(b);
    case miDOUBLE:
      return new Float64Array(b);
    case miINT64:
      return new BigInt64Array(b);
    default:
      return new BigUint64Array(b);
  }
}

/** MATLAB stores values in the smallest element type that holds them; widen to the array class. */
function toClass(src: MatTypedArray, cls: MatNumericClass): MatTypedArray {
  const Ctor = {
    double: Float64Array,
    single: Float32Array,
    int8: Int8Array,
    uint8: Uint8Array,
    int16: Int16Array,
    uint16: Uint16Array,
    int32: Int32Array,
    uint32: Uint32Array,
    int64: BigInt64Array,
    uint64: BigUint64Array,
  }[cls];
  if (src instanceof Ctor) return src;
  const out = new Ctor(src.length);
  const big = out instanceof BigInt64Array || out instanceof BigUint64Array;
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    (out as unknown as (number | bigint)[])[i] = big ? BigInt(v) : Number(v);
  }
  return out;
}

function product(dims: number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function parseMatrix(el: Element, file: string, where: string): { name: string; value: MatValue } {
  const emptyDouble = (): MatValue => ({
    kind: "numeric",
    class: "double",
    logical: false,
    dims: [0, 0],
    data: new Float64Array(0),
  });
  if (el.bytes.byteLength === 0) return { name: "", value: emptyDouble() };
  const r = new ElementReader(el.bytes, file, where);
  const flagsEl = r.next();
  if (flagsEl.type !== miUINT32 || flagsEl.bytes.byteLength < 8)
    throw r.error("array flags (miUINT32, 8 bytes)");
  const flags = new DataView(flagsEl.bytes.buffer, flagsEl.bytes.byteOffset, 8).getUint32(0, true);
  const cls = flags & 0xff;
  const complex = (flags & 0x0800) !== 0;
  const logical = (flags & 0x0200) !== 0;
  const dimsEl = r.next();
  if (dimsEl.type !== miINT32) throw r.error("a dimensions array (miINT32)");
  const dims = Array.from(typedFromElement(dimsEl) as Int32Array);
  const nameEl = r.next();
  const name = Buffer.from(nameEl.bytes).toString("latin1");
  const here = where ? (name ? `${where}.${name}` : where) : name;
  const count = product(dims);

  if (NUMERIC_CLASS[cls] !== undefined) {
    const klass = NUMERIC_CLASS[cls];
    const re = toClass(typedFromElement(r.next()), klass);
    if (re.length !== count)
      throw new MatFileError(
        file,
        here,
        `${count} values for dimensions ${dims.join("×")}, found ${re.length}`,
      );
    const value: MatNumeric = { kind: "numeric", class: klass, logical, dims, data: re };
    if (complex) value.imag = toClass(typedFromElement(r.next()), klass);
    return { name, value };
  }
  switch (cls) {
    case mxCHAR: {
      if (count === 0) return { name, value: { kind: "char", dims, text: "" } };
      const d = r.next();
      let text: string;
      if (d.type === miUTF8) text = Buffer.from(d.bytes).toString("utf8");
      else if (d.type === miUTF16 || d.type === miUINT16)
        text = String.fromCharCode(...(typedFromElement(d) as Uint16Array));
      else
        text = Array.from(typedFromElement(d) as ArrayLike<number>, (c) =>
          String.fromCodePoint(Number(c)),
        ).join("");
      return { name, value: { kind: "char", dims, text } };
    }
    case mxCELL: {
      const items: MatValue[] = [];
      for (let i = 0; i < count; i++) {
        const sub = r.next();
        if (sub.type !== miMATRIX)
          throw new MatFileError(file, `${here}{${i + 1}}`, "a miMATRIX cell element");
        items.push(parseMatrix(sub, file, `${here}{${i + 1}}`).value);
      }
      return { name, value: { kind: "cell", dims, items } };
    }
    case mxSTRUCT: {
      const lenEl = r.next();
      const fieldLen = (typedFromElement(lenEl) as Int32Array)[0];
      const namesEl = r.next();
      const fieldNames: string[] = [];
      for (
        let off = 0;
        off + fieldLen <= namesEl.bytes.byteLength && fieldLen > 0;
        off += fieldLen
      ) {
        const raw = namesEl.bytes.subarray(off, off + fieldLen);
        const end = raw.indexOf(0);
        fieldNames.push(Buffer.from(end < 0 ? raw : raw.subarray(0, end)).toString("latin1"));
      }
      const elements: Record<string, MatValue>[] = [];
      for (let i = 0; i < count; i++) {
        const rec: Record<string, MatValue> = {};
        const elWhere = count === 1 ? here : `${here}(${i + 1})`;
        for (const f of fieldNames) {
          const sub = r.next();
          if (sub.type !== miMATRIX)
            throw new MatFileError(file, `${elWhere}.${f}`, "a miMATRIX struct field");
          rec[f] = parseMatrix(sub, file, `${elWhere}.${f}`).value;
        }
        elements.push(rec);
      }
      return { name, value: { kind: "struct", dims, fieldNames, elements } };
    }
    case mxSPARSE:
      throw new MatFileError(file, here, "a dense array (sparse matrices are not supported)");
    case mxOBJECT:
      throw new MatFileError(file, here, "a plain array (MATLAB objects are not supported)");
    default:
      throw new MatFileError(file, here, `a supported array class (found class ${cls})`);
  }
}

/** Parses MAT v5 bytes. `file` names the source in error messages. */
export function parseMat(bytes: Uint8Array, file: string): MatFile {
  if (bytes.byteLength < 128)
    throw new MatFileError(file, "", "a MATLAB v5 MAT-file (shorter than the 128-byte header)");
  const text = Buffer.from(bytes.subarray(0, 116)).toString("latin1");
  const version = bytes[124] | (bytes[125] << 8);
  if (text.startsWith("\x89HDF") || version === 0x0200 || text.startsWith("MATLAB 7.3")) {
    throw new MatFileError(
      file,
      "",
      "a MATLAB v5 MAT-file, found an HDF5-based v7.3 MAT-file (save with -v7 or read it as HDF5)",
    );
  }
  const endian = String.fromCharCode(bytes[126], bytes[127]);
  if (
    !text.startsWith("MATLAB 5.0 MAT-file") ||
    version !== 0x0100 ||
    (endian !== "IM" && endian !== "MI")
  ) {
    throw new MatFileError(
      file,
      "",
      "a MATLAB v5 MAT-file (header text 'MATLAB 5.0 MAT-file', version 0x0100)",
    );
  }
  if (endian === "MI")
    throw new MatFileError(
      file,
      "",
      "a little-endian MAT-file (big-endian files are not supported)",
    );
  const variables = new Map<string, MatValue>();
  const top = new ElementReader(bytes.subarray(128), file, "");
  while (!top.done) {
    let el = top.next();
    if (el.type === miCOMPRESSED) {
      let inflated: Buffer;
      try {
        inflated = inflateSync(el.bytes);
      } catch (e) {
        throw new MatFileError(
          file,
          "",
          `a valid zlib stream in a compressed variable (${(e as Error).message})`,
        );
      }
      const inner = new ElementReader(
        new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength),
        file,
        "",
      );
      el = inner.next();
    }
    if (el.type !== miMATRIX)
      throw new MatFileError(file, "", `a miMATRIX variable, found element type ${el.type}`);
    const { name, value } = parseMatrix(el, file, "");
    variables.set(name, value);
  }
  return { header: text.replace(/[\s\0]+$/, ""), variables };
}

/** Reads a MAT v5 file from disk (read-only). */
export function readMat(path: string): MatFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new MatFileError(path, "", `a readable file (${(e as Error).message})`);
  }
  return parseMat(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}

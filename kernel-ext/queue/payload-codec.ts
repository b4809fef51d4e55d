// A recording's analysis (summary, traces, widget state, figures) as bytes for Redis, and back,
// exactly: typed arrays travel as their bytes (base64), numbers JSON cannot hold (NaN, ±Infinity,
// -0) are tagged, and the whole is gzip-compressed. Decoding gives objects equal to the originals,
// so the coordinator's report.json, figures and report.html equal a local run's.
import { gunzipSync, gzipSync } from "node:zlib";
import type { RecordingAnalysis } from "../report/analyze-file.js";

const TYPED = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedName = keyof typeof TYPED;

const TAG = "$tsnwb";

function encodeValue(value: unknown): unknown {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { [TAG]: "NaN" };
    if (value === Infinity) return { [TAG]: "Infinity" };
    if (value === -Infinity) return { [TAG]: "-Infinity" };
    if (Object.is(value, -0)) return { [TAG]: "-0" };
    return value;
  }
  if (value === null || typeof value !== "object") return value;
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name as TypedName;
    if (!(name in TYPED)) throw new TypeError(`payload: cannot encode a ${value.constructor.name}`);
    return {
      [TAG]: name,
      b64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64"),
    };
  }
  if (Array.isArray(value)) return value.map(encodeValue);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeValue(v);
  return out;
}

function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const tag = (value as Record<string, unknown>)[TAG];
  if (typeof tag === "string") {
    if (tag === "NaN") return NaN;
    if (tag === "Infinity") return Infinity;
    if (tag === "-Infinity") return -Infinity;
    if (tag === "-0") return -0;
    const Ctor = TYPED[tag as TypedName];
    const bytes = Buffer.from((value as { b64: string }).b64, "base64");
    const aligned = new Uint8Array(bytes.length); // a fresh buffer: typed arrays need aligned offsets
    aligned.set(bytes);
    return new Ctor(aligned.buffer, 0, bytes.length / Ctor.BYTES_PER_ELEMENT);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = decodeValue(v);
  return out;
}

export function encodeAnalysis(analysis: RecordingAnalysis): Buffer {
  return gzipSync(JSON.stringify(encodeValue(analysis)), { level: 6 });
}

export function decodeAnalysis(bytes: Buffer): RecordingAnalysis {
  return decodeValue(JSON.parse(gunzipSync(bytes).toString("utf8"))) as RecordingAnalysis;
}

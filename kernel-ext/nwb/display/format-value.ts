// Short one-line text for attribute and small-dataset values in displays.
import { isTypedArray } from "../ndarray.js";

const MAX_CHARS = 160;
const MAX_ITEMS = 8;

export function formatValue(v: unknown): string {
  const s = formatInner(v);
  return s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS - 1)}…` : s;
}

function formatInner(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (isTypedArray(v)) return formatList(Array.from(v as ArrayLike<number | bigint>));
  if (Array.isArray(v)) return formatList(v);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.ref === "string" && typeof o.path === "string")
      return `→ ${o.path || "(null reference)"}`;
    if (o.kind === "compound") return `compound[${String(o.length)}]`;
    if (v instanceof Error) return `⚠ ${v.message}`;
  }
  return String(v);
}

function formatList(items: unknown[]): string {
  const head = items
    .slice(0, MAX_ITEMS)
    .map((x) => (typeof x === "string" ? JSON.stringify(x) : formatInner(x)));
  return `[${head.join(", ")}${items.length > MAX_ITEMS ? `, … (${items.length})` : ""}]`;
}

export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return x.toExponential(4);
  return String(Number(x.toPrecision(6)));
}

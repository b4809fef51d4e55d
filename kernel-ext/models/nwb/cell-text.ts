// Table cells (from the NWB reader) as short display values: numbers stay numbers, text stays text,
// lists and references become a one-line summary.

export function cellValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (ArrayBuffer.isView(v) || Array.isArray(v)) {
    const arr = Array.from(v as ArrayLike<unknown>);
    const head = arr.slice(0, 3).map((x) => {
      const c = cellValue(x);
      return typeof c === "number" ? String(Math.round(c * 1e4) / 1e4) : String(c);
    });
    return `[${arr.length} value${arr.length === 1 ? "" : "s"}]${head.length ? " " + head.join(", ") : ""}${arr.length > 3 ? ", …" : ""}`;
  }
  if (typeof v === "object") {
    const o = v as { path?: unknown; name?: unknown };
    if (typeof o.path === "string") return `→ ${o.path}`;
    try {
      const s = JSON.stringify(v);
      return s.length > 80 ? s.slice(0, 79) + "…" : s;
    } catch {
      return String(v);
    }
  }
  return String(v);
}

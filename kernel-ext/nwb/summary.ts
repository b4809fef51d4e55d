// The short description every NWB object gives of itself (String(obj), console.log, JSON): its type,
// its path and a few facts of its kind (shape, dtype, unit, time base, rows, names), never the
// reader's internals.

/** Plain data: `type` and `path`, then details in the order they are shown. */
export interface Summary {
  type: string;
  path: string;
  [detail: string]: unknown;
}

/** Units shown after a detail's number. */
const SUFFIX: Record<string, string> = { rate: " Hz", startTime: " s", endTime: " s" };

function detailText(key: string, v: unknown): string {
  if (key === "shape" && Array.isArray(v)) return `(${v.join(", ")})`;
  if (Array.isArray(v))
    return v.length > 8 ? `${v.slice(0, 8).join(", ")}, … (${v.length})` : v.join(", ");
  return `${String(v)}${SUFFIX[key] ?? ""}`;
}

/** `Type /path: key value, key value`. */
export function formatSummary(s: Summary): string {
  const details = Object.entries(s)
    .filter(([k, v]) => k !== "type" && k !== "path" && v !== undefined)
    .map(([k, v]) => `${k} ${detailText(k, v)}`);
  return `${s.type} ${s.path}${details.length ? `: ${details.join(", ")}` : ""}`;
}

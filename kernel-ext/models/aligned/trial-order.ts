// The rows of an aligned view: trials grouped by one column and ordered by another. Numbers sort
// as numbers, anything else as text; ties keep event order, so the order is deterministic.

export type ColumnValues = ArrayLike<number | string | bigint | boolean>;

export interface TrialGroup {
  label: string;
  /** Trial indices (into the kept trials) in display order. */
  trials: number[];
}

function compareValues(a: unknown, b: unknown): number {
  const x = typeof a === "bigint" ? Number(a) : a;
  const y = typeof b === "bigint" ? Number(b) : b;
  if (typeof x === "number" && typeof y === "number") {
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    return x - y;
  }
  return String(x).localeCompare(String(y));
}

/** Groups of `count` trials by `groupValues` (one group when null), each sorted by `sortValues`. */
export function trialOrder(
  count: number,
  groupValues: ArrayLike<unknown> | null,
  sortValues: ArrayLike<unknown> | null,
): TrialGroup[] {
  const byLabel = new Map<string, { key: unknown; trials: number[] }>();
  for (let i = 0; i < count; i++) {
    const key = groupValues ? groupValues[i] : "all trials";
    const label = String(key);
    const g = byLabel.get(label) ?? { key, trials: [] };
    g.trials.push(i);
    byLabel.set(label, g);
  }
  const groups = [...byLabel.entries()].sort((a, b) => compareValues(a[1].key, b[1].key));
  return groups.map(([label, g]) => ({
    label,
    trials: sortValues
      ? [...g.trials].sort((a, b) => compareValues(sortValues[a], sortValues[b]) || a - b)
      : g.trials,
  }));
}

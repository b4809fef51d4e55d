// Per-indicator means over cells (GCaMP6s vs GCaMP6f).
import type { CellSummary } from "./cell-summary.js";

export interface MeanSem {
  mean: number | null;
  sem: number | null;
  n: number;
}

export interface GroupSummary {
  indicator: string;
  cells: number;
  rateHz: MeanSem;
  peakDff1AP: MeanSem;
  riseTime1AP: MeanSem;
  decayTime1AP: MeanSem;
  detection1AP: MeanSem;
  detection2AP: MeanSem;
  spikefinderR: MeanSem;
}

const round = (v: number): number => Number(v.toPrecision(6));

export function meanSem(values: (number | null | undefined)[]): MeanSem {
  const v = values.filter((x): x is number => typeof x === "number" && Number.isFinite(x));
  if (v.length === 0) return { mean: null, sem: null, n: 0 };
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : NaN;
  return { mean: round(m), sem: Number.isFinite(sd) ? round(sd / Math.sqrt(v.length)) : null, n: v.length };
}

export function summarizeGroups(cells: CellSummary[]): GroupSummary[] {
  const names = [...new Set(cells.map((c) => c.indicator ?? "unknown"))].sort();
  return names.map((indicator) => {
    const g = cells.filter((c) => (c.indicator ?? "unknown") === indicator);
    return {
      indicator,
      cells: g.length,
      rateHz: meanSem(g.map((c) => c.rateHz)),
      peakDff1AP: meanSem(g.map((c) => c.peakDff["1"])),
      riseTime1AP: meanSem(g.map((c) => c.riseDecay["1"]?.riseTime)),
      decayTime1AP: meanSem(g.map((c) => c.riseDecay["1"]?.decayTime)),
      detection1AP: meanSem(g.map((c) => c.detection.probability["1"])),
      detection2AP: meanSem(g.map((c) => c.detection.probability["2"])),
      spikefinderR: meanSem(g.map((c) => c.inference.spikefinderR)),
    };
  });
}

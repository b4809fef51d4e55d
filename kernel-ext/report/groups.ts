// Per-indicator means over cells (GCaMP6s vs GCaMP6f) and the Markdown table of the report.
import { AP_CLASSES, type CellSummary } from "./cell-summary.js";
import type { Report } from "./run-report.js";

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

const num = (v: number | null | undefined, digits = 3): string => (typeof v === "number" ? v.toFixed(digits) : "—");
const ms = (v: number | null | undefined): string => (typeof v === "number" ? (v * 1000).toFixed(0) : "—");

/** Markdown: one row per cell, then the per-indicator means (± s.e.m.). */
export function groupTable(report: Report): string {
  const lines = [
    "| cell | indicator | spikes | rate (Hz) | isolated events 1 / 2 / 3+ AP | peak ΔF/F 1 AP | rise / decay 1 AP (ms) | P(detect) 1 AP / 2 AP @1% FP | OASIS spikefinder r |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const e of report.cells) {
    if (!e.ok || !e.summary) {
      lines.push(`| ${e.file} | failed: ${e.error?.replace(/\|/g, "\\|") ?? ""} | | | | | | | |`);
      continue;
    }
    const s = e.summary;
    const rd = s.riseDecay["1"];
    lines.push(
      `| ${s.label} | ${s.indicator ?? "?"} | ${s.spikes} | ${num(s.rateHz, 2)} | ${AP_CLASSES.map((c) => s.events[c]).join(" / ")} | ${num(s.peakDff["1"])} | ${rd ? `${ms(rd.riseTime)} / ${ms(rd.decayTime)}` : "—"} | ${num(s.detection.probability["1"], 2)} / ${num(s.detection.probability["2"], 2)} | ${num(s.inference.spikefinderR, 2)} |`,
    );
  }
  lines.push("", "| indicator | cells | peak ΔF/F 1 AP | rise / decay 1 AP (ms) | P(detect 1 AP) | P(detect 2 AP) | spikefinder r |", "|---|---|---|---|---|---|---|");
  const pm = (m: { mean: number | null; sem: number | null }, d = 2) => (m.mean === null ? "—" : `${m.mean.toFixed(d)}${m.sem === null ? "" : ` ± ${m.sem.toFixed(d)}`}`);
  for (const g of report.groups) {
    lines.push(`| ${g.indicator} | ${g.cells} | ${pm(g.peakDff1AP, 3)} | ${ms(g.riseTime1AP.mean)} / ${ms(g.decayTime1AP.mean)} | ${pm(g.detection1AP)} | ${pm(g.detection2AP)} | ${pm(g.spikefinderR)} |`);
  }
  lines.push("", "Events: isolated AP-count events (Huang et al. 2021 windows per indicator). Means ± s.e.m. over cells.");
  return lines.join("\n") + "\n";
}

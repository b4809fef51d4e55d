// The report's numbers as plain-text tables, written once and rendered twice: as Markdown
// (summary.md) and as HTML (under the figures of report.html). Cells hold text exactly as read
// (file names, labels, error messages); each renderer escapes for its own format.
import { DEFAULT_METHOD_RULE } from "./cell-inference.js";
import { AP_CLASSES } from "./cell-summary.js";
import type { MeanSem } from "./groups.js";
import type { Report } from "./report.js";

export interface TextTable {
  header: string[];
  rows: string[][];
}

const num = (v: number | null | undefined, digits = 3): string => (typeof v === "number" ? v.toFixed(digits) : "—");
const ms = (v: number | null | undefined): string => (typeof v === "number" ? (v * 1000).toFixed(0) : "—");
const pm = (m: MeanSem, digits = 2): string => (m.mean === null ? "—" : `${m.mean.toFixed(digits)}${m.sem === null ? "" : ` ± ${m.sem.toFixed(digits)}`}`);

export const EVENTS_NOTE =
  "Events: isolated AP-count events (Huang et al. 2021 windows per indicator). Means ± s.e.m. over cells. " +
  `Spike inference: default method = ${DEFAULT_METHOD_RULE}; a ground-truth cell is inferred by the fold model that never saw its dataset.`;

/** One row per cell (a failed file: its name and the error). */
export function cellTable(report: Report): TextTable {
  const header = ["cell", "indicator", "spikes", "rate (Hz)", "isolated events 1 / 2 / 3+ AP", "peak ΔF/F 1 AP", "rise / decay 1 AP (ms)", "P(detect) 1 AP / 2 AP @1% FP", "spikefinder r OASIS / model (default)"];
  const rows = report.cells.map((e) => {
    if (!e.ok || !e.summary) return [e.file, `failed: ${e.error ?? ""}`, "", "", "", "", "", "", ""];
    const s = e.summary;
    const rd = s.riseDecay["1"];
    const model = s.inferenceByMethod.model;
    return [
      s.label,
      s.indicator ?? "?",
      String(s.spikes),
      num(s.rateHz, 2),
      AP_CLASSES.map((c) => s.events[c]).join(" / "),
      num(s.peakDff["1"]),
      rd ? `${ms(rd.riseTime)} / ${ms(rd.decayTime)}` : "—",
      `${num(s.detection.probability["1"], 2)} / ${num(s.detection.probability["2"], 2)}`,
      `${num(s.inferenceByMethod.oasis.spikefinderR, 2)} / ${"modelId" in model ? num(model.spikefinderR, 2) : "—"} (${s.inference.method})`,
    ];
  });
  return { header, rows };
}

/** One row per indicator: means ± s.e.m. over its cells. */
export function indicatorTable(report: Report): TextTable {
  const header = ["indicator", "cells", "peak ΔF/F 1 AP", "rise / decay 1 AP (ms)", "P(detect 1 AP)", "P(detect 2 AP)", "spikefinder r (default method)"];
  const rows = report.groups.map((g) => [
    g.indicator,
    String(g.cells),
    pm(g.peakDff1AP, 3),
    `${ms(g.riseTime1AP.mean)} / ${ms(g.decayTime1AP.mean)}`,
    pm(g.detection1AP),
    pm(g.detection2AP),
    pm(g.spikefinderR),
  ]);
  return { header, rows };
}

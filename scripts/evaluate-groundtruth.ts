// Evaluates the analysis library on the real ground truth (CASCADE collection, DS09–DS14):
// per dataset, OASIS spike inference vs the true spikes under the spikefinder protocol, and the
// 1-AP / 2-AP detection probability at 1% false positives (Huang et al. 2021 definitions), next
// to Huang et al. 2021 Table 2.
//
//   npx tsx scripts/evaluate-groundtruth.ts [groundtruth-root]   (default ../shared/data/groundtruth)
//
// Per recording: OASIS AR(1) with g and σ estimated from the trace, noise-constrained l1 (the
// library's `deconvolve` defaults); spikefinder r per recording, averaged per cell, then mean over
// cells. Detection: peak ΔF/F (max within 500/300 ms after onset, mean ±50 ms around it, minus the
// mean over the isolation window before onset) of isolated 1-AP and 2-AP events vs the same
// statistic in spike-free null windows; the threshold is the 99th percentile of a cell's pooled
// null peaks (set NO_LOCAL_BASELINE=1 to skip the pre-onset baseline subtraction). Cells need ≥ 3 isolated events of an AP count to contribute to that count's mean.

import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  deconvolve,
  detectionProbability,
  eventWindows,
  quantile,
  spikefinderCorrelation,
  type Indicator,
} from "../kernel-ext/analysis/index.js";
import { findMatFiles } from "../kernel-ext/groundtruth/convert-folder.js";
import { readGroundTruth } from "../kernel-ext/groundtruth/cattached.js";
import { identifySource } from "../kernel-ext/groundtruth/source.js";

const root = resolve(process.argv[2] ?? join(import.meta.dirname, "../../shared/data/groundtruth"));
if (!existsSync(root)) {
  console.error(`ground truth folder not found: ${root}`);
  process.exit(2);
}

/** Replaces NaN samples by linear interpolation between the nearest finite neighbours. */
function fillNaN(x: Float64Array): number {
  let filled = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) continue;
    let j = i;
    while (j < x.length && !Number.isFinite(x[j])) j++;
    const a = i > 0 ? x[i - 1] : x[j],
      b = j < x.length ? x[j] : x[i - 1];
    for (let k = i; k < j; k++) x[k] = a + ((b - a) * (k - i + 1)) / (j - i + 1);
    filled += j - i;
    i = j;
  }
  return filled;
}

const meanSem = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd =
    v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : NaN;
  return { m, sem: sd / Math.sqrt(v.length), n: v.length };
};
const fmt = (s: { m: number; sem: number; n: number }) =>
  s.n ? `${s.m.toFixed(2)} ± ${Number.isFinite(s.sem) ? s.sem.toFixed(2) : "—"} (n=${s.n})` : "—";

const huang: Record<string, string> = {
  "Emx1-s": "1AP 0.70 ± 0.06",
  "Cux2-f": "1AP 0.40 ± 0.08",
  "Emx1-f": "1AP 0.60 ± 0.08",
};

interface CellResult {
  group: string;
  r: number;
  p1?: number;
  p2?: number;
  n1: number;
  n2: number;
}
const results: CellResult[] = [];
const t0 = performance.now();
let nanFilled = 0;
for (const ds of readdirSync(root)
  .filter((d) => /^DS(09|1[0-4])/.test(d))
  .sort()) {
  for (const file of findMatFiles(join(root, ds))) {
    const src = identifySource(file);
    const ind: Indicator = src.indicator;
    const w = eventWindows(ind);
    const group =
      src.lab === "Allen"
        ? `${ds.slice(0, 4)} ${src.line}-${ind === "GCaMP6s" ? "s" : "f"}`
        : `${ds.slice(0, 4)} viral ${ind}`;
    const rs: number[] = [];
    const nullPeaks: number[] = [];
    const ev: number[][] = [[], []];
    for (const rec of readGroundTruth(file)) {
      const dff = Float64Array.from(rec.deltaFOverF);
      nanFilled += fillNaN(dff);
      const dec = deconvolve(dff);
      const r = spikefinderCorrelation(dec.s, rec.spikeTimes, { times: rec.fluoTime });
      if (Number.isFinite(r)) rs.push(r);
      try {
        const det = detectionProbability(
          { values: dff, timestamps: rec.fluoTime },
          rec.spikeTimes,
          {
            indicator: ind,
            baselineSeconds: process.env.NO_LOCAL_BASELINE ? 0 : w.isolationBeforeSeconds,
            maxApCount: 2,
          },
        );
        nullPeaks.push(...det.noisePeaks);
        ev[0].push(...det.perApCount[0].peaks);
        ev[1].push(...det.perApCount[1].peaks);
      } catch {
        // Too few spike-free windows in this recording: it contributes no detection data.
      }
    }
    if (rs.length === 0) continue;
    const res: CellResult = {
      group,
      r: rs.reduce((a, b) => a + b, 0) / rs.length,
      n1: ev[0].length,
      n2: ev[1].length,
    };
    if (nullPeaks.length >= 100) {
      const thr = quantile(nullPeaks, 0.99);
      if (ev[0].length >= 3) res.p1 = ev[0].filter((p) => p > thr).length / ev[0].length;
      if (ev[1].length >= 3) res.p2 = ev[1].filter((p) => p > thr).length / ev[1].length;
    }
    results.push(res);
  }
}

const groups = [...new Set(results.map((r) => r.group))].sort();
console.log(`Ground truth: ${root}`);
console.log(
  `${results.length} cells, ${((performance.now() - t0) / 1000).toFixed(1)} s${nanFilled ? `, ${nanFilled} NaN frames interpolated` : ""}\n`,
);
const header = [
  "dataset / line",
  "cells",
  "OASIS spikefinder r",
  "P(detect 1 AP) @1% FP",
  "P(detect 2 AP) @1% FP",
  "Huang 2021 Table 2",
];
const rows = groups.map((g) => {
  const cells = results.filter((r) => r.group === g);
  const key = g.split(" ")[1];
  return [
    g,
    String(cells.length),
    fmt(meanSem(cells.map((c) => c.r))),
    fmt(meanSem(cells.filter((c) => c.p1 !== undefined).map((c) => c.p1!))),
    fmt(meanSem(cells.filter((c) => c.p2 !== undefined).map((c) => c.p2!))),
    huang[key] ?? "",
  ];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cols: string[]) => "| " + cols.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
console.log(line(header));
console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
for (const r of rows) console.log(line(r));
console.log(
  "\nmean ± SEM over cells; spikefinder: 100 Hz, 40 ms bins, Pearson r per cell (recordings averaged), mean over cells.",
);

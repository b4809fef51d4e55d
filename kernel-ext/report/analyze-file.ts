// One file of the report: open it (path or URL), take the cell's spikes, ΔF/F and voltage, build a
// single-cell CouplingView, summarise, and write the cell's figure as SVG and PNG.
import { join } from "node:path";
import type { WidgetSpec } from "../kernel/widget/widget.js";
import { openNWB } from "../nwb/open-nwb.js";
import { CouplingModel } from "../widgets/coupling/coupling-model.js";
import { saveFigure } from "../widgets/figure/save-figure.js";
import { couplingCellOfNWB } from "../widgets/nwb/coupling-from-nwb.js";
import { AP_CLASSES, type ApClass, type CellSummary, type RiseDecay, summarizeCellWithTraces } from "./cell-summary.js";
import { groundTruthDatasetOf } from "./cell-inference.js";
import { inferenceFigureModel } from "./inference-figure.js";
import type { Indicator } from "../analysis/index.js";

export interface CellTracesOut {
  label: string;
  indicator?: Indicator;
  spikes: Float64Array;
  dff: Float64Array;
  frameTimes: Float64Array;
}

export interface FileResult {
  summary: CellSummary;
  traces: CellTracesOut;
  /** The single-cell CouplingView's spec and last state, for the HTML report. */
  widget: { spec: WidgetSpec; state: object };
  /** The TraceView of inferred vs true spikes, likewise. */
  inferenceWidget: { spec: WidgetSpec; state: object };
  figures: string[];
}

/** A file-name-safe version of a cell label. */
export function fileStem(label: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, "_");
}

export async function analyzeFile(source: string, figuresDir: string): Promise<FileResult> {
  const file = await openNWB(source);
  try {
    const cell = await couplingCellOfNWB(file);
    const model = await CouplingModel.create([cell], { mode: "cell", source: { path: source, neurodataType: "NWBFile" } });
    try {
      const riseDecay = {} as Record<ApClass, RiseDecay | null>;
      const averages = model.state.groups[0]?.averages ?? [];
      for (const c of AP_CLASSES) {
        const fit = averages.find((a) => a.apClass === c)?.fit;
        riseDecay[c] = fit
          ? { riseTime: Number(fit.riseTime.toPrecision(6)), decayTime: Number(fit.decayTime.toPrecision(6)), timeToPeak: Number(fit.timeToPeak.toPrecision(6)), peak: Number(fit.peak.toPrecision(6)), r2: Number(fit.r2.toPrecision(6)) }
          : null;
      }
      const traces: CellTracesOut = {
        label: cell.label ?? cell.id,
        indicator: cell.indicator,
        spikes: Float64Array.from(cell.spikes),
        dff: Float64Array.from(cell.dff),
        frameTimes: Float64Array.from(cell.frameTimes),
      };
      const { summary, inferred, dff, trueSpikes } = summarizeCellWithTraces({ ...traces, groundTruthDataset: groundTruthDatasetOf(file.sessionDescription) }, riseDecay);
      const stem = join(figuresDir, `${fileStem(traces.label)}.coupling`);
      await saveFigure(model, `${stem}.svg`);
      await saveFigure(model, `${stem}.png`);
      const inference = await inferenceFigureModel(summary, traces.frameTimes, dff, trueSpikes, inferred);
      try {
        const istem = join(figuresDir, `${fileStem(traces.label)}.inference`);
        await saveFigure(inference, `${istem}.svg`);
        await saveFigure(inference, `${istem}.png`);
        return {
          summary,
          traces,
          widget: { spec: model.spec, state: { ...model.state } },
          inferenceWidget: { spec: inference.spec, state: { ...inference.state } },
          figures: [`${stem}.svg`, `${stem}.png`, `${istem}.svg`, `${istem}.png`],
        };
      } finally {
        inference.close();
      }
    } finally {
      model.close();
    }
  } finally {
    await file.close();
  }
}

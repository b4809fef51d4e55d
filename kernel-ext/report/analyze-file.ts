// One file of the report: open it (path or URL), take the cell's spikes, ΔF/F and voltage, build a
// single-cell CouplingView, summarise, and draw the cell's figure as SVG and PNG. The analysis
// keeps the figures in memory (a queue worker sends them to the coordinator); analyzeFile writes
// them to a folder (the local pool).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { WidgetSpec } from "../kernel/widget/widget.js";
import { openNWB } from "../nwb/open-nwb.js";
import { CouplingModel } from "../models/coupling/coupling-model.js";
import { svgToPng } from "../models/figure/png.js";
import { figureSvg } from "../models/figure/save-figure.js";
import type { Widget } from "../kernel/widget/widget.js";
import { couplingCellOfNWB } from "../models/nwb/coupling-from-nwb.js";
import { AP_CLASSES, type ApClass, type CellSummary, type RiseDecay, summarizeCellWithTraces } from "./cell-summary.js";
import { groundTruthDatasetOf } from "../analysis/inference/model/ground-truth-dataset.js";
import { inferenceFigureModel } from "./inference-figure.js";
import { recordingMovie } from "./cell-movie.js";
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
  /** The recording's movie (MovieView with preview frames), when it has one: report.html links it
   *  to the inference TraceView (one clock). */
  movieWidget?: { spec: WidgetSpec; state: object };
  figures: string[];
}

/** A figure file's name (no folder) and its bytes: SVG text or PNG bytes. */
export interface FigureFile {
  name: string;
  data: string | Uint8Array;
}

/** A file's analysis with its figures in memory, not yet written anywhere. */
export interface RecordingAnalysis extends Omit<FileResult, "figures"> {
  figures: FigureFile[];
}

/** A file-name-safe version of a cell label. */
export function fileStem(label: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, "_");
}

/** Writes the figures into `figuresDir`; returns their paths. */
export async function writeFigures(figures: FigureFile[], figuresDir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const f of figures) {
    const path = join(figuresDir, f.name);
    await writeFile(path, f.data);
    paths.push(path);
  }
  return paths;
}

export async function analyzeFile(source: string, figuresDir: string): Promise<FileResult> {
  const { figures, ...rest } = await analyzeRecording(source);
  return { ...rest, figures: await writeFigures(figures, figuresDir) };
}

export async function analyzeRecording(source: string): Promise<RecordingAnalysis> {
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
      const inference = await inferenceFigureModel(summary, traces.frameTimes, dff, trueSpikes, inferred);
      try {
        // The same renderers and scale as saveFigure(model, "….svg" / "….png").
        const figures = [
          ...(await figureFiles(model, `${fileStem(traces.label)}.coupling`)),
          ...(await figureFiles(inference, `${fileStem(traces.label)}.inference`)),
        ];
        return {
          summary,
          traces,
          widget: { spec: model.spec, state: { ...model.state } },
          inferenceWidget: { spec: inference.spec, state: { ...inference.state } },
          movieWidget: await recordingMovie(file),
          figures,
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

/** A widget's figure as an SVG and a 2× PNG, named `${stem}.svg` / `${stem}.png`. */
async function figureFiles(widget: Widget<object>, stem: string): Promise<FigureFile[]> {
  const svg = await figureSvg(widget);
  return [
    { name: `${stem}.svg`, data: svg },
    { name: `${stem}.png`, data: (await svgToPng(svg, 2)).png },
  ];
}

// What a notebook gets from `import * as nwb from "tsnwb"`. Each area adds its public names here.
import { createRequire } from "node:module";

/** The tsnwb package version. */
export const version: string = (
  createRequire(import.meta.url)("../../package.json") as { version: string }
).version;
// Analysis library (filters, spike detection, fluorescence, coupling, spike inference, metrics, spike trains).
export * from "./analysis/index.js";
// Kernel: rich display, comms, and the widget base class (protocol 2.1.0).
export { mimeBundle, type MimeBundle, type HasMimeBundle } from "./display/mimebundle.js";
export { display, clearOutput, toMimeBundle, type DisplayOptions } from "./kernel/display.js";
export { openComm, registerCommTarget, type Comm, type CommTarget } from "./kernel/comms.js";
export {
  Widget,
  widgetReference,
  type WidgetSpec,
  type ChangeOrigin,
} from "./kernel/widget/widget.js";
export {
  registerStaticFigure,
  type StaticFigure,
  type StaticFigureRenderer,
} from "./kernel/widget/static-figure.js";
export { widgetStateBundle, WIDGET_STATE_MIME } from "./kernel/widget/state-bundle.js";
// NWB reader: openNWB, the typed NWB classes (NWBFile, TimeSeries, ElectricalSeries, …), isA/ancestors.
export * from "./nwb/index.js";
// Remote files: openNWB("https://…" | "s3://…" | {dandiset, path}) reads lazily over HTTP range requests.
export * from "./nwb/remote/index.js";
// NWB writer: writeNWB(path, description) writes a new NWB 2.5.0 file (cached schema embedded).
export {
  writeNWB,
  derivedFrom,
  NWBWriteError,
  type WriteNWBOptions,
  type NWBFileDescription,
} from "./nwb/write/index.js";
// Ground truth: MAT v5 reader, CASCADE recordings, converter to the DANDI:000048 layout.
export {
  readMat,
  MatFileError,
  readGroundTruth,
  convertGroundTruthFile,
  convertGroundTruthFolder,
  type GroundTruthRecording,
  type ConvertOptions,
} from "./groundtruth/index.js";
// Widgets: nwbWidget(obj), TraceView/RasterView/RoiView/MovieView/CouplingView models, saveFigure(widget, "fig.svg" | "fig.png").
export * from "./models/index.js";
// Static HTML export: widgets with their last state and the front-end bundle inlined (no kernel, no CDN).
export { exportHTML, htmlPage, type ExportOptions } from "./models/export/html-page.js";
// Report: the coupling analysis of many files on a worker pool → figures, report.json, summary.md, report.html.
export { runReport, type ReportOptions, type ReportResult } from "./report/run-report.js";
export type { Report } from "./report/report.js";
export { summarizeCell, type CellSummary } from "./report/cell-summary.js";

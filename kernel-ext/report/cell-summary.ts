// The numbers the report gives for one cell, from its spike times and ΔF/F alone (no I/O):
// spikes and rate, isolated AP-count events (Huang et al. 2021 windows for the cell's indicator),
// mean peak ΔF/F per AP-count class, detection probability at 1% false positives, and spike
// inference (OASIS and the trained model; cell-inference.ts) scored against the true spikes with
// the spikefinder protocol.
import { apEvents, detectionProbability, eventWindows, type Indicator, peakDff } from "../analysis/index.js";
import { fillNonFinite } from "../analysis/util/fill-non-finite.js";
import { type CellInferenceResult, inferCell } from "./cell-inference.js";

export type ApClass = "1" | "2" | "3+";
export const AP_CLASSES: readonly ApClass[] = ["1", "2", "3+"];

export interface RiseDecay {
  riseTime: number;
  decayTime: number;
  timeToPeak: number;
  peak: number;
  r2: number;
}

export interface CellSummary {
  label: string;
  indicator: Indicator | null;
  durationSeconds: number;
  frames: number;
  frameRateHz: number;
  spikes: number;
  rateHz: number;
  /** Isolated events per AP-count class. */
  events: Record<ApClass, number>;
  /** Mean peak ΔF/F of the isolated events of each class (null: no events). */
  peakDff: Record<ApClass, number | null>;
  /** Rise/decay fitted to the event-triggered average of each class (null: too few events or no plausible fit). */
  riseDecay: Record<ApClass, RiseDecay | null>;
  detection: {
    falsePositiveRate: number;
    threshold: number | null;
    probability: Record<"1" | "2", number | null>;
    note?: string;
  };
  /** The default method's spike inference (the rule is in `rule`). */
  inference: CellInferenceResult["inference"];
  /** Every method's spike inference, for the comparison. */
  inferenceByMethod: CellInferenceResult["inferenceByMethod"];
  /** NaN frames of ΔF/F filled by linear interpolation before the analysis. */
  nanFramesFilled: number;
}

const round = (v: number, digits = 6): number => Number(v.toPrecision(digits));
const orNull = (v: number): number | null => (Number.isFinite(v) ? round(v) : null);

export function summarizeCell(
  cell: { label: string; indicator?: Indicator; spikes: Float64Array; dff: ArrayLike<number>; frameTimes: Float64Array; groundTruthDataset?: string },
  riseDecay: Record<ApClass, RiseDecay | null>,
): CellSummary {
  return summarizeCellWithTraces(cell, riseDecay).summary;
}

/** The summary and the inferred traces behind it (for the report's inference figure). */
export function summarizeCellWithTraces(
  cell: { label: string; indicator?: Indicator; spikes: Float64Array; dff: ArrayLike<number>; frameTimes: Float64Array; groundTruthDataset?: string },
  riseDecay: Record<ApClass, RiseDecay | null>,
): { summary: CellSummary; inferred: CellInferenceResult["traces"]; dff: Float64Array; trueSpikes: Float64Array } {
  const dff = Float64Array.from(cell.dff);
  const nanFramesFilled = fillNonFinite(dff);
  const t = cell.frameTimes;
  const duration = t.length > 1 ? t[t.length - 1]! - t[0]! : 0;
  const indicator = cell.indicator ?? null;
  const windows = eventWindows(indicator ?? "GCaMP6s");
  const inRecording = cell.spikes.filter((s) => s >= t[0]! && s <= t[t.length - 1]!);

  const events = { "1": 0, "2": 0, "3+": 0 } as Record<ApClass, number>;
  const onsets: Record<ApClass, number[]> = { "1": [], "2": [], "3+": [] };
  for (const e of apEvents(inRecording, { windows })) {
    if (!e.isolated || e.time + windows.peakSearchSeconds > t[t.length - 1]!) continue;
    const c: ApClass = e.apCount === 1 ? "1" : e.apCount === 2 ? "2" : "3+";
    events[c]++;
    onsets[c].push(e.time);
  }
  const peak = {} as Record<ApClass, number | null>;
  for (const c of AP_CLASSES) {
    const p = peakDff({ values: dff, timestamps: t }, onsets[c], { windows }).filter((v) => Number.isFinite(v));
    peak[c] = p.length ? round(p.reduce((a, b) => a + b, 0) / p.length) : null;
  }

  const detection: CellSummary["detection"] = { falsePositiveRate: 0.01, threshold: null, probability: { "1": null, "2": null } };
  try {
    const det = detectionProbability({ values: dff, timestamps: t }, inRecording, { windows, baselineSeconds: windows.isolationBeforeSeconds, maxApCount: 2 });
    detection.threshold = round(det.threshold);
    for (const k of [1, 2] as const) detection.probability[String(k) as "1" | "2"] = orNull(det.perApCount[k - 1]!.probability);
  } catch (e) {
    detection.note = (e as Error).message;
  }

  const inferred = inferCell(dff, t, inRecording, cell.groundTruthDataset);
  const summary: CellSummary = {
    label: cell.label,
    indicator,
    durationSeconds: round(duration),
    frames: t.length,
    frameRateHz: duration > 0 ? round((t.length - 1) / duration) : 0,
    spikes: inRecording.length,
    rateHz: duration > 0 ? round(inRecording.length / duration) : 0,
    events,
    peakDff: peak,
    riseDecay,
    detection,
    inference: inferred.inference,
    inferenceByMethod: inferred.inferenceByMethod,
    nanFramesFilled,
  };
  return { summary, inferred: inferred.traces, dff, trueSpikes: inRecording };
}

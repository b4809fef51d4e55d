// nwb.recordingView(file): the recording dashboard of an NWB file — the members built from what the
// file has (recording-parts.ts), one line per panel left out, the spike times (the file's units, or
// our detection on the voltage where it has none) and the isolated AP-count events.
import type { Indicator } from "../../analysis/coupling/index.js";
import { detectSpikes } from "../../analysis/spikes/index.js";
import type { TimeSeries } from "../../nwb/neurodata/base/time-series.js";
import type { NWBFile } from "../../nwb/neurodata/file/nwb-file.js";
import { setTimeBase } from "../link/time-base.js";
import { SeriesFrameSource } from "../movie/frame-source.js";
import { MovieModel } from "../movie/movie-model.js";
import { inferredSpikeLanes } from "../nwb/inferred-spike-lanes.js";
import { rasterViewOfUnits } from "../nwb/raster-from-nwb.js";
import { roiViewOfPlaneSegmentation } from "../nwb/roi-from-nwb.js";
import { RasterModel } from "../raster/raster-model.js";
import { EventLaneSource } from "../trace/lane-source.js";
import type { LaneInput } from "../trace/lane-set.js";
import { TimeSeriesLaneSource } from "../trace/time-series-source.js";
import { TraceModel } from "../trace/trace-model.js";
import { recordingEvents, type DffTrace, type RecordingEvents } from "./recording-events.js";
import { RecordingModel, type RecordingMembers } from "./recording-model.js";
import { recordingParts, type RecordingParts } from "./recording-parts.js";

export interface RecordingViewOptions {
  /** The unit whose spikes are the cell's (default 0). */
  unit?: number;
  /** Isolated-event windows of this indicator (default: the imaging plane's, else GCaMP6s). */
  indicator?: Indicator;
}

interface Spikes {
  times: Float64Array;
  source: string;
}

const AP_LANES = [
  { k: 1, label: "isolated 1-AP events" },
  { k: 2, label: "isolated 2-AP events" },
  { k: 3, label: "isolated 3+-AP events" },
] as const;

function indicatorOf(file: NWBFile, messages: string[]): Indicator {
  for (const plane of file.imagingPlanes.values()) {
    const name = plane.indicator ?? "";
    if (/gcamp6s/i.test(name)) return "GCaMP6s";
    if (/gcamp6f/i.test(name)) return "GCaMP6f";
  }
  messages.push("no GCaMP6s/6f imaging plane: isolated events use the GCaMP6s windows");
  return "GCaMP6s";
}

/** First channel of a voltage series with its time base. */
async function firstChannel(ts: TimeSeries) {
  const w = await ts.readAll(ts.data.ndim > 1 ? { select: [0] } : {});
  return { values: w.data.data as Float64Array, times: w.times };
}

/** Our threshold detection on the filtered voltage (else on the raw one, band-passed first). */
async function detectedSpikes(v: TimeSeries, filtered: boolean): Promise<Spikes> {
  const { values, times } = await firstChannel(v);
  const fs = v.rate ?? (times.length > 1 ? (times.length - 1) / (times.at(-1)! - times[0]!) : NaN);
  const d = detectSpikes(values, {
    fs,
    startTime: times[0] ?? 0,
    band: filtered ? null : undefined,
    snippetMs: null,
  });
  return {
    times: d.times,
    source: `spike times detected by tsnwb in ${v.path} (${d.times.length} spikes, threshold 5σ): the file has no /units spike times`,
  };
}

async function spikesOf(
  p: RecordingParts,
  unit: number,
  messages: string[],
): Promise<Spikes | null> {
  if (p.units) {
    const times = await p.units.spikeTimes(unit);
    return {
      times,
      source: `spike times from the file: ${p.units.path} unit ${unit} (${times.length} spikes)`,
    };
  }
  const v = p.filtered ?? p.raw;
  if (!v) return null;
  try {
    return await detectedSpikes(v, v === p.filtered);
  } catch (e) {
    if (!(e instanceof RangeError || e instanceof TypeError)) throw e;
    messages.push(`no spikes: detection on ${v.path} failed: ${e.message}`);
    return null;
  }
}

async function moviePanel(p: RecordingParts): Promise<MovieModel | undefined> {
  if (!p.movie) return undefined;
  let rois: Awaited<ReturnType<typeof roiViewOfPlaneSegmentation>>["state"]["rois"] | undefined;
  let highlighted: number[] = [];
  if (p.segmentation) {
    // The RoiView's outlines, without its projections; the recorded cell is the ΔF/F's first ROI.
    const roiView = await roiViewOfPlaneSegmentation(p.segmentation, { movie: null });
    rois = roiView.state.rois;
    const row = p.dff ? ((await p.dff.roiIndices())[0] ?? 0) : 0;
    const id = rois.ids[row];
    highlighted = id === undefined ? [] : [id];
    roiView.close();
  }
  const m = p.movie;
  const movie = await MovieModel.create(new SeriesFrameSource(m), {
    title: `${m.name} (${m.path})`,
    source: { path: m.path, neurodataType: m.neurodataType ?? "TwoPhotonSeries" },
    rois,
    highlighted,
  });
  return setTimeBase(movie, m.file);
}

async function voltagePanel(
  p: RecordingParts,
  spikes: Spikes | null,
): Promise<TraceModel | undefined> {
  const series = [p.raw, p.filtered].filter((s): s is TimeSeries => s !== undefined);
  if (series.length === 0) return undefined;
  const lanes: LaneInput[] = [];
  for (const [i, s] of series.entries())
    lanes.push({
      id: i === 0 && s === p.raw ? "raw" : "filtered",
      label: `${s === p.raw ? "raw" : "filtered"}: ${s.name}`,
      unit: s.data.attrString("unit") ?? "",
      source: await TimeSeriesLaneSource.open(s, s.data.ndim > 1 ? 0 : undefined),
    });
  if (spikes)
    lanes.push({
      id: "spikes",
      label: "spikes",
      source: new EventLaneSource(spikes.times, "spike"),
    });
  const model = await TraceModel.create(lanes, {
    title: "cell-attached voltage",
    source: {
      path: series[0]!.path,
      neurodataType: series[0]!.neurodataType ?? "ElectricalSeries",
    },
    messages: spikes ? [spikes.source] : [],
  });
  return setTimeBase(model, series[0]!.file);
}

async function dffPanel(
  p: RecordingParts,
  events: RecordingEvents | null,
): Promise<TraceModel | undefined> {
  const dff = p.dff;
  if (!dff) return undefined;
  const lanes: LaneInput[] = [
    {
      id: "dff",
      label: `ΔF/F: ${dff.name}`,
      unit: dff.data.attrString("unit") ?? "",
      source: await TimeSeriesLaneSource.open(dff, dff.data.ndim > 1 ? 0 : undefined),
    },
  ];
  const inferred = await inferredSpikeLanes(dff, [0]);
  lanes.push(...inferred.lanes);
  if (events)
    for (const { k, label } of AP_LANES) {
      const times = events.times.filter((_, i) =>
        k === 3 ? events.apCounts[i]! >= 3 : events.apCounts[i] === k,
      );
      lanes.push({ id: `events${k}`, label, source: new EventLaneSource(times, label) });
    }
  const model = await TraceModel.create(lanes, {
    title: `ΔF/F of the recorded cell (${dff.path})`,
    source: { path: dff.path, neurodataType: dff.neurodataType ?? "RoiResponseSeries" },
    messages: inferred.messages,
  });
  return setTimeBase(model, dff.file);
}

function rasterPanel(
  p: RecordingParts,
  spikes: Spikes | null,
): Promise<RasterModel> | RasterModel | undefined {
  if (p.units) return rasterViewOfUnits(p.units);
  if (!spikes) return undefined;
  const raster = RasterModel.create([{ id: 0, label: "detected", times: spikes.times }], {
    title: "detected spikes",
    source: { path: (p.filtered ?? p.raw)!.path, neurodataType: "ElectricalSeries" },
    messages: [spikes.source],
  });
  return setTimeBase(raster, (p.filtered ?? p.raw)!.file);
}

/** The lines saying which panels are left out and what the file lacks for each. */
export function missingLines(p: RecordingParts, spikes: Spikes | null): string[] {
  const out: string[] = [];
  if (!p.movie) out.push("movie left out: the file has no TwoPhotonSeries with frames");
  else if (!p.segmentation)
    out.push("no ROI outlines on the movie: the file has no PlaneSegmentation");
  if (!p.raw && !p.filtered) out.push("voltage left out: the file has no ElectricalSeries");
  if (!p.dff) out.push("ΔF/F left out: the file has no RoiResponseSeries in a DfOverF container");
  const voltage = p.filtered ?? p.raw;
  if (!spikes)
    out.push(
      voltage
        ? `spike raster left out: the file has no /units spike times and detection on ${voltage.path} gave none`
        : "spike raster left out: the file has no /units spike times and no voltage to detect spikes in",
    );
  return out;
}

export async function recordingView(
  file: NWBFile,
  options: RecordingViewOptions = {},
): Promise<RecordingModel> {
  const p = recordingParts(file);
  const messages: string[] = [];
  const indicator = options.indicator ?? indicatorOf(file, messages);
  const spikes = await spikesOf(p, options.unit ?? 0, messages);
  let dffTrace: DffTrace | null = null;
  if (p.dff) {
    const w = await p.dff.readAll(p.dff.numRois > 1 ? { select: [0] } : {});
    dffTrace = { values: w.data.data as Float64Array, times: w.times };
  }
  const events = spikes ? recordingEvents(spikes.times, indicator, dffTrace) : null;
  const members: RecordingMembers = {
    movie: await moviePanel(p),
    voltage: await voltagePanel(p, spikes),
    dff: await dffPanel(p, events),
    raster: await rasterPanel(p, spikes),
  };
  if (!Object.values(members).some(Boolean))
    throw new Error(
      `${file.ctx.file}: recordingView: expected at least one of a TwoPhotonSeries, an ElectricalSeries, a ΔF/F RoiResponseSeries (DfOverF) or /units spike times`,
    );
  const empty = new Float64Array(0);
  const before = indicator === "GCaMP6s" ? 0.5 : 0.2;
  return RecordingModel.create(
    {
      title: `recording ${file.identifier ?? file.ctx.file}`,
      source: { path: "/", neurodataType: "NWBFile" },
      messages,
      missing: missingLines(p, spikes),
      spikeTimes: spikes?.times ?? empty,
      spikeSource: spikes?.source ?? "no spike times",
      eventTimes: events?.times ?? empty,
      eventEnds: events?.ends ?? empty,
      eventApCounts: events?.apCounts ?? new Int32Array(0),
      eventPeakDff: events?.peakDff ?? empty,
      eventRise: events?.rise ?? empty,
      eventDecay: events?.decay ?? empty,
      eventRiseResolved: events?.riseResolved ?? new Uint8Array(0),
      frameInterval: events?.frameInterval ?? null,
      eventWindow: [before, indicator === "GCaMP6s" ? 2 : 1],
      indicator,
    },
    members,
  );
}

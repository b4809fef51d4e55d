// What a recording file holds for the dashboard (the DANDI:000048 layout, or any file with some of
// it): the cell's ΔF/F, raw and filtered voltage, the units' spike times, the imaging movie and the
// segmentation. Each part is found at its usual path first, then by neurodata type anywhere.
import type { H5Object } from "../../nwb/h5-object.js";
import { TimeSeries } from "../../nwb/neurodata/base/time-series.js";
import type { NWBFile } from "../../nwb/neurodata/file/nwb-file.js";
import { PlaneSegmentation } from "../../nwb/neurodata/ophys/plane-segmentation.js";
import { RoiResponseSeries } from "../../nwb/neurodata/ophys/roi-response-series.js";
import { TwoPhotonSeries } from "../../nwb/neurodata/ophys/two-photon-series.js";
import type { Units } from "../../nwb/neurodata/misc/units.js";
import { isA } from "../../nwb/type-hierarchy/inheritance.js";
import { isDfOverFSeries } from "../nwb/inferred-spike-lanes.js";

export interface RecordingParts {
  dff?: RoiResponseSeries;
  raw?: TimeSeries;
  filtered?: TimeSeries;
  units?: Units;
  movie?: TwoPhotonSeries;
  segmentation?: PlaneSegmentation;
}

function typedObjects(file: NWBFile, test: (o: H5Object) => boolean): H5Object[] {
  return file
    .objects()
    .map((e) => file.ctx.find(e.path))
    .filter((o): o is H5Object => !!o && test(o));
}

function hasSamples(o: H5Object): boolean {
  return o instanceof TimeSeries && !!o.optionalDataset("data") && o.numSamples > 0;
}

function atOrFirst<T extends H5Object>(
  file: NWBFile,
  path: string,
  test: (o: H5Object) => o is T,
): T | undefined {
  const at = file.ctx.find(path);
  if (at && test(at)) return at;
  return typedObjects(file, test)[0] as T | undefined;
}

const isDff = (o: H5Object): o is RoiResponseSeries =>
  o instanceof RoiResponseSeries && hasSamples(o) && isDfOverFSeries(o);
const isVoltage = (o: H5Object): o is TimeSeries =>
  o instanceof TimeSeries && isA(o, "ElectricalSeries") && hasSamples(o);
const isMovie = (o: H5Object): o is TwoPhotonSeries =>
  o instanceof TwoPhotonSeries && (o.optionalDataset("data")?.ndim ?? 0) >= 3 && o.frameCount > 0;

export function recordingParts(file: NWBFile): RecordingParts {
  const dff = atOrFirst(file, "/processing/ophys/DfOverF/roi_response_series", isDff);
  const voltages = typedObjects(file, isVoltage) as TimeSeries[];
  const inAcquisition = (o: TimeSeries) => o.path.startsWith("/acquisition/");
  const raw = atOrFirst(file, "/acquisition/ElectricalSeries_raw", isVoltage) ?? undefined;
  const filteredAt = file.ctx.find("/processing/ecephys/ElectricalSeries_processed");
  const filtered =
    filteredAt && isVoltage(filteredAt)
      ? filteredAt
      : voltages.find((v) => !inAcquisition(v) && v !== raw);
  const units = file.units?.has("spike_times") ? file.units : undefined;
  const movie = atOrFirst(file, "/acquisition/TwoPhotonSeries_green", isMovie);
  let segmentation: PlaneSegmentation | undefined;
  try {
    segmentation = dff?.planeSegmentation;
  } catch {
    segmentation = undefined;
  }
  segmentation ??= typedObjects(file, (o) => o instanceof PlaneSegmentation)[0] as
    PlaneSegmentation | undefined;
  return {
    dff,
    raw: raw === filtered ? undefined : raw,
    filtered,
    units,
    movie,
    segmentation,
  };
}

/** How many of the dashboard's panels a file can fill (movie, voltage, ΔF/F, spikes). */
export function recordingPanelCount(p: RecordingParts): number {
  return [p.movie, p.raw ?? p.filtered, p.dff, p.units].filter((x) => x !== undefined).length;
}

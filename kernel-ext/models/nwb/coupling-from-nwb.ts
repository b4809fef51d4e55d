// A CouplingView cell from an NWB file in the DANDI:000048 layout: the unit's spike times, the
// ΔF/F RoiResponseSeries (the first ROI), the filtered (else raw) cell-attached voltage read lazily,
// and the indicator named by the imaging plane.
import type { Indicator } from "../../analysis/coupling/index.js";
import { H5Object } from "../../nwb/h5-object.js";
import type { NWBFile } from "../../nwb/neurodata/file/nwb-file.js";
import { RoiResponseSeries } from "../../nwb/neurodata/ophys/roi-response-series.js";
import { TimeSeries } from "../../nwb/neurodata/base/time-series.js";
import { isA } from "../../nwb/type-hierarchy/inheritance.js";
import type { CouplingCell } from "../coupling/coupling-model.js";
import { TimeSeriesLaneSource } from "../trace/time-series-source.js";

function findTyped(file: NWBFile, type: string, prefer: string[]): H5Object | undefined {
  for (const p of prefer) {
    const o = file.ctx.find(p);
    if (o && isA(o, type)) return o;
  }
  for (const e of file.objects()) {
    const o = file.ctx.find(e.path);
    if (o && isA(o, type)) return o;
  }
  return undefined;
}

export async function couplingCellOfNWB(
  file: NWBFile,
  options: { unit?: number; label?: string } = {},
): Promise<CouplingCell> {
  const where = file.ctx.file;
  const units = file.units;
  if (!units || !units.has("spike_times"))
    throw new Error(
      `${where}: /units: expected a Units table with spike_times (the cell's spikes)`,
    );
  const spikes = await units.spikeTimes(options.unit ?? 0);
  const dffSeries = findTyped(file, "RoiResponseSeries", [
    "/processing/ophys/DfOverF/roi_response_series",
  ]);
  if (!(dffSeries instanceof RoiResponseSeries))
    throw new Error(
      `${where}: expected a ΔF/F RoiResponseSeries (e.g. /processing/ophys/DfOverF/roi_response_series)`,
    );
  const w = await dffSeries.readSamples(
    0,
    dffSeries.numSamples,
    dffSeries.numRois > 1 ? { select: [0] } : {},
  );
  const dff = w.data.data as Float64Array;
  const voltageSeries = [
    "/processing/ecephys/ElectricalSeries_processed",
    "/acquisition/ElectricalSeries_raw",
  ]
    .map((p) => file.ctx.find(p))
    .find((o) => o instanceof TimeSeries) as TimeSeries | undefined;
  let indicator: Indicator | undefined;
  for (const plane of file.imagingPlanes.values()) {
    const name = plane.indicator ?? "";
    if (/gcamp6s/i.test(name)) indicator = "GCaMP6s";
    else if (/gcamp6f/i.test(name)) indicator = "GCaMP6f";
  }
  // The file name, or the file's identifier where the source has none (a DANDI ".../download/" URL).
  const stem = file.ctx.file
    .split(/[?#]/)[0]!
    .split("/")
    .filter((p) => p !== "" && p !== "download")
    .pop()
    ?.replace(/\.nwb$/, "");
  const label =
    options.label ?? (stem && !/^https?:$/.test(stem) ? stem : (file.identifier ?? "cell"));
  return {
    id: label,
    label,
    indicator,
    spikes,
    dff,
    frameTimes: w.times,
    voltage: voltageSeries
      ? {
          label: voltageSeries.name,
          unit: voltageSeries.data.attrString("unit") ?? "",
          source: await TimeSeriesLaneSource.open(voltageSeries),
        }
      : undefined,
  };
}

// TimeSeries and its subtypes (ElectricalSeries, TwoPhotonSeries, RoiResponseSeries) as HDF5 nodes.
import type {
  ElectricalSeriesDescription,
  RoiResponseSeriesDescription,
  TimeSeriesBase,
  TwoPhotonSeriesDescription,
} from "./description.js";
import { ObjectRef, countOf, dataset, link, put, scalar, type H5GroupNode } from "./h5tree.js";
import { numericDataset, typeAttrs, typedGroup, type BuildContext } from "./neurodata.js";

/** An invalid description: names the argument path and what was expected. */
export class NWBWriteError extends Error {
  override readonly name = "NWBWriteError";
  constructor(
    readonly where: string,
    readonly expected: string,
  ) {
    super(`${where}: ${expected}`);
  }
}

function checkTiming(ts: Omit<TimeSeriesBase, "unit">, where: string): number {
  const shape = ts.shape ?? [ts.data.length];
  if (countOf(shape) !== ts.data.length) {
    throw new NWBWriteError(
      `${where}.shape`,
      `[${shape.join(", ")}] to hold the ${ts.data.length} values of data`,
    );
  }
  const n = shape[0];
  if ("timestamps" in ts.timing) {
    if (ts.timing.timestamps.length !== n) {
      throw new NWBWriteError(
        `${where}.timing.timestamps`,
        `${n} timestamps (one per sample), found ${ts.timing.timestamps.length}`,
      );
    }
  } else if (!(ts.timing.rate > 0)) {
    throw new NWBWriteError(
      `${where}.timing.rate`,
      `a positive sampling rate, found ${ts.timing.rate}`,
    );
  }
  return n;
}

/** The parts every TimeSeries has; subtypes add theirs to the returned group. */
export function timeSeriesGroup(
  ctx: BuildContext,
  path: string,
  type: string,
  ts: Omit<TimeSeriesBase, "unit">,
  where: string,
  unit: string,
): H5GroupNode {
  checkTiming(ts, where);
  const g = typedGroup(ctx, path, "core", type, {
    description: ts.description ?? "no description",
    comments: ts.comments ?? "no comments",
  });
  const data = put(g, "data", numericDataset(ts.data, ts.shape, ts.compress));
  data.attrs = {
    unit,
    conversion: ts.conversion ?? 1,
    offset: ts.offset ?? 0,
    resolution: ts.resolution ?? -1,
  };
  if ("timestamps" in ts.timing) {
    const t = put(g, "timestamps", numericDataset(ts.timing.timestamps, undefined, ts.compress));
    t.attrs = { interval: new Int32Array([1]), unit: "seconds" };
  } else {
    put(
      g,
      "starting_time",
      scalar(ts.timing.startingTime ?? 0, { rate: ts.timing.rate, unit: "seconds" }),
    );
  }
  return g;
}

export function electricalSeries(
  ctx: BuildContext,
  path: string,
  es: ElectricalSeriesDescription,
  where: string,
  electrodeCount: number,
): H5GroupNode {
  const shape = es.shape ?? [es.data.length];
  const channels = shape.length > 1 ? shape[1] : 1;
  if (es.electrodes.length !== channels) {
    throw new NWBWriteError(
      `${where}.electrodes`,
      `${channels} electrode rows (one per data column), found ${es.electrodes.length}`,
    );
  }
  es.electrodes.forEach((e, i) => {
    if (!Number.isInteger(e) || e < 0 || e >= electrodeCount) {
      throw new NWBWriteError(
        `${where}.electrodes[${i}]`,
        `a row of the electrodes table (0…${electrodeCount - 1}), found ${e}`,
      );
    }
  });
  const g = timeSeriesGroup(ctx, path, "ElectricalSeries", es, where, "volts");
  if (es.filtering !== undefined) g.attrs.filtering = es.filtering;
  const region = put(g, "electrodes", dataset(Int32Array.from(es.electrodes)));
  region.attrs = {
    ...typeAttrs(ctx, `${path}/electrodes`, "hdmf-common", "DynamicTableRegion"),
    description: "the electrodes (rows of the electrodes table) this series was recorded from",
    table: new ObjectRef("/general/extracellular_ephys/electrodes"),
  };
  return g;
}

export function twoPhotonSeries(
  ctx: BuildContext,
  path: string,
  tp: TwoPhotonSeriesDescription,
  where: string,
  planes: Set<string>,
): H5GroupNode {
  if (tp.shape.length !== 3)
    throw new NWBWriteError(`${where}.shape`, `[frames, x, y], found [${tp.shape.join(", ")}]`);
  if (!planes.has(tp.imagingPlane)) {
    throw new NWBWriteError(
      `${where}.imagingPlane`,
      `the name of an imaging plane of this file (${[...planes].join(", ") || "none defined"}), found '${tp.imagingPlane}'`,
    );
  }
  const g = timeSeriesGroup(ctx, path, "TwoPhotonSeries", tp, where, tp.unit ?? "n.a.");
  if (tp.pmtGain !== undefined) g.attrs.pmt_gain = tp.pmtGain;
  if (tp.scanLineRate !== undefined) g.attrs.scan_line_rate = tp.scanLineRate;
  put(g, "dimension", dataset(Int32Array.from([tp.shape[1], tp.shape[2]])));
  if (tp.fieldOfView) put(g, "field_of_view", dataset(Float32Array.from(tp.fieldOfView)));
  put(g, "format", scalar("raw"));
  put(g, "imaging_plane", link(`/general/optophysiology/${tp.imagingPlane}`));
  return g;
}

export function roiResponseSeries(
  ctx: BuildContext,
  path: string,
  rs: RoiResponseSeriesDescription,
  where: string,
  tablePath: string,
  tableRows: number,
): H5GroupNode {
  const shape = rs.shape ?? [rs.data.length];
  const columns = shape.length > 1 ? shape[1] : 1;
  if (rs.rois.length !== columns)
    throw new NWBWriteError(
      `${where}.rois`,
      `${columns} ROI rows (one per data column), found ${rs.rois.length}`,
    );
  rs.rois.forEach((r, i) => {
    if (!Number.isInteger(r) || r < 0 || r >= tableRows)
      throw new NWBWriteError(
        `${where}.rois[${i}]`,
        `a row of ${tablePath} (0…${tableRows - 1}), found ${r}`,
      );
  });
  const g = timeSeriesGroup(ctx, path, "RoiResponseSeries", rs, where, rs.unit);
  const region = put(g, "rois", dataset(Int32Array.from(rs.rois)));
  region.attrs = {
    ...typeAttrs(ctx, `${path}/rois`, "hdmf-common", "DynamicTableRegion"),
    description: "the ROIs (rows of the plane segmentation) of the data columns",
    table: new ObjectRef(tablePath),
  };
  return g;
}

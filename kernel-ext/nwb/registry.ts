// neurodata_type → class. An object gets the class of the nearest type in its inheritance chain
// that has one, so an extension subtype of TimeSeries is a TimeSeries; typed objects with no
// class anywhere in their chain are NWBContainer (groups) or NWBData (datasets).
import type { NWBContext } from "./context.js";
import type { H5DatasetMeta, H5GroupMeta } from "./h5/source.js";
import { Group, LazyDataset, type H5Object } from "./h5-object.js";
import { NWBContainer } from "./neurodata/base/nwb-container.js";
import { NWBData } from "./neurodata/base/nwb-data.js";
import { VectorData } from "./neurodata/hdmf-common/vector-data.js";
import { VectorIndex } from "./neurodata/hdmf-common/vector-index.js";
import { ElementIdentifiers } from "./neurodata/hdmf-common/element-identifiers.js";
import { DynamicTableRegion } from "./neurodata/hdmf-common/dynamic-table-region.js";
import { DynamicTable } from "./neurodata/hdmf-common/dynamic-table.js";
import { TimeSeries } from "./neurodata/base/time-series.js";
import { ElectricalSeries } from "./neurodata/ecephys/electrical-series.js";
import { SpikeEventSeries } from "./neurodata/ecephys/spike-event-series.js";
import { ImageSeries } from "./neurodata/image/image-series.js";
import { TwoPhotonSeries } from "./neurodata/ophys/two-photon-series.js";
import { RoiResponseSeries } from "./neurodata/ophys/roi-response-series.js";
import { ImagingPlane } from "./neurodata/ophys/imaging-plane.js";
import { OpticalChannel } from "./neurodata/ophys/optical-channel.js";
import { Device } from "./neurodata/device/device.js";
import { Subject } from "./neurodata/file/subject.js";
import { ElectrodeGroup } from "./neurodata/ecephys/electrode-group.js";
import { ProcessingModule } from "./neurodata/base/processing-module.js";
import { LFP } from "./neurodata/ecephys/lfp.js";
import { FilteredEphys } from "./neurodata/ecephys/filtered-ephys.js";
import { Fluorescence } from "./neurodata/ophys/fluorescence.js";
import { DfOverF } from "./neurodata/ophys/df-over-f.js";
import { ImageSegmentation } from "./neurodata/ophys/image-segmentation.js";
import { PlaneSegmentation } from "./neurodata/ophys/plane-segmentation.js";
import { Units } from "./neurodata/misc/units.js";
import { TimeIntervals } from "./neurodata/epoch/time-intervals.js";
import { NWBFile } from "./neurodata/file/nwb-file.js";

type GroupClass = new (ctx: NWBContext<H5Object>, meta: H5GroupMeta) => Group;
type DatasetClass = new (ctx: NWBContext<H5Object>, meta: H5DatasetMeta) => LazyDataset;

const groupClasses = new Map<string, GroupClass>([
  ["NWBFile", NWBFile],
  ["DynamicTable", DynamicTable],
  ["TimeSeries", TimeSeries],
  ["ElectricalSeries", ElectricalSeries],
  ["SpikeEventSeries", SpikeEventSeries],
  ["ImageSeries", ImageSeries],
  ["TwoPhotonSeries", TwoPhotonSeries],
  ["RoiResponseSeries", RoiResponseSeries],
  ["ImagingPlane", ImagingPlane],
  ["OpticalChannel", OpticalChannel],
  ["Device", Device],
  ["Subject", Subject],
  ["ElectrodeGroup", ElectrodeGroup],
  ["ProcessingModule", ProcessingModule],
  ["LFP", LFP],
  ["FilteredEphys", FilteredEphys],
  ["Fluorescence", Fluorescence],
  ["DfOverF", DfOverF],
  ["ImageSegmentation", ImageSegmentation],
  ["PlaneSegmentation", PlaneSegmentation],
  ["Units", Units],
  ["TimeIntervals", TimeIntervals],
]);

const datasetClasses = new Map<string, DatasetClass>([
  ["VectorData", VectorData],
  ["VectorIndex", VectorIndex],
  ["Index", VectorIndex], // hdmf-common < 1.2 name of VectorIndex
  ["ElementIdentifiers", ElementIdentifiers],
  ["DynamicTableRegion", DynamicTableRegion],
]);

/** Registers a class for a neurodata type (e.g. an extension's), used for files opened afterwards. */
export function registerNWBClass(
  type: string,
  cls: GroupClass | DatasetClass,
  kind: "group" | "dataset",
): void {
  if (kind === "group") groupClasses.set(type, cls as GroupClass);
  else datasetClasses.set(type, cls as DatasetClass);
}

/** Builds the object for a group or dataset of an open file. */
export function createObject(
  ctx: NWBContext<H5Object>,
  meta: H5GroupMeta | H5DatasetMeta,
): H5Object {
  const raw = meta.attrs.neurodata_type?.value ?? meta.attrs.data_type?.value;
  const type =
    typeof raw === "string"
      ? raw
      : Array.isArray(raw) && typeof raw[0] === "string"
        ? raw[0]
        : undefined;
  if (meta.kind === "group") {
    if (meta.path === "/") return new NWBFile(ctx, meta);
    if (!type) return new Group(ctx, meta);
    for (const t of ctx.types.ancestors(type)) {
      const cls = groupClasses.get(t);
      if (cls) return new cls(ctx, meta);
    }
    return new NWBContainer(ctx, meta);
  }
  if (!type) return new LazyDataset(ctx, meta);
  for (const t of ctx.types.ancestors(type)) {
    const cls = datasetClasses.get(t);
    if (cls) return new cls(ctx, meta);
  }
  return new NWBData(ctx, meta);
}

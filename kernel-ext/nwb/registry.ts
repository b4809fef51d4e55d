// neurodata_type → class. An object gets the class of the nearest type in its inheritance chain
// that has one, so an extension subtype of TimeSeries is a TimeSeries; typed objects with no
// class anywhere in their chain are NWBContainer (groups) or NWBData (datasets).
import type { NWBContext } from "./context.js";
import type { H5DatasetMeta, H5GroupMeta } from "./h5/source.js";
import { Group, LazyDataset, type H5Object } from "./h5-object.js";
import { NWBContainer } from "./nwb-container.js";
import { NWBData } from "./nwb-data.js";
import { VectorData } from "./vector-data.js";
import { VectorIndex } from "./vector-index.js";
import { ElementIdentifiers } from "./element-identifiers.js";
import { DynamicTableRegion } from "./dynamic-table-region.js";
import { DynamicTable } from "./dynamic-table.js";
import { TimeSeries } from "./time-series.js";
import { ElectricalSeries } from "./electrical-series.js";
import { SpikeEventSeries } from "./spike-event-series.js";
import { ImageSeries } from "./image-series.js";
import { TwoPhotonSeries } from "./two-photon-series.js";
import { RoiResponseSeries } from "./roi-response-series.js";
import { ImagingPlane } from "./imaging-plane.js";
import { OpticalChannel } from "./optical-channel.js";
import { Device } from "./device.js";
import { Subject } from "./subject.js";
import { ElectrodeGroup } from "./electrode-group.js";
import { ProcessingModule } from "./processing-module.js";
import { LFP } from "./lfp.js";
import { FilteredEphys } from "./filtered-ephys.js";
import { Fluorescence } from "./fluorescence.js";
import { DfOverF } from "./df-over-f.js";
import { ImageSegmentation } from "./image-segmentation.js";
import { PlaneSegmentation } from "./plane-segmentation.js";
import { Units } from "./units.js";
import { TimeIntervals } from "./time-intervals.js";
import { NWBFile } from "./nwb-file.js";

type GroupClass = new (ctx: NWBContext, meta: H5GroupMeta) => Group;
type DatasetClass = new (ctx: NWBContext, meta: H5DatasetMeta) => LazyDataset;

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
export function registerNWBClass(type: string, cls: GroupClass | DatasetClass, kind: "group" | "dataset"): void {
  if (kind === "group") groupClasses.set(type, cls as GroupClass);
  else datasetClasses.set(type, cls as DatasetClass);
}

/** Builds the object for a group or dataset of an open file. */
export function createObject(ctx: NWBContext, meta: H5GroupMeta | H5DatasetMeta): H5Object {
  const raw = meta.attrs.neurodata_type?.value ?? meta.attrs.data_type?.value;
  const type = typeof raw === "string" ? raw : Array.isArray(raw) && typeof raw[0] === "string" ? raw[0] : undefined;
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

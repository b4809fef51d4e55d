// Public API of the NWB reader.
export { openNWB, type OpenNWBOptions } from "./open-nwb.js";
export { NWBError } from "./errors.js";
export { isA, ancestors } from "./type-hierarchy/inheritance.js";
export { TypeHierarchy } from "./type-hierarchy/type-hierarchy.js";
export { registerNWBClass } from "./registry.js";
export { registerH5Opener, type H5Opener } from "./h5/openers.js";
export { openLocalH5 } from "./h5/local.js";
export { H5WasmFile, type H5Wasm } from "./h5/h5wasm-file.js";
export { dtypeName } from "./h5/dtype.js";
export type * from "./h5/source.js";
export { type NDArray, toFloat64 } from "./ndarray.js";
export { H5Object, Group, LazyDataset, type DimSelection, type DisplayField } from "./h5-object.js";
export { NWBContainer } from "./neurodata/base/nwb-container.js";
export { NWBData } from "./neurodata/base/nwb-data.js";
export { NWBFile, type NWBObjectEntry } from "./neurodata/file/nwb-file.js";
export { TimeSeries, type TimeWindow, type WindowOptions } from "./neurodata/base/time-series.js";
export { ElectricalSeries } from "./neurodata/ecephys/electrical-series.js";
export { SpikeEventSeries } from "./neurodata/ecephys/spike-event-series.js";
export { ImageSeries } from "./neurodata/image/image-series.js";
export { TwoPhotonSeries, type ProjectionOptions } from "./neurodata/ophys/two-photon-series.js";
export { RoiResponseSeries } from "./neurodata/ophys/roi-response-series.js";
export { ImagingPlane } from "./neurodata/ophys/imaging-plane.js";
export { OpticalChannel } from "./neurodata/ophys/optical-channel.js";
export { Device } from "./neurodata/device/device.js";
export { Subject } from "./neurodata/file/subject.js";
export { ElectrodeGroup } from "./neurodata/ecephys/electrode-group.js";
export { ProcessingModule } from "./neurodata/base/processing-module.js";
export { MultiContainerInterface } from "./neurodata/base/multi-container-interface.js";
export { LFP } from "./neurodata/ecephys/lfp.js";
export { FilteredEphys } from "./neurodata/ecephys/filtered-ephys.js";
export { Fluorescence } from "./neurodata/ophys/fluorescence.js";
export { DfOverF } from "./neurodata/ophys/df-over-f.js";
export { ImageSegmentation } from "./neurodata/ophys/image-segmentation.js";
export {
  PlaneSegmentation,
  type MaskKind,
  type PixelMask,
  type VoxelMask,
} from "./neurodata/ophys/plane-segmentation.js";
export { maskContours } from "./neurodata/ophys/mask-contour.js";
export { DynamicTable, TableColumn } from "./neurodata/hdmf-common/dynamic-table.js";
export { DynamicTableRegion } from "./neurodata/hdmf-common/dynamic-table-region.js";
export { VectorData } from "./neurodata/hdmf-common/vector-data.js";
export { VectorIndex } from "./neurodata/hdmf-common/vector-index.js";
export { ElementIdentifiers } from "./neurodata/hdmf-common/element-identifiers.js";
export { Units } from "./neurodata/misc/units.js";
export { TimeIntervals } from "./neurodata/epoch/time-intervals.js";

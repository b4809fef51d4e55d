// The plain-object description of a new NWB file that `writeNWB` accepts. Every field maps to one
// NWB (core 2.5.0) object; names follow pynwb's so a notebook user can read them as in the NWB docs.
import type { NumericArray } from "./h5tree.js";

export type { NumericArray };

/** Sampling of a time series: a constant rate, or one timestamp per sample (seconds). */
export type Timing = { rate: number; startingTime?: number } | { timestamps: Float64Array };

/** Fields shared by every TimeSeries. `shape` is row-major with time first (default: 1-D). */
export interface TimeSeriesBase {
  name: string;
  description?: string;
  comments?: string;
  data: NumericArray;
  shape?: number[];
  unit: string;
  /** Multiply stored values by this to get `unit` (default 1). */
  conversion?: number;
  /** Added after `conversion` (default 0). */
  offset?: number;
  /** Smallest meaningful difference in `unit` (default -1: unknown). */
  resolution?: number;
  timing: Timing;
  /** Force gzip chunking on (true) or off (false); default: on above 64 KiB. */
  compress?: boolean;
}

export interface TimeSeriesDescription extends TimeSeriesBase {
  type: "TimeSeries";
}

export interface ElectricalSeriesDescription extends Omit<TimeSeriesBase, "unit"> {
  type: "ElectricalSeries";
  /** Rows of the file's electrodes table, one per channel (data columns). */
  electrodes: number[];
  filtering?: string;
}

export interface TwoPhotonSeriesDescription extends Omit<TimeSeriesBase, "unit"> {
  type: "TwoPhotonSeries";
  /** Name of an imaging plane of this file. */
  imagingPlane: string;
  unit?: string;
  /** Frames are `shape` = [frames, x, y]; required. */
  shape: number[];
  fieldOfView?: number[];
  pmtGain?: number;
  scanLineRate?: number;
}

/** A series of one RoiResponseSeries: columns are ROIs of a PlaneSegmentation of this file. */
export interface RoiResponseSeriesDescription extends TimeSeriesBase {
  /** The plane segmentation as "<ImageSegmentation name>/<PlaneSegmentation name>" in the same module. */
  planeSegmentation: string;
  /** Rows of that table, one per data column. */
  rois: number[];
}

export interface FluorescenceDescription {
  type: "Fluorescence" | "DfOverF";
  name?: string;
  series: RoiResponseSeriesDescription[];
}

/** One ROI as pixels (x = first image axis, y = second) with weights. */
export interface PixelMask {
  x: Uint32Array;
  y: Uint32Array;
  weight: Float32Array;
}

export interface PlaneSegmentationDescription {
  name: string;
  description: string;
  imagingPlane: string;
  pixelMasks?: PixelMask[];
  /** One image per ROI, row-major [roi, x, y]. */
  imageMasks?: { data: Float32Array | Float64Array | Uint8Array; shape: [number, number, number] };
  /**
   * How pixel_mask is stored: "compound" = the schema's (x uint32, y uint32, weight float32)
   * compound type; "int32x3" = a plain (N, 3) int32 array as in DANDI:000048 (weights rounded).
   */
  pixelMaskLayout?: "compound" | "int32x3";
}

export interface ImageSegmentationDescription {
  type: "ImageSegmentation";
  name?: string;
  planeSegmentations: PlaneSegmentationDescription[];
}

/** 2-D images (row-major, shape [x, y]) in an `Images` container. */
export interface ImagesDescription {
  type: "Images";
  name: string;
  description: string;
  images: {
    name: string;
    description?: string;
    data: NumericArray;
    shape: [number, number];
    resolution?: number;
  }[];
}

export type DataInterfaceDescription =
  | TimeSeriesDescription
  | ElectricalSeriesDescription
  | TwoPhotonSeriesDescription
  | FluorescenceDescription
  | ImageSegmentationDescription
  | ImagesDescription;

export interface ProcessingModuleDescription {
  name: string;
  description: string;
  interfaces: DataInterfaceDescription[];
}

export interface DeviceDescription {
  name: string;
  description?: string;
  manufacturer?: string;
}

export interface ElectrodeGroupDescription {
  name: string;
  description: string;
  location: string;
  device: string;
}

export interface ElectrodeDescription {
  group: string;
  location: string;
  /** Coordinates (µm) and impedance (ohm); NaN when unknown. */
  x?: number;
  y?: number;
  z?: number;
  imp?: number;
  filtering?: string;
}

export interface OpticalChannelDescription {
  name: string;
  description: string;
  /** nm */
  emissionLambda: number;
}

export interface ImagingPlaneDescription {
  name: string;
  description?: string;
  device: string;
  /** nm */
  excitationLambda: number;
  /** Hz */
  imagingRate?: number;
  indicator: string;
  location: string;
  opticalChannels: OpticalChannelDescription[];
  /** Pixel size along x and y, in `gridSpacingUnit` (default meters). */
  gridSpacing?: [number, number];
  gridSpacingUnit?: string;
}

export interface SubjectDescription {
  subjectId?: string;
  species?: string;
  sex?: string;
  age?: string;
  genotype?: string;
  strain?: string;
  description?: string;
}

export interface UnitsDescription {
  description?: string;
  /** Spike times (s) of each unit. */
  spikeTimes: Float64Array[];
  /** Extra text or number columns, one value per unit. */
  columns?: { name: string; description: string; values: string[] | Float64Array }[];
}

export interface NWBFileDescription {
  identifier: string;
  sessionDescription: string;
  sessionStartTime: Date;
  /** Default: sessionStartTime (so the same description always gives the same bytes). */
  fileCreateDate?: Date;
  timestampsReferenceTime?: Date;
  experimenter?: string[];
  institution?: string;
  lab?: string;
  experimentDescription?: string;
  sessionId?: string;
  keywords?: string[];
  relatedPublications?: string[];
  subject?: SubjectDescription;
  devices?: DeviceDescription[];
  electrodeGroups?: ElectrodeGroupDescription[];
  electrodes?: ElectrodeDescription[];
  imagingPlanes?: ImagingPlaneDescription[];
  acquisition?: DataInterfaceDescription[];
  processing?: ProcessingModuleDescription[];
  units?: UnitsDescription;
}

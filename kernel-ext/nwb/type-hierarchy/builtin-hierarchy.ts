// The NWB core and hdmf-common type hierarchy (type → parent), for files that carry no cached
// specification (NWB 2.0b files from pynwb 1.0.x, matnwb, nwb-explorer). Files with a cached
// specification use theirs instead; this table only fills gaps.

type Table = Record<string, string | null>;

const hdmfCommon: Table = {
  Container: null,
  Data: null,
  VectorData: "Data",
  VectorIndex: "VectorData",
  Index: "Data", // hdmf-common before 1.2
  ElementIdentifiers: "Data",
  DynamicTableRegion: "VectorData",
  DynamicTable: "Container",
  AlignedDynamicTable: "DynamicTable",
  SimpleMultiContainer: "Container",
  CSRMatrix: "Container",
  EnumData: "VectorData",
  VocabData: "VectorData",
  HERD: "Container",
  ExternalResources: "Container",
};

const core: Table = {
  NWBContainer: "Container",
  NWBData: "Data",
  NWBDataInterface: "NWBContainer",
  TimeSeries: "NWBDataInterface",
  TimeSeriesReferenceVectorData: "VectorData",
  Image: "NWBData",
  ImageReferences: "NWBData",
  Images: "NWBDataInterface",
  ScratchData: "NWBData",
  NWBFile: "NWBContainer",
  LabMetaData: "NWBContainer",
  Subject: "NWBContainer",
  ProcessingModule: "NWBContainer",
  Device: "NWBContainer",
  // base / misc
  AbstractFeatureSeries: "TimeSeries",
  AnnotationSeries: "TimeSeries",
  IntervalSeries: "TimeSeries",
  DecompositionSeries: "TimeSeries",
  Units: "DynamicTable",
  TimeIntervals: "DynamicTable",
  // ecephys
  ElectricalSeries: "TimeSeries",
  SpikeEventSeries: "ElectricalSeries",
  FeatureExtraction: "NWBDataInterface",
  EventDetection: "NWBDataInterface",
  EventWaveform: "NWBDataInterface",
  FilteredEphys: "NWBDataInterface",
  LFP: "NWBDataInterface",
  ElectrodeGroup: "NWBContainer",
  ClusterWaveforms: "NWBDataInterface",
  Clustering: "NWBDataInterface",
  ElectrodeTable: "DynamicTable",
  // icephys
  PatchClampSeries: "TimeSeries",
  CurrentClampSeries: "PatchClampSeries",
  IZeroClampSeries: "CurrentClampSeries",
  CurrentClampStimulusSeries: "PatchClampSeries",
  VoltageClampSeries: "PatchClampSeries",
  VoltageClampStimulusSeries: "PatchClampSeries",
  IntracellularElectrode: "NWBContainer",
  SweepTable: "DynamicTable",
  IntracellularElectrodesTable: "DynamicTable",
  IntracellularStimuliTable: "DynamicTable",
  IntracellularResponsesTable: "DynamicTable",
  IntracellularRecordingsTable: "AlignedDynamicTable",
  SimultaneousRecordingsTable: "DynamicTable",
  SequentialRecordingsTable: "DynamicTable",
  RepetitionsTable: "DynamicTable",
  ExperimentalConditionsTable: "DynamicTable",
  // image
  GrayscaleImage: "Image",
  RGBImage: "Image",
  RGBAImage: "Image",
  ImageSeries: "TimeSeries",
  ImageMaskSeries: "ImageSeries",
  OpticalSeries: "ImageSeries",
  IndexSeries: "TimeSeries",
  // behavior
  SpatialSeries: "TimeSeries",
  BehavioralEpochs: "NWBDataInterface",
  BehavioralEvents: "NWBDataInterface",
  BehavioralTimeSeries: "NWBDataInterface",
  PupilTracking: "NWBDataInterface",
  EyeTracking: "NWBDataInterface",
  CompassDirection: "NWBDataInterface",
  Position: "NWBDataInterface",
  // ogen
  OptogeneticSeries: "TimeSeries",
  OptogeneticStimulusSite: "NWBContainer",
  // ophys
  OnePhotonSeries: "ImageSeries",
  TwoPhotonSeries: "ImageSeries",
  RoiResponseSeries: "TimeSeries",
  DfOverF: "NWBDataInterface",
  Fluorescence: "NWBDataInterface",
  ImageSegmentation: "NWBDataInterface",
  PlaneSegmentation: "DynamicTable",
  ImagingPlane: "NWBContainer",
  OpticalChannel: "NWBContainer",
  MotionCorrection: "NWBDataInterface",
  CorrectedImageStack: "NWBDataInterface",
  // retinotopy
  ImagingRetinotopy: "NWBDataInterface",
  RetinotopyMap: "NWBData",
  AxisMap: "RetinotopyMap",
  RetinotopyImage: "GrayscaleImage",
};

/** type → { parent, namespace } for the built-in namespaces. */
export function builtinHierarchy(): Map<string, { parent: string | null; namespace: string }> {
  const m = new Map<string, { parent: string | null; namespace: string }>();
  for (const [t, p] of Object.entries(hdmfCommon))
    m.set(t, { parent: p, namespace: "hdmf-common" });
  for (const [t, p] of Object.entries(core)) m.set(t, { parent: p, namespace: "core" });
  return m;
}

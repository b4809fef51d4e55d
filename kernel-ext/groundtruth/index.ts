// Ground truth (CASCADE .mat) reading and conversion to NWB.
export {
  readMat,
  parseMat,
  MatFileError,
  type MatFile,
  type MatValue,
  type MatNumeric,
  type MatChar,
  type MatCell,
  type MatStruct,
} from "./mat5.js";
export { readGroundTruth, type GroundTruthRecording, type Image2D } from "./cattached.js";
export {
  identifySource,
  UnknownSourceError,
  LABS,
  INDICATORS,
  type GroundTruthSource,
  type SourceOptions,
  type Lab,
  type Indicator,
} from "./source.js";
export { GroundTruthOptionError } from "./option-error.js";
export {
  convertGroundTruthFile,
  describeRecording,
  outputName,
  VOLTS_PER_COUNT,
  type ConvertOptions,
} from "./convert.js";
export { convertGroundTruthFolder, findMatFiles } from "./convert-folder.js";

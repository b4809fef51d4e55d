// Ground truth (CASCADE .mat) reading and conversion to NWB.
export { readMat, parseMat, MatFileError, type MatFile, type MatValue, type MatNumeric, type MatChar, type MatCell, type MatStruct } from "./mat5.js";
export { readGroundTruth, identifySource, type GroundTruthRecording, type GroundTruthSource, type Image2D } from "./cattached.js";
export { convertGroundTruthFile, describeRecording, outputName, VOLTS_PER_COUNT, type ConvertOptions } from "./convert.js";
export { convertGroundTruthFolder, findMatFiles } from "./convertFolder.js";

// The NWB writer: `writeNWB(path, description)` and the description types.
export { writeNWB, type WriteNWBOptions } from "./write-nwb.js";
export { NWBWriteError } from "./timeseries.js";
export type * from "./description.js";
export { derivedFrom, type DerivedOptions, type SourceMetadata } from "./derived.js";

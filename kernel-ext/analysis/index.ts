// The analysis library: pure functions on typed arrays (no file I/O, no kernel, no NWB reader).
export * from "./filters/index.js";
export * from "./spikes/index.js";
export * from "./stats/index.js";

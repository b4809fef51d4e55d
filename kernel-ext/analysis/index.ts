// The analysis library: pure functions on typed arrays (no file I/O, no kernel, no NWB reader).
export * from "./filters/index.js";
export * from "./spikes/index.js";
export * from "./stats/index.js";
export * from "./spectral/index.js";
export * from "./fluorescence/index.js";
export * from "./inference/index.js";
export * from "./metrics/index.js";
export * from "./fitting/index.js";
export * from "./coupling/index.js";
export * from "./spiketrains/index.js";
export * from "./aligned/index.js";

// What a notebook gets from `import * as nwb from "tsnwb"`. Each area adds its public names here.
import { createRequire } from "node:module";

/** The tsnwb package version. */
export const version: string = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
// Analysis library (filters, spike detection, fluorescence, coupling, spike inference, metrics, spike trains).
export * from "./analysis/index.js";
// NWB reader: openNWB, the typed NWB classes (NWBFile, TimeSeries, ElectricalSeries, …), isA/ancestors.
export * from "./nwb/index.js";

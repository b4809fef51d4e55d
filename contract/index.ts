// The model↔view contract of every tsnwb widget (see common.ts for the wire rules).
export * from "./common.js";
export * from "./trace.js";
export * from "./raster.js";
export * from "./roi.js";
export * from "./movie.js";
export * from "./coupling.js";
export * from "./table.js";
export * from "./tree.js";
export * from "./time-link.js";
export * from "./aligned.js";
export * from "./recording.js";
export * from "./event-markers.js";
export * from "./recording-strip.js";
export * from "./widget-states.js";

// Which clock a model's times are on. Views made from an NWB file share that file's session clock;
// views of arrays have none we know of (they link without a check). A raster aligned to events has
// times relative to each event: no clock another view can share.
const TIME_BASES = new WeakMap<object, string>();

/** Records that `model`'s times are seconds of the session recorded in `file`. */
export function setTimeBase<T extends object>(model: T, file: string): T {
  TIME_BASES.set(model, file);
  return model;
}

/** The file whose session clock `model` uses, or undefined when unknown (arrays). */
export function timeBaseOf(model: object): string | undefined {
  return TIME_BASES.get(model);
}

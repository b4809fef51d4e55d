// How any tsnwb object shows itself in a notebook. An object that has a `[mimeBundle]()` method
// is displayed by the tsnwb kernel with that bundle (as ipywidgets' `_repr_mimebundle_`), both
// when it is a cell's last expression and when passed to `display()`. The kernel, the NWB reader
// and the widgets all use this one protocol, so none of them needs to know about the others.

/** Mime type → data. Always include "text/plain" as the fallback for clients that show text only. */
export type MimeBundle = Record<string, unknown>;

/** Registered in the global symbol registry, so cells that load another copy of tsnwb still match. */
export const mimeBundle: unique symbol = Symbol.for("tsnwb.mimeBundle") as never;

export interface HasMimeBundle {
  [mimeBundle](): MimeBundle;
}

export function hasMimeBundle(x: unknown): x is HasMimeBundle {
  return (
    x !== null &&
    (typeof x === "object" || typeof x === "function") &&
    typeof (x as Partial<HasMimeBundle>)[mimeBundle] === "function"
  );
}

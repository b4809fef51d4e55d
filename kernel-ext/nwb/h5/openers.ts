// How `openNWB` turns a source string into an H5Source. Local paths are built in; other backends
// (the remote HTTP-range reader) register an opener for the sources they accept, so openNWB
// itself never changes when a backend is added.
import type { H5Source } from "./source.js";

export interface H5Opener {
  /** Short name for messages, e.g. "remote". */
  name: string;
  /** A string (path, URL) or a backend's own reference object (e.g. a DANDI asset reference). */
  accepts(source: string | object): boolean;
  open(source: string | object, options: Record<string, unknown>): Promise<H5Source>;
}

const openers: H5Opener[] = [];

/** Adds an opener; the most recently registered opener that accepts a source wins. */
export function registerH5Opener(opener: H5Opener): void {
  openers.unshift(opener);
}

export function findH5Opener(source: string | object): H5Opener | undefined {
  return openers.find((o) => o.accepts(source));
}

// What the display of an object needs of it: where it is, its metadata and fields, and the file's
// small datasets read at open (for value previews). Every H5Object has these; the display modules
// depend on this shape rather than on the object classes, which use them to show themselves.
import type { H5DatasetMeta, H5GroupMeta, H5ReadResult } from "../h5/source.js";

/** One field shown in displays: a label and a value (or the error reading it raised). */
export type DisplayField = [label: string, value: unknown];

/** The file-wide state a preview reads: the small datasets read at open, and objects by path (for their type). */
export interface PreviewContext {
  readonly prefetched: ReadonlyMap<string, H5ReadResult>;
  find(path: string): object | undefined;
}

/** An object of an open file, as its display sees it. */
export interface Displayed {
  readonly path: string;
  readonly name: string;
  readonly file: string;
  readonly meta: H5GroupMeta | H5DatasetMeta;
  readonly neurodataType: string | undefined;
  readonly ctx: PreviewContext;
  displayFields(): DisplayField[];
}

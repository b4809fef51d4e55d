// What every tsnwb widget shares on the wire. This folder is the model↔view contract: the kernel
// models (kernel-ext/models/) and the browser views (widgets/src/views/) both import it verbatim,
// so it holds only types, constants and the buffer codecs — no DOM, no Node.
//
// Wire rules (Jupyter widget protocol 2.1):
// - State keys are camelCase; `_model_*` / `_view_*` are set by the kernel's Widget base class.
// - Typed arrays travel as binary buffers (buffer_paths), never as JSON numbers. In the kernel they
//   are typed arrays; in the browser @jupyter-widgets hands them over as DataView. Either way the
//   contract types them as `ArrayBufferView` and names the element type in a sibling `dtype` field
//   (or fixes it in the doc comment). Byte order is little-endian.
// - Strings that come from files (descriptions, labels, column values) are TEXT: views set them with
//   textContent / SVG text nodes, never innerHTML.
// - Every state has `messages`: plain sentences saying what could not be drawn and why (empty
//   series, NaN gaps, masks outside the image, zero spikes…). Views show them; figures print them.
// - Custom messages (view → kernel requests, kernel → view replies) carry a `type` discriminator and
//   a `requestId` chosen by the view; the reply echoes it. Reply buffers are listed in the reply's
//   doc comment, in order.

/** `_model_module` and `_view_module` of every tsnwb widget. The version is package.json's. */
export const MODULE_NAME = "tsnwb-widgets";

/** Model and view class names, per widget. */
export const WIDGET_NAMES = {
  trace: { modelName: "TraceModel", viewName: "TraceView" },
  raster: { modelName: "RasterModel", viewName: "RasterView" },
  roi: { modelName: "RoiModel", viewName: "RoiView" },
  movie: { modelName: "MovieModel", viewName: "MovieView" },
  coupling: { modelName: "CouplingModel", viewName: "CouplingView" },
  table: { modelName: "TableModel", viewName: "TableView" },
  tree: { modelName: "TreeModel", viewName: "TreeView" },
  aligned: { modelName: "AlignedModel", viewName: "AlignedView" },
  recording: { modelName: "RecordingModel", viewName: "RecordingView" },
} as const;

export type WidgetKind = keyof typeof WIDGET_NAMES;

/** Element types used in buffers. */
export type Dtype = "float64" | "float32" | "int32" | "uint32" | "int16" | "uint16" | "uint8";

/** An n-dimensional array in one buffer, row-major (C order). `data.byteLength` equals
 *  product(shape) × bytes per element. */
export interface NdArray {
  dtype: Dtype;
  shape: number[];
  data: ArrayBufferView;
}

/** Colour maps the image views offer (d3-scale-chromatic names; "gray" is black → white,
 *  "greens" is black → green, the usual look of GCaMP images). */
export const COLORMAPS = [
  "gray",
  "greens",
  "viridis",
  "magma",
  "inferno",
  "plasma",
  "cividis",
] as const;
export type Colormap = (typeof COLORMAPS)[number];

/** A widget reference in state, ipywidgets style: "IPY_MODEL_" + the other widget's model id. */
export type WidgetRef = `IPY_MODEL_${string}`;
export const WIDGET_REF_PREFIX = "IPY_MODEL_";

/** Fields every tsnwb widget state has. */
export interface BaseState {
  /** Figure title (text from the file: object name / description). */
  title: string;
  /** The NWB object shown: its HDF5 path and neurodata type ("" when not from a file). */
  source: { path: string; neurodataType: string };
  /** What could not be drawn, one sentence each. */
  messages: string[];
}

/** A reply the kernel sends instead of the expected one when a request fails. */
export interface ErrorReply {
  type: "error";
  /** Echo of the request's type ("window", "frame", …) and id. */
  requestType: string;
  requestId: number;
  message: string;
}

/** A reply to a request that a newer request of the same type made obsolete before it finished. */
export interface SupersededReply {
  type: "superseded";
  requestType: string;
  requestId: number;
  /** The id of the newer request that replaced it. */
  supersededBy: number;
}

// nwbWidget(obj) picks a view for any NWB object from an ordered list of views, each deciding by
// neurodata type with inheritance (`isA`), so extension types get the view of their base type.
// Users add views in front of the built-in ones; anything nobody claims gets a table (any
// DynamicTable) or a tree (everything else).
import type { Widget } from "../../kernel/widget/widget.js";
import { DynamicTable } from "../../nwb/neurodata/hdmf-common/dynamic-table.js";
import { H5Object } from "../../nwb/h5-object.js";
import { ImageSeries } from "../../nwb/neurodata/image/image-series.js";
import { PlaneSegmentation } from "../../nwb/neurodata/ophys/plane-segmentation.js";
import { TimeSeries } from "../../nwb/neurodata/base/time-series.js";
import { isA } from "../../nwb/type-hierarchy/inheritance.js";
import { Units } from "../../nwb/neurodata/misc/units.js";
import { TableModel } from "../fallback/table-model.js";
import { TreeModel } from "../fallback/tree-model.js";
import { SeriesFrameSource } from "../movie/frame-source.js";
import { MovieModel } from "../movie/movie-model.js";
import { setTimeBase } from "../link/time-base.js";
import { rasterViewOfUnits } from "../nwb/raster-from-nwb.js";
import { roiViewOfPlaneSegmentation } from "../nwb/roi-from-nwb.js";
import { traceViewOfTimeSeries } from "../nwb/trace-from-nwb.js";
import { CouplingModel } from "../coupling/coupling-model.js";
import { couplingCellOfNWB } from "../nwb/coupling-from-nwb.js";
import { alignedView, type AlignTo, type SeriesAlignedOptions } from "../nwb/aligned-from-nwb.js";
import { NWBFile } from "../../nwb/neurodata/file/nwb-file.js";
import { RoiResponseSeries } from "../../nwb/neurodata/ophys/roi-response-series.js";
import { recordingView } from "../recording/recording-from-nwb.js";
import { recordingPanelCount, recordingParts } from "../recording/recording-parts.js";

export interface ViewEntry {
  /** A short name (e.g. "trace"), used by `nwbWidget(obj, { view })` and to replace an entry. */
  name: string;
  canHandle(obj: unknown): boolean;
  /** `options`: what `nwbWidget(obj, options)` was given besides `view` (views that need more than
   *  the object, like "aligned", read theirs from it). */
  create(obj: any, options?: Record<string, unknown>): Widget<any> | Promise<Widget<any>>;
  /** Only when asked for by name (`nwbWidget(obj, { view })`), never chosen by type alone. */
  onRequestOnly?: boolean;
}

function numericData(ts: TimeSeries, maxDims: number): boolean {
  const d = ts.optionalDataset("data");
  return (
    !!d &&
    d.ndim >= 1 &&
    d.ndim <= maxDims &&
    (d.dtype.class === "float" || d.dtype.class === "int" || d.dtype.class === "uint") &&
    ts.numSamples > 0
  );
}

/** The built-in views, most specific first. */
export const BUILTIN_VIEWS: readonly ViewEntry[] = [
  {
    name: "movie",
    canHandle: (o) =>
      o instanceof ImageSeries &&
      isA(o, "ImageSeries") &&
      (o.optionalDataset("data")?.ndim ?? 0) >= 3,
    create: async (o: ImageSeries) =>
      setTimeBase(
        await MovieModel.create(new SeriesFrameSource(o), {
          title: `${o.name} (${o.path})`,
          source: { path: o.path, neurodataType: o.neurodataType ?? "ImageSeries" },
        }),
        o.file,
      ),
  },
  {
    name: "roi",
    canHandle: (o) => o instanceof PlaneSegmentation && isA(o, "PlaneSegmentation"),
    create: (o: PlaneSegmentation) => roiViewOfPlaneSegmentation(o),
  },
  {
    name: "raster",
    canHandle: (o) => o instanceof Units && isA(o, "Units") && o.has("spike_times"),
    create: (o: Units) => rasterViewOfUnits(o),
  },
  {
    name: "trace",
    canHandle: (o) =>
      o instanceof TimeSeries &&
      isA(o, "TimeSeries") &&
      !isA(o, "ImageSeries") &&
      numericData(o, 2),
    create: (o: TimeSeries) => traceViewOfTimeSeries(o),
  },
  {
    // A whole recording (the DANDI:000048 layout, or at least two of its parts): the linked dashboard.
    // `nwbWidget(file, { view: "coupling" })` still gives the coupling view of such a file.
    name: "recording",
    canHandle: (o) => o instanceof NWBFile && recordingPanelCount(recordingParts(o)) >= 2,
    create: (o: NWBFile, options: Record<string, unknown> = {}) => recordingView(o, options),
  },
  {
    // A whole recording with a unit's spikes and ΔF/F (the DANDI:000048 layout): spike–calcium coupling.
    name: "coupling",
    canHandle: (o) =>
      o instanceof NWBFile &&
      !!o.units?.has("spike_times") &&
      o.objects().some((e) => o.ctx.find(e.path) instanceof RoiResponseSeries),
    create: async (o: NWBFile) =>
      CouplingModel.create([await couplingCellOfNWB(o)], {
        source: { path: "/", neurodataType: "NWBFile" },
      }),
  },
  {
    // A TimeSeries around event times: `nwbWidget(series, { view: "aligned", events, window, groupBy,
    // sortBy })` with events a trials/TimeIntervals table ({ table, column }), { units, unit } or times.
    name: "aligned",
    onRequestOnly: true,
    canHandle: (o) =>
      o instanceof TimeSeries &&
      isA(o, "TimeSeries") &&
      !isA(o, "ImageSeries") &&
      numericData(o, 2),
    create: (o: TimeSeries, options: Record<string, unknown> = {}) => {
      const { events, ...rest } = options;
      if (events === undefined)
        throw new TypeError(
          'nwbWidget(series, { view: "aligned" }): expected `events` too: event times, { table, column? } or { units, unit? }',
        );
      return alignedView(o, events as AlignTo, rest as SeriesAlignedOptions);
    },
  },
  {
    name: "table",
    canHandle: (o) => o instanceof DynamicTable && isA(o, "DynamicTable"),
    create: (o: DynamicTable) => TableModel.of(o),
  },
  {
    name: "tree",
    canHandle: (o) => o instanceof H5Object,
    create: (o: H5Object) => TreeModel.of(o),
  },
];

const REGISTRY_KEY = Symbol.for("tsnwb.widgets.viewRegistry");

/** The ordered list, shared through globalThis so cells that load another copy of tsnwb see it. */
export function viewRegistry(): ViewEntry[] {
  const g = globalThis as unknown as Record<symbol, ViewEntry[] | undefined>;
  g[REGISTRY_KEY] ??= [...BUILTIN_VIEWS];
  return g[REGISTRY_KEY]!;
}

/** Adds a view ahead of every view registered before it (so it wins), replacing one of the same name. */
export function registerView(entry: ViewEntry): void {
  if (
    !entry ||
    typeof entry.name !== "string" ||
    typeof entry.canHandle !== "function" ||
    typeof entry.create !== "function"
  ) {
    throw new TypeError("registerView: expected { name: string, canHandle(obj), create(obj) }");
  }
  const list = viewRegistry();
  const i = list.findIndex((e) => e.name === entry.name);
  if (i >= 0) list.splice(i, 1);
  list.unshift(entry);
}

/** Removes a view by name; returns whether one was removed. */
export function unregisterView(name: string): boolean {
  const list = viewRegistry();
  const i = list.findIndex((e) => e.name === name);
  if (i >= 0) list.splice(i, 1);
  return i >= 0;
}

/** The name of the view nwbWidget would use for `obj`. */
export function viewFor(obj: unknown): string {
  for (const e of viewRegistry()) if (!e.onRequestOnly && e.canHandle(obj)) return e.name;
  throw new TypeError(
    `nwbWidget: no view for ${describe(obj)}; expected an object from openNWB (a group or dataset of an NWB file)`,
  );
}

function describe(obj: unknown): string {
  if (obj === null) return "null";
  if (typeof obj !== "object") return typeof obj;
  return (obj as { constructor?: { name?: string } }).constructor?.name ?? "an object";
}

/** A widget for any NWB object: the first registered view that can handle it (or `options.view`). */
export async function nwbWidget(
  obj: unknown,
  options: { view?: string } & Record<string, unknown> = {},
): Promise<Widget<any>> {
  const { view: _view, ...viewOptions } = options;
  if (options.view) {
    const e = viewRegistry().find((v) => v.name === options.view);
    if (!e)
      throw new TypeError(
        `nwbWidget: no view named '${options.view}'; registered: ${viewRegistry()
          .map((v) => v.name)
          .join(", ")}`,
      );
    if (!e.canHandle(obj))
      throw new TypeError(`nwbWidget: the '${e.name}' view cannot show ${describe(obj)}`);
    return e.create(obj, viewOptions);
  }
  const name = viewFor(obj);
  return viewRegistry()
    .find((v) => v.name === name)!
    .create(obj);
}

// How each kind of view takes part in a time link, kernel side: where its window and cursor live in
// its state, what time span its data covers, and which of its own changes the link must follow.
import type { AlignedState } from "../../../contract/aligned.js";
import type { WidgetRef } from "../../../contract/common.js";
import type { CouplingState } from "../../../contract/coupling.js";
import type { MovieState } from "../../../contract/movie.js";
import type { RasterState } from "../../../contract/raster.js";
import { frameAtTime, frameTime, type TimeLinkMemberState } from "../../../contract/time-link.js";
import type { TraceState } from "../../../contract/trace.js";
import { widgetKindOfModel } from "../../../render/figure.js";
import type { ChangeOrigin, Widget } from "../../kernel/widget/widget.js";
import type { MovieModel } from "../movie/movie-model.js";
import { linkedTracesOf } from "../roi/linked-traces.js";

export interface MemberChange {
  window?: [number, number];
  cursor?: number | null;
}

export interface LinkMember {
  readonly model: Widget<any>;
  readonly kind: "trace" | "raster" | "movie" | "coupling" | "aligned";
  /** The member's window now; null for views without a time axis (a movie). */
  window(): [number, number] | null;
  /** The span its data covers (s). */
  extent(): [number, number];
  /** Copies the link's window / cursor into the member's state. */
  show(change: MemberChange): void;
  /** The member's own state keys, reference to the link included. */
  join(ref: WidgetRef | null): void;
  /** Turns the member's own changes into link changes. `origin` says who made them; changes the
   *  link itself made are filtered by the caller. */
  follow(change: Record<string, unknown>, origin: ChangeOrigin): MemberChange | null;
}

/** A view with a time axis: the link's window goes into `windowKey` of its state. */
function axisMember(
  model: Widget<TraceState> | Widget<RasterState> | Widget<CouplingState>,
  kind: "trace" | "raster" | "coupling",
  windowKey: "xRange" | "visibleRange",
  extent: () => [number, number],
): LinkMember {
  const m = model as unknown as Widget<TimeLinkMemberState & Record<string, unknown>>;
  return {
    model,
    kind,
    window: () => (m.get(windowKey) as [number, number] | null) ?? extent(),
    extent,
    show: (c) => {
      if (c.window) m.set({ [windowKey]: c.window });
      if (c.cursor !== undefined) m.set({ cursor: c.cursor });
    },
    join: (ref) => joinLink(m, ref),
    follow: (c) => pick(c, windowKey),
  };
}

/** Sets the member's reference to the link; leaving it also hides the cursor. */
function joinLink(model: Widget<TimeLinkMemberState>, ref: WidgetRef | null): void {
  model.set({ timeLink: ref, ...(ref ? {} : { cursor: null }) });
}

function movieMember(model: MovieModel): LinkMember {
  const clock = () => model.state as MovieState;
  return {
    model,
    kind: "movie",
    window: () => null,
    extent: () => {
      const s = clock();
      const n = s.frameCount;
      return n > 0 ? [frameTime(s, 0), frameTime(s, n - 1)] : [0, 0];
    },
    show: (c) => {
      if (c.cursor === undefined) return;
      model.set({ cursor: c.cursor });
      const i = c.cursor === null ? -1 : frameAtTime(clock(), c.cursor);
      if (i >= 0 && i !== model.get("frame")) void model.showFrame(i);
    },
    join: (ref) => joinLink(model, ref),
    // The slider (or a pause) set the frame in the browser: the cursor moves to that frame's time,
    // unless the frame already is the one at the cursor.
    follow: (c, origin) => {
      if (origin !== "frontend" || typeof c.frame !== "number") return pickCursor(c);
      const cursor = model.get("cursor");
      if (cursor !== null && frameAtTime(clock(), cursor) === c.frame) return pickCursor(c);
      return { cursor: frameTime(clock(), c.frame) };
    },
  };
}

/** An AlignedView: its x axis is time from the events, so it takes the link's cursor only (the
 *  row at the cursor is outlined); clicking a row in the browser moves the cursor to its event. */
function alignedMember(model: Widget<AlignedState>): LinkMember {
  return {
    model,
    kind: "aligned",
    window: () => null,
    extent: () => {
      const times = model.get("trials").map((t) => t.time);
      return times.length ? [Math.min(...times), Math.max(...times)] : [0, 0];
    },
    show: (c) => {
      if (c.cursor !== undefined) model.set({ cursor: c.cursor });
    },
    join: (ref) => joinLink(model, ref),
    follow: (c) => pickCursor(c),
  };
}

function pickCursor(c: Record<string, unknown>): MemberChange | null {
  return c.cursor !== undefined ? { cursor: c.cursor as number | null } : null;
}

function pick(c: Record<string, unknown>, windowKey: string): MemberChange | null {
  const out: MemberChange = {};
  const w = c[windowKey];
  if (Array.isArray(w)) out.window = w as [number, number];
  if (c.cursor !== undefined) out.cursor = c.cursor as number | null;
  return out.window || out.cursor !== undefined ? out : null;
}

/** The link adapters of a view: one for a TraceView, RasterView or MovieView model; for a RoiView
 *  model, one per TraceView showing its selection (those lanes are its time axis). A TypeError for
 *  anything else, or a RoiView no TraceView shows. */
export function linkMembers(widget: unknown, position: number): LinkMember[] {
  const modelName = (widget as Widget<any> | null)?.spec?.modelName;
  if (typeof modelName !== "string" || widgetKindOfModel(modelName) !== "roi")
    return [linkMember(widget, position)];
  const traces = linkedTracesOf(widget as object);
  if (!traces.length)
    throw new TypeError(
      `linkTime: view ${position + 1} is a RoiView that no TraceView shows; call traceView.linkRoiView(roiView, …) first (its traces are what the link moves)`,
    );
  return traces.map((t) => linkMember(t, position));
}

/** The link adapter of a TraceView, RasterView, MovieView, CouplingView or AlignedView model; a
 *  TypeError for anything else. */
export function linkMember(widget: unknown, position: number): LinkMember {
  const modelName = (widget as Widget<any> | null)?.spec?.modelName;
  const kind = typeof modelName === "string" ? widgetKindOfModel(modelName) : undefined;
  if (kind === "trace") {
    const trace = widget as Widget<TraceState>;
    return axisMember(trace, "trace", "xRange", () => trace.get("fullRange"));
  }
  if (kind === "raster") {
    const raster = widget as Widget<RasterState>;
    return axisMember(raster, "raster", "visibleRange", () => raster.get("xRange"));
  }
  if (kind === "movie") return movieMember(widget as MovieModel);
  if (kind === "coupling") {
    const coupling = widget as Widget<CouplingState>;
    return axisMember(coupling, "coupling", "xRange", () => coupling.get("fullRange"));
  }
  if (kind === "aligned") return alignedMember(widget as Widget<AlignedState>);
  throw new TypeError(
    `linkTime: view ${position + 1} is ${modelName ?? typeof widget}; expected a TraceView, RasterView, MovieView, CouplingView or AlignedView model`,
  );
}

// The lanes of a TraceView (or of a CouplingView's left panel): their sources, their state entries
// with overviews, and the answer to window requests — each lane sliced beside its data, newest
// request wins.
import type { ErrorReply, SupersededReply } from "../../../contract/common.js";
import {
  MAX_WINDOW_PIXELS,
  type LaneSlice,
  type LaneSliceHeader,
  type TraceLane,
  type WindowReply,
  type WindowRequest,
} from "../../../contract/trace.js";
import type { TimeAxis } from "../resampling/time-axis.js";
import { Supersession, yieldToEventLoop } from "../supersession.js";
import { ArrayLaneSource, EventLaneSource, type LaneSource } from "./lane-source.js";

/** A lane as a caller describes it: a ready source, a sampled array (with `rate` or `timestamps`),
 *  or event times. */
export interface LaneInput {
  id?: string;
  label: string;
  unit?: string;
  color?: string;
  source?: LaneSource;
  values?: ArrayLike<number>;
  rate?: number;
  /** Time of values[0] (s) with `rate`; default 0. */
  start?: number;
  timestamps?: ArrayLike<number>;
  events?: ArrayLike<number>;
  /** Set when the lane is a region of interest's trace. */
  roiId?: number;
}

export const LANE_COLORS = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#9467bd",
  "#ff7f0e",
  "#8c564b",
  "#e377c2",
  "#17becf",
];

export const DEFAULT_OVERVIEW_PIXELS = 2000;

export function laneSourceOf(input: LaneInput): LaneSource {
  if (input.source) return input.source;
  if (input.events)
    return new EventLaneSource(
      input.events,
      input.label.toLowerCase().includes("spike") ? "spikes" : "events",
    );
  if (input.values) {
    let axis: TimeAxis;
    if (input.timestamps) axis = { kind: "timestamps", times: input.timestamps };
    else if (input.rate !== undefined)
      axis = { kind: "rate", start: input.start ?? 0, rate: input.rate };
    else
      throw new TypeError(`lane '${input.label}': values need a 'rate' (Hz) or 'timestamps' (s)`);
    return new ArrayLaneSource(input.values, axis);
  }
  throw new TypeError(
    `lane '${input.label}': give 'values' (with rate or timestamps), 'events', or a 'source'`,
  );
}

function union(sources: LaneSource[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of sources) {
    if (s.sampleCount === 0) continue;
    lo = Math.min(lo, s.extent[0]);
    hi = Math.max(hi, s.extent[1]);
  }
  if (!Number.isFinite(lo)) return [0, 1];
  return hi > lo ? [lo, hi] : [lo - 0.5, lo + 0.5];
}

function header(s: LaneSlice): LaneSliceHeader {
  return {
    laneId: s.laneId,
    kind: s.kind,
    count: s.count,
    sourceCount: s.sourceCount,
    decimated: s.decimated,
    t0: s.t0,
    t1: s.t1,
  };
}

export type WindowAnswer = {
  content: WindowReply | SupersededReply | ErrorReply;
  buffers: ArrayBufferView[];
};

export class LaneSet {
  readonly sources = new Map<string, LaneSource>();
  private readonly supersession = new Supersession();

  /** Builds the lanes' state entries (with overviews over the union of their extents). */
  async build(
    inputs: LaneInput[],
    overviewPixels: number,
  ): Promise<{ lanes: TraceLane[]; fullRange: [number, number] }> {
    const entries = inputs.map((input, k) => ({
      input,
      id: input.id ?? `lane${k}`,
      source: laneSourceOf(input),
    }));
    const ids = new Set<string>();
    for (const e of entries) {
      if (ids.has(e.id))
        throw new TypeError(`trace lanes: lane id '${e.id}' is used twice; ids must be unique`);
      ids.add(e.id);
    }
    const fullRange = union(entries.map((e) => e.source));
    const lanes: TraceLane[] = [];
    this.sources.clear();
    for (const [k, e] of entries.entries()) {
      this.sources.set(e.id, e.source);
      const overview = await e.source.slice(e.id, fullRange[0], fullRange[1], overviewPixels);
      lanes.push({
        id: e.id,
        kind: e.source.kind,
        label: e.input.label,
        unit: e.input.unit ?? "",
        color: e.input.color ?? LANE_COLORS[k % LANE_COLORS.length]!,
        extent: e.source.extent,
        sampleCount: e.source.sampleCount,
        rate: e.source.rate,
        overview,
        roiId: e.input.roiId ?? null,
        messages: [...e.source.messages],
      });
    }
    return { lanes, fullRange };
  }

  /** Slices of every lane (or the listed ones) for [t0, t1] at `pixels`. */
  async slices(t0: number, t1: number, pixels: number, laneIds?: string[]): Promise<LaneSlice[]> {
    const out: LaneSlice[] = [];
    for (const id of laneIds ?? [...this.sources.keys()])
      out.push(await this.sources.get(id)!.slice(id, t0, t1, pixels));
    return out;
  }

  /** Slices of every lane over [t0, t1] at `pixels`, keyed by lane id (what a figure of the view shows). */
  async slicesByLane(
    [t0, t1]: readonly [number, number],
    pixels: number,
  ): Promise<Record<string, LaneSlice>> {
    const out: Record<string, LaneSlice> = {};
    if (!(t1 > t0)) return out;
    for (const s of await this.slices(t0, t1, pixels)) out[s.laneId] = s;
    return out;
  }

  /** Answers a window request; a newer request arriving meanwhile makes this one answer "superseded". */
  async answer(request: unknown): Promise<WindowAnswer> {
    const req = request as Partial<WindowRequest>;
    const requestId = typeof req?.requestId === "number" ? req.requestId : -1;
    const problem = checkWindowRequest(req, [...this.sources.keys()]);
    if (problem)
      return {
        content: { type: "error", requestType: "window", requestId, message: problem },
        buffers: [],
      };
    const { t0, t1 } = req as WindowRequest;
    const pixels = Math.floor(req.pixels!);
    const ticket = this.supersession.begin(requestId);
    const headers: LaneSliceHeader[] = [];
    const buffers: ArrayBufferView[] = [];
    // Give newer requests that are already queued a chance to supersede this one before working.
    await yieldToEventLoop();
    for (const id of req.lanes ?? [...this.sources.keys()]) {
      if (ticket.supersededBy !== undefined) break;
      try {
        const s = await this.sources.get(id)!.slice(id, t0, t1, pixels);
        headers.push(header(s));
        buffers.push(s.data);
      } catch (e) {
        return {
          content: {
            type: "error",
            requestType: "window",
            requestId,
            message: `lane '${id}': ${(e as Error).message}`,
          },
          buffers: [],
        };
      }
      await yieldToEventLoop();
    }
    if (ticket.supersededBy !== undefined) {
      return {
        content: {
          type: "superseded",
          requestType: "window",
          requestId,
          supersededBy: ticket.supersededBy,
        },
        buffers: [],
      };
    }
    return { content: { type: "window", requestId, t0, t1, pixels, lanes: headers }, buffers };
  }
}

/** Why a window request cannot be answered, or undefined when it is fine. */
export function checkWindowRequest(
  req: Partial<WindowRequest> | null | undefined,
  laneIds: string[],
): string | undefined {
  if (!req || req.type !== "window")
    return `expected a request of type "window", got ${JSON.stringify(req?.type)}`;
  if (typeof req.requestId !== "number" || !Number.isFinite(req.requestId))
    return "requestId: expected a number";
  if (
    typeof req.t0 !== "number" ||
    typeof req.t1 !== "number" ||
    !Number.isFinite(req.t0) ||
    !Number.isFinite(req.t1) ||
    !(req.t1 > req.t0)
  ) {
    return `t0, t1: expected finite seconds with t1 > t0, got ${JSON.stringify([req.t0, req.t1])}`;
  }
  if (typeof req.pixels !== "number" || !(req.pixels >= 1 && req.pixels <= MAX_WINDOW_PIXELS))
    return `pixels: expected 1 … ${MAX_WINDOW_PIXELS}, got ${JSON.stringify(req.pixels)}`;
  if (req.lanes !== undefined) {
    if (!Array.isArray(req.lanes)) return "lanes: expected a list of lane ids";
    const unknown = req.lanes.filter((id) => !laneIds.includes(id));
    if (unknown.length)
      return `lanes: unknown lane id(s) ${unknown.join(", ")}; this view has ${laneIds.join(", ")}`;
  }
  return undefined;
}

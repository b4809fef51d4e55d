// Linked time: one TimeLink model holds a visible window and a cursor (a time point) that every
// member view shares. Members refer to it ipywidgets style (`timeLink: "IPY_MODEL_<id>"`); the
// browser views sync through the link model itself, so a saved page with no kernel still moves
// every member together, and the kernel's TimeLinkModel copies the same values into the members'
// own state (TraceView `xRange`, RasterView `visibleRange`, MovieView `frame`, each `cursor`).
import type { BaseState, WidgetRef } from "./common.js";
import { asFloat64 } from "./typed-arrays.js";

/** The link's model and view class names. Not a figure-drawing view, so not in WIDGET_NAMES: its
 *  view is a one-line readout of the window and cursor. */
export const TIME_LINK_NAMES = { modelName: "TimeLinkModel", viewName: "TimeLinkView" } as const;

export interface TimeLinkState extends BaseState {
  /** The shared visible window (s); null until a member or the kernel sets one. Synced. */
  window: [number, number] | null;
  /** The shared cursor (s); null when none is shown. Synced. */
  cursor: number | null;
  /** The member views, in the order they were linked. */
  members: WidgetRef[];
}

/** Keys every member view's state has (default: not linked, no cursor). */
export interface TimeLinkMemberState {
  /** The TimeLink this view follows, or null. */
  timeLink: WidgetRef | null;
  /** The cursor drawn in this view (s), or null: a copy of the link's, for figures and pages. */
  cursor: number | null;
}

/** Frame times of a movie: regular (`startTime + i / rate`) or explicit (Float64 per frame). */
export interface FrameClock {
  frameCount: number;
  startTime: number;
  rate: number | null;
  frameTimes: ArrayBufferView | null;
}

/** Time of frame `i`. */
export function frameTime(clock: FrameClock, i: number): number {
  if (clock.frameTimes && clock.frameTimes.byteLength >= 8 * clock.frameCount)
    return asFloat64(clock.frameTimes, 0, clock.frameCount)[i]!;
  return clock.startTime + (clock.rate ? i / clock.rate : i);
}

/** The frame on screen at time `t`: the last frame whose time is ≤ t, or -1 when `t` is before the
 *  first frame or later than one frame period after the last (the movie does not cover `t`). */
export function frameAtTime(clock: FrameClock, t: number): number {
  const n = clock.frameCount;
  if (n === 0 || !Number.isFinite(t)) return -1;
  let lo = 0,
    hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (frameTime(clock, mid) <= t) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  if (i < 0) return -1;
  const last = frameTime(clock, n - 1);
  const period = n > 1 ? (last - frameTime(clock, 0)) / (n - 1) : clock.rate ? 1 / clock.rate : 0;
  if (i === n - 1 && t > last + period) return -1;
  return i;
}

/** The sentence a member shows when the cursor lies outside its data ([t0, t1]). */
export function cursorOutsideNote(cursor: number, extent: [number, number]): string {
  return `no data at the cursor (${cursor.toPrecision(6)} s): this view covers ${extent[0].toPrecision(6)}–${extent[1].toPrecision(6)} s`;
}

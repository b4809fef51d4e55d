// RecordingView: one linked layout for a recording (the DANDI:000048 layout) — the movie with the
// cell outlined, raw and filtered voltage with spike ticks, ΔF/F with inferred spikes and the
// isolated AP-count events, the spike raster — joined by one time link, plus an event panel and
// navigation (next/previous spike or event). The member views are ordinary TraceView, MovieView and
// RasterView models this state refers to; the dashboard itself holds what navigation needs.
import type { BaseState, WidgetRef } from "./common.js";
import type { TimeLinkMemberState } from "./time-link.js";
import { asFloat64, typedView } from "./typed-arrays.js";

/** The panels of a recording, top to bottom. */
export const RECORDING_PANELS = ["movie", "voltage", "dff", "raster"] as const;
export type RecordingPanel = (typeof RECORDING_PANELS)[number];

export interface RecordingState extends BaseState, TimeLinkMemberState {
  /** The member view of each panel, or null when the file lacks what it shows. */
  panels: Record<RecordingPanel, WidgetRef | null>;
  /** One sentence per panel left out: what the file is missing. */
  missing: string[];
  /** Float64 spike times (s), sorted: what next/previous spike steps through. */
  spikeTimes: ArrayBufferView;
  /** Where the spikes come from: the file's /units spike times, or our detection on the voltage. */
  spikeSource: string;
  /** Isolated AP-count events, by onset time. Float64 onsets (s). */
  eventTimes: ArrayBufferView;
  /** Float64 time of each event's last spike (s). */
  eventEnds: ArrayBufferView;
  /** Int32 APs per event. */
  eventApCounts: ArrayBufferView;
  /** Float64 peak ΔF/F per event (NaN without ΔF/F). */
  eventPeakDff: ArrayBufferView;
  /** Float64 rise / decay time constants (s) of each event's transient; NaN where not fitted. */
  eventRise: ArrayBufferView;
  eventDecay: ArrayBufferView;
  /** Uint8 per event: 1 where τ rise is at least one ΔF/F frame interval, 0 where the rise is
   *  faster than the frames can resolve (shown as "< 1 frame") or not fitted. */
  eventRiseResolved: ArrayBufferView;
  /** The ΔF/F series' frame interval (s); null without ΔF/F. */
  frameInterval: number | null;
  /** Seconds shown around an event when zooming to it: [before onset, after last spike]. */
  eventWindow: [number, number];
  /** The indicator whose windows define isolated events ("GCaMP6s" / "GCaMP6f"). */
  indicator: string;
}

export interface RecordingEvent {
  index: number;
  time: number;
  end: number;
  apCount: number;
  peakDff: number;
  rise: number;
  decay: number;
  /** τ rise is at least one frame interval (riseResolved in analysis/coupling/rise-decay.ts). */
  riseResolved: boolean;
}

/** The events of a state as objects. */
export function recordingEvents(s: RecordingState): RecordingEvent[] {
  const times = asFloat64(s.eventTimes);
  const ends = asFloat64(s.eventEnds);
  const counts = typedView(s.eventApCounts, "int32");
  const peak = asFloat64(s.eventPeakDff);
  const rise = asFloat64(s.eventRise);
  const decay = asFloat64(s.eventDecay);
  const resolved = typedView(s.eventRiseResolved, "uint8");
  return Array.from(times, (time, index) => ({
    index,
    time,
    end: ends[index]!,
    apCount: counts[index]!,
    peakDff: peak[index]!,
    rise: rise[index]!,
    decay: decay[index]!,
    riseResolved: resolved[index] === 1,
  }));
}

/** Whether an event of `apCount` APs is in class `k` (3 means 3 or more; 0 means any). */
export function inApClass(apCount: number, k: number): boolean {
  return k === 0 || (k >= 3 ? apCount >= 3 : apCount === k);
}

/** The first time after `t` (direction 1) or before it (−1) in sorted `times`; null when none.
 *  Times within 1 µs of `t` count as "at" it, so stepping from a spike moves to the next one. */
export function stepTime(
  times: ArrayLike<number>,
  t: number | null,
  direction: 1 | -1,
): number | null {
  const eps = 1e-6;
  if (direction === 1) {
    for (let i = 0; i < times.length; i++) if (t === null || times[i]! > t + eps) return times[i]!;
    return null;
  }
  for (let i = times.length - 1; i >= 0; i--)
    if (t === null || times[i]! < t - eps) return times[i]!;
  return null;
}

/** The event under the cursor (onset − window[0] ≤ t ≤ last spike + window[1]; of several, the
 *  latest), else the nearest
 *  by onset; null when there are no events. */
export function eventAt(
  events: RecordingEvent[],
  t: number | null,
  window: [number, number],
): RecordingEvent | null {
  if (t === null || events.length === 0) return null;
  // windows of neighbouring events overlap: the latest onset whose window holds t is the one shown
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (t >= e.time - window[0] && t <= e.end + window[1]) return e;
  }
  let best = events[0]!;
  for (const e of events) if (Math.abs(e.time - t) < Math.abs(best.time - t)) best = e;
  return best;
}

/** The window that shows an event: [onset − before, last spike + after]. */
export function eventZoom(e: RecordingEvent, window: [number, number]): [number, number] {
  return [e.time - window[0], e.end + window[1]];
}

/** What navigation asks for: the next/previous spike, the next/previous event of an AP class
 *  (0 = any), a jump to a time (a clicked spike or event), or a zoom to the event at the cursor. */
export type RecordingNavigation =
  | { kind: "spike"; direction: 1 | -1 }
  | { kind: "event"; direction: 1 | -1; apClass: number }
  | { kind: "jump"; time: number }
  | { kind: "zoom" };

/** Where navigation puts the cursor and the window (null: nowhere to go). The window keeps its
 *  width and is centred on the new cursor when the cursor would leave it; a zoom shows the event's
 *  window. Shared by the browser view (buttons, keys, clicks) and the kernel model. */
export function navigationTarget(
  s: RecordingState,
  cursor: number | null,
  window: [number, number] | null,
  nav: RecordingNavigation,
): { cursor: number; window: [number, number] | null } | null {
  const events = recordingEvents(s);
  if (nav.kind === "zoom") {
    const e = eventAt(events, cursor, s.eventWindow);
    return e ? { cursor: e.time, window: eventZoom(e, s.eventWindow) } : null;
  }
  const t =
    nav.kind === "jump"
      ? nav.time
      : nav.kind === "spike"
        ? stepTime(asFloat64(s.spikeTimes), cursor, nav.direction)
        : stepTime(
            events.filter((e) => inApClass(e.apCount, nav.apClass)).map((e) => e.time),
            cursor,
            nav.direction,
          );
  if (t === null || !Number.isFinite(t)) return null;
  if (window && (t < window[0] || t > window[1])) {
    const half = (window[1] - window[0]) / 2;
    return { cursor: t, window: [t - half, t + half] };
  }
  return { cursor: t, window: null };
}

// The overview strip's event markers: one row per AP class (1, 2, 3+), so events of different
// classes never cover each other, and within a row events closer than a marker's width merged into
// one marker that shows how many it holds (a click on it zooms to them), so every marker on the
// strip is one distinct, clickable target. Shared by the live strip (widgets/) and the still
// figure (render/recording.ts), so both draw the same rows, labels, colours and merges.
import type { RecordingEvent } from "./recording.js";

/** The event rows, top to bottom: the AP class each holds (3 means 3 or more), its label and its
 *  marker colour. */
export const AP_CLASS_ROWS = [
  { apClass: 1, label: "1 AP", color: "#1f77b4" },
  { apClass: 2, label: "2 APs", color: "#ff7f0e" },
  { apClass: 3, label: "3+ APs", color: "#9467bd" },
] as const;

/** The row of an AP class: 0 for 1 AP, 1 for 2 APs, 2 for 3 or more. */
export function apClassRow(apCount: number): number {
  return Math.min(Math.max(apCount, 1), 3) - 1;
}

/** Marker colour of an event of `apCount` APs (1, 2, 3+). */
export function apClassColor(apCount: number): string {
  return AP_CLASS_ROWS[apClassRow(apCount)]!.color;
}

/** The AP-count class label of an event: "1 AP", "2 APs", "3+ APs". */
export function apClassLabel(apCount: number): string {
  return AP_CLASS_ROWS[apClassRow(apCount)]!.label;
}

export interface EventMarker {
  row: number;
  /** Marker centre (px): the mean of its events' positions. */
  x: number;
  /** Its events, by onset. */
  events: RecordingEvent[];
}

/** The markers of `events` at positions `x(e.time)`: per row, events whose centres are less than
 *  `minGap` px from the previous one in the same marker are merged into it. */
export function eventMarkers(
  events: RecordingEvent[],
  x: (t: number) => number,
  minGap: number,
): EventMarker[] {
  const markers: EventMarker[] = [];
  const open: (EventMarker & { lastX: number })[] = [];
  for (const e of [...events].sort((a, b) => a.time - b.time)) {
    const row = apClassRow(e.apCount);
    const px = x(e.time);
    const m = open[row];
    if (m && px - m.lastX < minGap) {
      m.events.push(e);
      m.lastX = px;
      continue;
    }
    const next = { row, x: px, events: [e], lastX: px };
    open[row] = next;
    markers.push(next);
  }
  return markers.map(({ row, events: es }) => ({
    row,
    x: es.reduce((a, e) => a + x(e.time), 0) / es.length,
    events: es,
  }));
}

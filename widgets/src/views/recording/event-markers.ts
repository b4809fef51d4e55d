// The overview strip's event markers: one row per AP class (1, 2, 3+), so events of different
// classes never cover each other, and within a row events closer than a marker's width merged into
// one marker that shows how many it holds (a click on it zooms to them), so every marker on the
// strip is one distinct, clickable target.
import type { RecordingEvent } from "../../../../contract/recording";

/** The row of an AP class: 0 for 1 AP, 1 for 2 APs, 2 for 3 or more. */
export function apClassRow(apCount: number): number {
  return Math.min(Math.max(apCount, 1), 3) - 1;
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

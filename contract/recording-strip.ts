// The recording dashboard's overview strip laid out once for the live strip (widgets/) and the
// still figure (render/recording.ts): the spike row, one event row per AP class
// (event-markers.ts), the marker sizes and the merge distance, all in px from the strip's top.
// Each draws the strip at its own width and left edge; the rows are the same.
import { asFloat64 } from "./typed-arrays.js";

export const RECORDING_STRIP = {
  /** Width of the row-label column (labels at its left edge, font size `labelSize`) left of the
   *  time axis. */
  labelWidth: 46,
  labelSize: 10,
  spikeY: 10,
  /** Half the height of a spike tick. */
  spikeTick: 7,
  /** The first event row's y; the next rows follow `rowStep` apart. */
  eventY: 28,
  rowStep: 14,
  height: 72,
  /** Radius of a single event's dot. */
  markerRadius: 5,
  /** Centres closer than this (px) in one row merge into one marker: a merged marker's box width. */
  mergeGap: 18,
  /** Height of a merged marker's box. */
  boxHeight: 12,
} as const;

/** The y of an event row (0: 1 AP, 1: 2 APs, 2: 3+ APs). */
export function eventRowY(row: number): number {
  return RECORDING_STRIP.eventY + row * RECORDING_STRIP.rowStep;
}

/** The strip's time span: first to last spike, a second around a lone spike, else [0, 1]. */
export function stripDomain(spikeTimes: ArrayBufferView): [number, number] {
  const spikes = asFloat64(spikeTimes);
  if (spikes.length === 0) return [0, 1];
  const t0 = spikes[0]!;
  const t1 = spikes[spikes.length - 1]!;
  return t1 > t0 ? [t0, t1] : [t0 - 0.5, t0 + 0.5];
}

/** The box of a merged marker centred at `x` in row `row`, and the baseline of its count. */
export function mergedMarkerBox(
  x: number,
  row: number,
): { x: number; y: number; width: number; height: number; countY: number } {
  const width = RECORDING_STRIP.mergeGap - 2;
  const height = RECORDING_STRIP.boxHeight;
  const y = eventRowY(row);
  return { x: x - width / 2, y: y - height / 2, width, height, countY: y + 3.5 };
}

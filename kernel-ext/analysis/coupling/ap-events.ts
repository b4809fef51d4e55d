// AP-count events: a spike starts an event, every spike within `groupSeconds` of that first spike
// joins it, the next spike after that starts the next event. An event is isolated when no other
// spike falls in [first − before, first) or (last, last + after].

import { requireMonotonic } from "../util/validate.js";
import { type EventWindows, type Indicator, resolveWindows } from "./indicator.js";

export interface ApEvent {
  /** Time of the first spike (s): the event onset. */
  time: number;
  /** Number of APs in the event. */
  apCount: number;
  /** Time of the last spike (s). */
  lastTime: number;
  /** Index of the first spike in the spike-time array. */
  firstSpike: number;
  isolated: boolean;
}

export function apEvents(
  spikeTimes: ArrayLike<number>,
  options: { indicator?: Indicator; windows?: Partial<EventWindows> } = {},
): ApEvent[] {
  requireMonotonic(spikeTimes, "spikeTimes");
  const w = resolveWindows(options);
  const events: ApEvent[] = [];
  const n = spikeTimes.length;
  let i = 0;
  while (i < n) {
    const first = spikeTimes[i];
    let j = i;
    while (j + 1 < n && spikeTimes[j + 1] - first <= w.groupSeconds) j++;
    const last = spikeTimes[j];
    const prev = i > 0 ? spikeTimes[i - 1] : -Infinity;
    const next = j + 1 < n ? spikeTimes[j + 1] : Infinity;
    const isolated =
      first - prev >= w.isolationBeforeSeconds && next - last >= w.isolationAfterSeconds;
    events.push({ time: first, apCount: j - i + 1, lastTime: last, firstSpike: i, isolated });
    i = j + 1;
  }
  return events;
}

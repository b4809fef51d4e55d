// When a view last asked the kernel for data (a movie frame, a window of a trace). Still figures
// wait for a quiet spell after it: redrawing a large figure (a 512×512 movie frame as a PNG) holds
// the single-threaded kernel for a second, which would stall playback and panning that are live.
import { processGlobal } from "../process-global.js";

function activity(): { lastRequestAt: number } {
  return processGlobal("tsnwb.viewActivity", () => ({ lastRequestAt: -Infinity }));
}

/** Records that a view request arrived now. */
export function noteViewRequest(): void {
  activity().lastRequestAt = performance.now();
}

/** How long ago (ms) the last view request arrived; Infinity when none has. */
export function msSinceViewRequest(): number {
  return performance.now() - activity().lastRequestAt;
}

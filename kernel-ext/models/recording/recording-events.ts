// The isolated AP-count events of a recording with what the event panel shows: peak ΔF/F (Huang et
// al. 2021 windows of the indicator) and the rise/decay time constants of each event's transient,
// fitted on the ΔF/F around it (NaN where the fit fails or gives no positive time constants).
import {
  apEvents,
  eventWindows,
  fitRiseDecay,
  type Indicator,
} from "../../analysis/coupling/index.js";
import { medianSpacing } from "../../analysis/coupling/rise-decay.js";
import { peakDffAt } from "../../analysis/coupling/peak-dff.js";
import { lowerIndex } from "../../analysis/util/search.js";

export interface DffTrace {
  values: Float64Array;
  times: Float64Array;
}

export interface RecordingEvents {
  times: Float64Array;
  ends: Float64Array;
  apCounts: Int32Array;
  peakDff: Float64Array;
  rise: Float64Array;
  decay: Float64Array;
  /** 1 where τ rise is at least one frame interval of the ΔF/F (resolved), else 0. */
  riseResolved: Uint8Array;
  /** The ΔF/F series' frame interval (s), the rise criterion's unit; null without ΔF/F. */
  frameInterval: number | null;
}

/** Seconds of ΔF/F fitted after an event's onset: long enough for the indicator's decay. */
export function fitSeconds(indicator: Indicator): number {
  return indicator === "GCaMP6s" ? 2 : 1;
}

/** Seconds of baseline before the onset in a fit. */
const FIT_BASELINE_SECONDS = 0.2;

/** τ rise, τ decay of the transient after `onset` and whether τ rise exceeds one frame interval
 *  (fitRiseDecay's riseResolved); NaN twice when not fitted. */
function riseDecayAt(
  dff: DffTrace,
  onset: number,
  seconds: number,
  frameInterval: number,
): [number, number, boolean] {
  const a = lowerIndex(dff.times, onset - FIT_BASELINE_SECONDS);
  const b = lowerIndex(dff.times, onset + seconds);
  const t = dff.times.subarray(a, b);
  const y = dff.values.subarray(a, b);
  if (t.length < 8 || !y.every(Number.isFinite)) return [NaN, NaN, false];
  try {
    const fit = fitRiseDecay(t, y, { onset, frameInterval });
    const ok =
      fit.converged &&
      fit.amplitude > 0 &&
      fit.tauRise > 0 &&
      fit.tauDecay > 0 &&
      fit.tauRise < seconds &&
      fit.tauDecay < 10 * seconds;
    return ok ? [fit.tauRise, fit.tauDecay, fit.riseResolved] : [NaN, NaN, false];
  } catch {
    return [NaN, NaN, false];
  }
}

/** The isolated events of `spikes`; peaks and fits when there is ΔF/F. */
export function recordingEvents(
  spikes: Float64Array,
  indicator: Indicator,
  dff: DffTrace | null,
): RecordingEvents {
  const isolated = apEvents(spikes, { indicator }).filter((e) => e.isolated);
  const times = Float64Array.from(isolated, (e) => e.time);
  const n = times.length;
  const rise = new Float64Array(n).fill(NaN);
  const decay = new Float64Array(n).fill(NaN);
  const riseResolved = new Uint8Array(n);
  let peakDff = new Float64Array(n).fill(NaN);
  const frameInterval = dff ? medianSpacing(dff.times) : NaN;
  if (dff) {
    peakDff = peakDffAt(dff.values, dff.times, times, { windows: eventWindows(indicator) });
    isolated.forEach((e, i) => {
      const [r, d, resolved] = riseDecayAt(dff, e.time, fitSeconds(indicator), frameInterval);
      [rise[i], decay[i], riseResolved[i]] = [r, d, resolved ? 1 : 0];
    });
  }
  return {
    times,
    ends: Float64Array.from(isolated, (e) => e.lastTime),
    apCounts: Int32Array.from(isolated, (e) => e.apCount),
    peakDff,
    rise,
    decay,
    riseResolved,
    frameInterval: Number.isFinite(frameInterval) ? frameInterval : null,
  };
}

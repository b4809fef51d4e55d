// The isolated AP-count events of a recording with what the event panel shows: peak ΔF/F (Huang et
// al. 2021 windows of the indicator) and the rise/decay time constants of each event's transient,
// fitted on the ΔF/F around it (NaN where the fit fails or gives no positive time constants).
import {
  apEvents,
  eventWindows,
  fitRiseDecay,
  type Indicator,
} from "../../analysis/coupling/index.js";
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
}

/** Seconds of ΔF/F fitted after an event's onset: long enough for the indicator's decay. */
export function fitSeconds(indicator: Indicator): number {
  return indicator === "GCaMP6s" ? 2 : 1;
}

/** Seconds of baseline before the onset in a fit. */
const FIT_BASELINE_SECONDS = 0.2;

/** τ rise and τ decay of the transient after `onset`, or NaN twice. */
function riseDecayAt(dff: DffTrace, onset: number, seconds: number): [number, number] {
  const a = lowerIndex(dff.times, onset - FIT_BASELINE_SECONDS);
  const b = lowerIndex(dff.times, onset + seconds);
  const t = dff.times.subarray(a, b);
  const y = dff.values.subarray(a, b);
  if (t.length < 8 || !y.every(Number.isFinite)) return [NaN, NaN];
  try {
    const fit = fitRiseDecay(t, y, { onset });
    const ok =
      fit.converged &&
      fit.amplitude > 0 &&
      fit.tauRise > 0 &&
      fit.tauDecay > 0 &&
      fit.tauRise < seconds &&
      fit.tauDecay < 10 * seconds;
    return ok ? [fit.tauRise, fit.tauDecay] : [NaN, NaN];
  } catch {
    return [NaN, NaN];
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
  let peakDff = new Float64Array(n).fill(NaN);
  if (dff) {
    peakDff = peakDffAt(dff.values, dff.times, times, { windows: eventWindows(indicator) });
    isolated.forEach((e, i) => {
      [rise[i], decay[i]] = riseDecayAt(dff, e.time, fitSeconds(indicator));
    });
  }
  return {
    times,
    ends: Float64Array.from(isolated, (e) => e.lastTime),
    apCounts: Int32Array.from(isolated, (e) => e.apCount),
    peakDff,
    rise,
    decay,
  };
}

// Reconstruction of a cell-attached voltage trace from real spike times. The ground truth keeps
// only the spike times (and, for the Chen et al. 2013 cells, the mean recorded AP waveform), so the
// trace is synthesised: one AP waveform per real spike (sub-sample placement), slightly varying
// amplitudes with the attenuation seen within bursts, white + correlated noise and a slow baseline
// drift. Amplitudes keep every AP well above noise + drift so that a plain threshold detector
// recovers the real spike times.
import { Random } from "./prng.js";

export interface VoltageParameters {
  /** Sampling rate (Hz). */
  rate: number;
  /** AP peak above baseline (V), before per-spike variation. */
  amplitude: number;
  /** Standard deviation of the white noise (V). */
  whiteNoise: number;
  /** Standard deviation of the correlated (1 ms) noise (V). */
  correlatedNoise: number;
  /** Peak amplitude of the slow drift (V). */
  drift: number;
}

export interface ReconstructedVoltage {
  /** Volts, one sample per 1/rate s from t = 0. */
  volts: Float64Array;
  params: VoltageParameters;
  /** How the AP waveform was obtained, for the description. */
  waveformSource: string;
}

/** Half-width of the AP waveform kept around its peak (s). */
const WAVEFORM_HALF_WIDTH = 0.003;

/**
 * The recorded mean AP (10 kHz, peak at the centre) cut to ±3 ms around its peak, baseline
 * removed, tapered at the ends and scaled to a peak of 1. Returns samples at `rate`.
 */
export function waveformFromTemplate(
  template: Float64Array,
  templateRate: number,
  rate: number,
): Float64Array {
  let peak = 0;
  for (let i = 1; i < template.length; i++) if (template[i] > template[peak]) peak = i;
  const half = Math.round(WAVEFORM_HALF_WIDTH * templateRate);
  const lo = Math.max(0, peak - half);
  const hi = Math.min(template.length - 1, peak + half);
  // Baseline: the median of the template outside the kept window (its far tails).
  const tails = [
    ...template.subarray(0, Math.max(1, lo - half)),
    ...template.subarray(Math.min(template.length - 1, hi + half)),
  ].sort((a, b) => a - b);
  const base = tails[Math.floor(tails.length / 2)];
  const n = Math.round(((hi - lo) / templateRate) * rate) + 1;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const x = lo + (k * templateRate) / rate;
    const i = Math.min(Math.floor(x), template.length - 2);
    const f = x - i;
    const v = template[i] * (1 - f) + template[i + 1] * f - base;
    out[k] = v * taper(k, n);
  }
  return normalisePeak(out);
}

/**
 * A loose-seal cell-attached AP as recorded in current clamp: a sharp positive peak (≈0.3 ms)
 * followed by a smaller, slower undershoot (≈1 ms), as in the Chen et al. recordings.
 */
export function syntheticWaveform(rate: number): Float64Array {
  const n = Math.round(2 * WAVEFORM_HALF_WIDTH * rate) + 1;
  const c = (n - 1) / 2;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = (k - c) / rate; // s, 0 at the peak
    const peak = Math.exp(-0.5 * (t / 0.00018) ** 2);
    const under = -0.28 * Math.exp(-0.5 * ((t - 0.0007) / 0.0005) ** 2);
    out[k] = (peak + under) * taper(k, n);
  }
  return normalisePeak(out);
}

function taper(k: number, n: number): number {
  const edge = Math.max(1, Math.floor(n / 6));
  if (k < edge) return 0.5 - 0.5 * Math.cos((Math.PI * k) / edge);
  if (k > n - 1 - edge) return 0.5 - 0.5 * Math.cos((Math.PI * (n - 1 - k)) / edge);
  return 1;
}

function normalisePeak(w: Float64Array): Float64Array {
  let m = 0;
  for (const v of w) m = Math.max(m, v);
  for (let i = 0; i < w.length; i++) w[i] /= m;
  return w;
}

function peakIndex(w: Float64Array): number {
  let p = 0;
  for (let i = 1; i < w.length; i++) if (w[i] > w[p]) p = i;
  return p;
}

/** Default parameters, varied per cell by the seeded generator. */
export function voltageParameters(rng: Random, rate: number): VoltageParameters {
  return {
    rate,
    amplitude: 0.0007 + 0.0005 * rng.uniform(), // 0.7–1.2 mV
    whiteNoise: 0.000012 + 0.000006 * rng.uniform(), // 12–18 µV
    correlatedNoise: 0.000008,
    drift: 0.00006 + 0.00004 * rng.uniform(), // 60–100 µV
  };
}

/**
 * Synthesises `duration` seconds of cell-attached voltage with an AP at each of `spikeTimes`
 * (seconds; spikes outside [0, duration) are left out).
 */
export function reconstructVoltage(
  spikeTimes: Float64Array,
  duration: number,
  waveform: Float64Array,
  params: VoltageParameters,
  rng: Random,
): Float64Array {
  const { rate } = params;
  const n = Math.max(1, Math.round(duration * rate));
  const v = new Float64Array(n);
  // Slow drift: three sinusoids (periods 4–40 s) with random phases, summing to at most `drift`.
  const parts = [0.5, 0.3, 0.2].map((w) => ({
    w,
    period: 4 + 36 * rng.uniform(),
    phase: 2 * Math.PI * rng.uniform(),
  }));
  // Correlated noise: AR(1) with a 1 ms time constant, scaled to its stationary sd.
  const a = Math.exp(-1 / (0.001 * rate));
  const arScale = params.correlatedNoise * Math.sqrt(1 - a * a);
  let ar = params.correlatedNoise * rng.normal();
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    let drift = 0;
    for (const p of parts) drift += p.w * Math.sin((2 * Math.PI * t) / p.period + p.phase);
    ar = a * ar + arScale * rng.normal();
    v[i] = params.drift * drift + ar + params.whiteNoise * rng.normal();
  }
  const p0 = peakIndex(waveform);
  let previous = -Infinity;
  for (const ts of spikeTimes) {
    if (!(ts >= 0 && ts < duration)) continue;
    // Within bursts the AP shrinks (up to 20 % at a 2 ms interval), plus 4 % jitter.
    const isi = ts - previous;
    previous = ts;
    const amp =
      params.amplitude * (1 - 0.2 * Math.exp(-(isi - 0.002) / 0.01)) * (1 + 0.04 * rng.normal());
    // Place the waveform's peak exactly at ts: sample k of the trace sees waveform position
    // (k - ts·rate) + p0, interpolated linearly.
    const centre = ts * rate;
    const k0 = Math.max(0, Math.ceil(centre - p0));
    const k1 = Math.min(n - 1, Math.floor(centre - p0 + waveform.length - 1));
    for (let k = k0; k <= k1; k++) {
      const x = k - centre + p0;
      const j = Math.floor(x);
      const f = x - j;
      const w = j + 1 < waveform.length ? waveform[j] * (1 - f) + waveform[j + 1] * f : waveform[j];
      v[k] += amp * w;
    }
  }
  return v;
}

/** Volts → int16 counts of `lsb` volts (clamped to the int16 range). */
export function toCounts(volts: Float64Array, lsb: number): Int16Array {
  const out = new Int16Array(volts.length);
  for (let i = 0; i < volts.length; i++)
    out[i] = Math.max(-32768, Math.min(32767, Math.round(volts[i] / lsb)));
  return out;
}

// Threshold spike detection for cell-attached (or extracellular) voltage: band-pass, robust noise
// estimate, k·σ threshold with a refractory period, alignment to the peak, waveform snippets.

import { butter } from "../filters/butter.js";
import { sosfiltfilt } from "../filters/sosfiltfilt.js";
import { robustSigma } from "../stats/quantile.js";
import { requireFinite, requireFiniteArray, requirePositive } from "../util/validate.js";

export type Polarity = "negative" | "positive";

export interface DetectSpikesOptions {
  /** Sampling rate of `voltage` (Hz). */
  fs: number;
  /** Threshold in units of the robust noise σ (default 5). */
  threshold?: number;
  /** Spike sign: "auto" (default) picks the sign with the larger summed peak amplitude above threshold. */
  polarity?: "auto" | Polarity;
  /** Minimum interval between detected spikes (ms, default 1): within it only the largest peak counts. */
  refractoryMs?: number;
  /** Side-lobe suppression: a peak within ±sideLobeMs (default 5) of one more than 1/sideLobeRatio (default 0.5) times larger is dropped. */
  sideLobeMs?: number;
  sideLobeRatio?: number;
  /** Band-pass [low, high] (Hz) applied zero-phase before detection (4th-order Butterworth, default [250, 5000]); null = use the trace as is. */
  band?: readonly [number, number] | null;
  /** "peak" (default): the extremum within `peakWindowMs` after the crossing; "crossing": the first sample beyond threshold. */
  alignment?: "peak" | "crossing";
  /** How far after the crossing to look for the peak (ms, default 1). */
  peakWindowMs?: number;
  /** Snippet window around each spike [before, after] in ms (default [1, 2]); null = no snippets. */
  snippetMs?: readonly [number, number] | null;
  /** Time of sample 0 (s, default 0), added to `times`. */
  startTime?: number;
}

export interface DetectedSpikes {
  /** Sample index of each spike (aligned as requested). */
  indices: Int32Array;
  /** Spike times (s): startTime + index/fs. */
  times: Float64Array;
  /** Signed value of the (filtered) trace at each spike index. */
  amplitudes: Float64Array;
  polarity: Polarity;
  /** Robust σ = median(|x|)/0.6745 of the (filtered) trace. */
  noiseSigma: number;
  /** Absolute threshold used (signed, in trace units). */
  thresholdValue: number;
  /** Row-major snippets, one row of `snippetLength` samples per spike; samples outside the trace are NaN. */
  snippets: Float32Array;
  snippetLength: number;
  /** Sample offset of the spike within each snippet row. */
  snippetOffset: number;
  /** The trace detection ran on (band-passed when `band` is set). */
  filtered: Float64Array;
}

/**
 * Spike indices for one sign: every upward crossing of `level` by sign·x gives a candidate (its peak
 * within `peakWindow` samples, or the crossing itself); a candidate is kept only when no other
 * candidate within ±refractory samples has a larger peak (non-maximum suppression), and no candidate
 * within ±lobe.window samples is more than 1/lobe.ratio times larger — so the side lobes of one
 * large spike never count as extra spikes, while a real second spike of a burst (comparable size)
 * a few ms later still does.
 */
function crossings(
  x: Float64Array,
  sign: number,
  level: number,
  refractory: number,
  peakWindow: number,
  alignment: "peak" | "crossing",
  lobe: { window: number; ratio: number },
): Int32Array {
  const at: number[] = [];
  const peak: number[] = [];
  let i = 1;
  const n = x.length;
  if (sign * x[0] > level) {
    // A trace starting above threshold: skip to where it first drops below (no rising edge seen).
    while (i < n && sign * x[i] > level) i++;
  }
  for (; i < n; i++) {
    if (sign * x[i] > level && sign * x[i - 1] <= level) {
      let p = i;
      const end = Math.min(n, i + peakWindow + 1);
      for (let j = i + 1; j < end; j++) if (sign * x[j] > sign * x[p]) p = j;
      at.push(alignment === "peak" ? p : i);
      peak.push(sign * x[p]);
    }
  }
  const keep: number[] = [];
  for (let c = 0; c < at.length; c++) {
    let best = true;
    const reach = Math.max(refractory, lobe.window);
    for (let d = c - 1; d >= 0 && at[c] - at[d] <= reach && best; d--) {
      if (at[c] - at[d] <= refractory ? peak[d] >= peak[c] : peak[c] < lobe.ratio * peak[d])
        best = false;
    }
    for (let d = c + 1; d < at.length && at[d] - at[c] <= reach && best; d++) {
      if (at[d] - at[c] <= refractory ? peak[d] > peak[c] : peak[c] < lobe.ratio * peak[d])
        best = false;
    }
    if (best) keep.push(at[c]);
  }
  return Int32Array.from(keep);
}

/** Detects threshold-crossing spikes; see {@link DetectSpikesOptions} for defaults. */
export function detectSpikes(
  voltage: ArrayLike<number>,
  options: DetectSpikesOptions,
): DetectedSpikes {
  if (options == null) throw new TypeError("options: expected { fs, ... }");
  requirePositive(options.fs, "fs");
  requireFiniteArray(voltage, "voltage", 2);
  const fs = options.fs;
  const k = options.threshold ?? 5;
  requirePositive(k, "threshold");
  const refractoryMs = options.refractoryMs ?? 1;
  const sideLobeMs = options.sideLobeMs ?? 5;
  const sideLobeRatio = options.sideLobeRatio ?? 0.5;
  if (!(sideLobeMs >= 0))
    throw new RangeError(`sideLobeMs: expected a number ≥ 0, got ${sideLobeMs}`);
  if (!(sideLobeRatio >= 0 && sideLobeRatio <= 1))
    throw new RangeError(`sideLobeRatio: expected a number in [0, 1], got ${sideLobeRatio}`);
  if (!(refractoryMs >= 0))
    throw new RangeError(`refractoryMs: expected a number ≥ 0, got ${refractoryMs}`);
  const peakWindowMs = options.peakWindowMs ?? 1;
  if (!(peakWindowMs >= 0))
    throw new RangeError(`peakWindowMs: expected a number ≥ 0, got ${peakWindowMs}`);
  const alignment = options.alignment ?? "peak";
  if (alignment !== "peak" && alignment !== "crossing")
    throw new RangeError(`alignment: expected "peak" or "crossing", got ${String(alignment)}`);
  const polarityOpt = options.polarity ?? "auto";
  if (!["auto", "negative", "positive"].includes(polarityOpt))
    throw new RangeError(
      `polarity: expected "auto", "negative" or "positive", got ${String(polarityOpt)}`,
    );
  const startTime = options.startTime ?? 0;
  requireFinite(startTime, "startTime");
  const band = options.band === undefined ? ([250, 5000] as const) : options.band;
  let x: Float64Array;
  if (band === null) x = Float64Array.from(voltage);
  else {
    if (!Array.isArray(band) && !(band as unknown as ArrayLike<number>).length)
      throw new RangeError("band: expected [low, high] in Hz or null");
    x = sosfiltfilt(butter(4, band, { btype: "bandpass", fs }), voltage);
  }
  const sigma = robustSigma(x);
  if (!(sigma > 0))
    throw new RangeError(
      "voltage: the robust noise σ is 0 (more than half the samples are exactly 0 after filtering); cannot set a threshold",
    );
  const level = k * sigma;
  const refractory = Math.round((refractoryMs * fs) / 1000);
  const peakWindow = Math.round((peakWindowMs * fs) / 1000);
  const lobe = { window: Math.round((sideLobeMs * fs) / 1000), ratio: sideLobeRatio };
  let polarity: Polarity;
  let indices: Int32Array;
  if (polarityOpt === "auto") {
    // Compare the summed above-threshold peak magnitudes of each sign: the spike sign wins both on
    // count and on size, while a few large artefacts of the other sign do not.
    const neg = crossings(x, -1, level, refractory, peakWindow, "peak", lobe);
    const pos = crossings(x, 1, level, refractory, peakWindow, "peak", lobe);
    let sNeg = 0,
      sPos = 0;
    for (const i of neg) sNeg -= x[i];
    for (const i of pos) sPos += x[i];
    polarity = sNeg >= sPos ? "negative" : "positive";
    indices =
      alignment === "peak"
        ? polarity === "negative"
          ? neg
          : pos
        : crossings(
            x,
            polarity === "negative" ? -1 : 1,
            level,
            refractory,
            peakWindow,
            alignment,
            lobe,
          );
  } else {
    polarity = polarityOpt;
    indices = crossings(
      x,
      polarity === "negative" ? -1 : 1,
      level,
      refractory,
      peakWindow,
      alignment,
      lobe,
    );
  }
  const times = new Float64Array(indices.length);
  const amplitudes = new Float64Array(indices.length);
  for (let s = 0; s < indices.length; s++) {
    times[s] = startTime + indices[s] / fs;
    amplitudes[s] = x[indices[s]];
  }
  const snippetMs = options.snippetMs === undefined ? ([1, 2] as const) : options.snippetMs;
  let snippetOffset = 0,
    snippetLength = 0;
  let snippets = new Float32Array(0);
  if (snippetMs !== null) {
    if (!(snippetMs[0] >= 0 && snippetMs[1] >= 0))
      throw new RangeError(
        `snippetMs: expected [before, after] ≥ 0 in ms, got ${JSON.stringify(snippetMs)}`,
      );
    snippetOffset = Math.round((snippetMs[0] * fs) / 1000);
    snippetLength = snippetOffset + Math.round((snippetMs[1] * fs) / 1000) + 1;
    snippets = new Float32Array(indices.length * snippetLength).fill(NaN);
    for (let s = 0; s < indices.length; s++) {
      const from = indices[s] - snippetOffset;
      for (let j = 0; j < snippetLength; j++) {
        const i = from + j;
        if (i >= 0 && i < x.length) snippets[s * snippetLength + j] = x[i];
      }
    }
  }
  return {
    indices,
    times,
    amplitudes,
    polarity,
    noiseSigma: sigma,
    thresholdValue: polarity === "negative" ? -level : level,
    snippets,
    snippetLength,
    snippetOffset,
    filtered: x,
  };
}

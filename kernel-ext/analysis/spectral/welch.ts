// Power spectral density by Welch's method: average of periodograms of overlapping, detrended,
// windowed segments (one-sided, density scaling), like scipy.signal.welch with its defaults.

import { requireFiniteArray, requireInteger, requirePositive } from "../util/validate.js";
import { fftInPlace } from "./fft.js";

export interface WelchOptions {
  /** Sampling rate (default 1, so frequencies are in cycles/sample). */
  fs?: number;
  /** Segment length (default 256, or the signal length when shorter). */
  nperseg?: number;
  /** Overlap between segments (default ⌊nperseg/2⌋). */
  noverlap?: number;
  /** Per-segment detrending: "constant" (subtract the mean, default) or "none". */
  detrend?: "constant" | "none";
}

/** Periodic Hann window (the spectral-analysis convention: w_n = ½ − ½cos(2πn/N)). */
export function hannPeriodic(n: number): Float64Array {
  const w = new Float64Array(n);
  if (n === 1) {
    w[0] = 1;
    return w;
  }
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}

/** Welch PSD estimate: frequencies and one-sided power density (units²/Hz). */
export function welch(
  x: ArrayLike<number>,
  options: WelchOptions = {},
): { frequencies: Float64Array; psd: Float64Array } {
  requireFiniteArray(x, "x");
  const fs = options.fs ?? 1;
  requirePositive(fs, "fs");
  const n = x.length;
  const nperseg = Math.min(options.nperseg ?? 256, n);
  requireInteger(nperseg, "nperseg", 1);
  const noverlap = options.noverlap ?? Math.floor(nperseg / 2);
  requireInteger(noverlap, "noverlap", 0, nperseg - 1);
  const step = nperseg - noverlap;
  const nSeg = Math.floor((n - noverlap) / step);
  const win = hannPeriodic(nperseg);
  let wss = 0;
  for (let i = 0; i < nperseg; i++) wss += win[i] * win[i];
  const nFreq = Math.floor(nperseg / 2) + 1;
  const psd = new Float64Array(nFreq);
  const re = new Float64Array(nperseg),
    im = new Float64Array(nperseg);
  for (let s = 0; s < nSeg; s++) {
    const off = s * step;
    let m = 0;
    if ((options.detrend ?? "constant") === "constant") {
      for (let i = 0; i < nperseg; i++) m += x[off + i];
      m /= nperseg;
    }
    for (let i = 0; i < nperseg; i++) {
      re[i] = (x[off + i] - m) * win[i];
      im[i] = 0;
    }
    fftInPlace(re, im);
    for (let k = 0; k < nFreq; k++) psd[k] += re[k] * re[k] + im[k] * im[k];
  }
  const scale = 1 / (fs * wss * nSeg);
  for (let k = 0; k < nFreq; k++) {
    // One-sided: fold negative frequencies in, except DC and (for even lengths) Nyquist.
    const double = k > 0 && !(nperseg % 2 === 0 && k === nFreq - 1);
    psd[k] *= scale * (double ? 2 : 1);
  }
  const frequencies = Float64Array.from({ length: nFreq }, (_, k) => (k * fs) / nperseg);
  return { frequencies, psd };
}

// Bringing a trace to a model's frame rate, exactly as the training script does
// (scripts/spike_model/signal.py): within 5 % of the rate the frames are used as they are;
// otherwise the trace is box-averaged over round(fs / rate) frames (so downsampling does not
// alias) and linearly interpolated on the regular grid t0 + k / rate.

/** Mean frame rate (Hz) from first to last timestamp. */
export function meanFrameRate(times: ArrayLike<number>): number {
  return (times.length - 1) / (times[times.length - 1]! - times[0]!);
}

/** Centred moving average over w samples, [i − ⌊w/2⌋, i − ⌊w/2⌋ + w), shorter at the ends. */
export function movingAverage(y: Float64Array, w: number): Float64Array {
  const n = y.length;
  if (w <= 1) return Float64Array.from(y);
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i]! + y[i]!;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lo = Math.min(n, Math.max(0, i - (w >> 1)));
    const hi = Math.min(n, Math.max(0, i - (w >> 1) + w));
    out[i] = (cum[hi]! - cum[lo]!) / (hi - lo);
  }
  return out;
}

/** np.interp: linear interpolation of (x, y) at q (x increasing), clamped to the end values. */
export function interpolateAt(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  q: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(q.length);
  const n = x.length;
  let j = 0;
  for (let i = 0; i < q.length; i++) {
    const v = q[i]!;
    if (v <= x[0]!) {
      out[i] = y[0]!;
      continue;
    }
    if (v >= x[n - 1]!) {
      out[i] = y[n - 1]!;
      continue;
    }
    while (j > 0 && x[j]! > v) j--;
    while (x[j + 1]! < v) j++;
    const w = (v - x[j]!) / (x[j + 1]! - x[j]!);
    out[i] = y[j]! + w * (y[j + 1]! - y[j]!);
  }
  return out;
}

export interface ModelGrid {
  times: Float64Array;
  values: Float64Array;
  /** The rate the network sees: the model's when resampled, else the trace's own. */
  rate: number;
  resampled: boolean;
}

export function toModelGrid(times: Float64Array, values: Float64Array, rate: number): ModelGrid {
  const fs = meanFrameRate(times);
  if (Math.abs(fs - rate) / rate <= 0.05) return { times, values, rate: fs, resampled: false };
  const smooth = movingAverage(values, Math.max(1, Math.round(fs / rate)));
  const k = Math.floor((times[times.length - 1]! - times[0]!) * rate + 1e-9) + 1;
  const grid = new Float64Array(k);
  for (let i = 0; i < k; i++) grid[i] = times[0]! + i / rate;
  return { times: grid, values: interpolateAt(times, smooth, grid), rate, resampled: true };
}

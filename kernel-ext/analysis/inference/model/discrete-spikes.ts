// Discrete spike times from an inferred rate. The network predicts the ground truth smoothed by a
// Gaussian of σ frames, so one spike becomes a bump of height 1/(σ√(2π)) per frame. Each run of
// frames above a fifth of that height is one event; its spike count is the rounded integral of the
// rate over the run, and its spikes are placed where the run's cumulative rate crosses
// (j − ½)/n of its total (j = 1…n): one spike at the centre of mass of a single bump, several
// spread over a burst as its rate is.

/** Spike times (s) from spikes per frame `perFrame` at frame times `times`. */
export function discreteSpikes(
  perFrame: Float64Array,
  times: Float64Array,
  smoothingFrames: number,
): Float64Array {
  const threshold = 0.2 / (smoothingFrames * Math.sqrt(2 * Math.PI));
  const out: number[] = [];
  const n = perFrame.length;
  for (let i = 0; i < n; i++) {
    if (!(perFrame[i]! > threshold)) continue;
    let j = i;
    let total = 0;
    while (j < n && perFrame[j]! > threshold) total += perFrame[j++]!;
    const count = Math.round(total);
    // Cumulative rate at frame boundaries: frame k spans [k − ½, k + ½) in frame units.
    let cum = 0,
      k = i;
    for (let s = 1; s <= count; s++) {
      const target = ((s - 0.5) / count) * total;
      while (k < j - 1 && cum + perFrame[k]! < target) cum += perFrame[k++]!;
      const frac = perFrame[k]! > 0 ? (target - cum) / perFrame[k]! : 0.5;
      out.push(frameTime(times, k - 0.5 + Math.min(1, Math.max(0, frac))));
    }
    i = j - 1;
  }
  return Float64Array.from(out);
}

/** The time at a fractional frame index (linear between frames, extrapolated half a frame at the ends). */
function frameTime(times: Float64Array, f: number): number {
  const n = times.length;
  if (n === 1) return times[0]!;
  const i = Math.min(n - 2, Math.max(0, Math.floor(f)));
  return times[i]! + (f - i) * (times[i + 1]! - times[i]!);
}

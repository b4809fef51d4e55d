// Peri-stimulus time histogram: mean firing rate per row (Hz) in bins of `binSize` over [x0, x1]
// (a spike exactly at x1 counts in the last bin, so a recording's last spike is not lost).

/** Bins needed for [x0, x1) at `binSize`, capped so a tiny bin on a long recording stays drawable. */
export const MAX_BINS = 20_000;

export function psth(
  spikeTimes: Float64Array,
  rowCount: number,
  x0: number,
  x1: number,
  binSize: number,
): { start: number; binSize: number; rate: Float32Array } {
  if (!(binSize > 0) || !Number.isFinite(binSize))
    throw new RangeError(`PSTH: binSize must be a positive number of seconds, got ${binSize}`);
  if (!(x1 > x0)) throw new RangeError(`PSTH: need x1 > x0, got [${x0}, ${x1}]`);
  const bins = Math.ceil((x1 - x0) / binSize - 1e-9);
  if (bins > MAX_BINS)
    throw new RangeError(
      `PSTH: ${bins} bins of ${binSize} s over ${x1 - x0} s; at most ${MAX_BINS} (choose a bin ≥ ${(x1 - x0) / MAX_BINS} s)`,
    );
  const counts = new Float64Array(bins);
  for (const t of spikeTimes) {
    if (!(t >= x0 && t <= x1)) continue;
    const b = Math.min(bins - 1, Math.floor((t - x0) / binSize));
    counts[b]!++;
  }
  const rate = new Float32Array(bins);
  const norm = rowCount > 0 ? 1 / (rowCount * binSize) : 0;
  for (let b = 0; b < bins; b++) rate[b] = counts[b]! * norm;
  return { start: x0, binSize, rate };
}

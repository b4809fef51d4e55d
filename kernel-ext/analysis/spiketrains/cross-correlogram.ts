// Cross-correlogram: histogram of the lags t_b − t_a over all spike pairs with |lag| ≤ maxLag.
// Bins are centred on multiples of binSeconds (the zero-lag bin is centred on 0); for the
// auto-correlogram (same train twice) the zero-lag self pairs are excluded.

import { requireMonotonic, requirePositive } from "../util/validate.js";

export function crossCorrelogram(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: { binSeconds: number; maxLagSeconds: number },
): { lags: Float64Array; counts: Float64Array } {
  requireMonotonic(a, "a");
  requireMonotonic(b, "b");
  const { binSeconds, maxLagSeconds } = options;
  requirePositive(binSeconds, "binSeconds");
  requirePositive(maxLagSeconds, "maxLagSeconds");
  const half = Math.round(maxLagSeconds / binSeconds);
  const nBins = 2 * half + 1;
  const counts = new Float64Array(nBins);
  const lags = Float64Array.from({ length: nBins }, (_, k) => (k - half) * binSeconds);
  const auto = a === b;
  const lim = (half + 0.5) * binSeconds;
  let j0 = 0;
  for (let i = 0; i < a.length; i++) {
    const ta = a[i];
    while (j0 < b.length && b[j0] < ta - lim) j0++;
    for (let j = j0; j < b.length && b[j] < ta + lim; j++) {
      if (auto && i === j) continue;
      const k = Math.floor((b[j] - ta) / binSeconds + 0.5) + half;
      if (k >= 0 && k < nBins) counts[k]++;
    }
  }
  return { lags, counts };
}

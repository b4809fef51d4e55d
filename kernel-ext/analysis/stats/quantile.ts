// Order statistics on plain arrays.

/** Median of the values (copies; NaN-free input expected). */
export function median(x: ArrayLike<number>): number {
  return quantile(x, 0.5);
}

/** Quantile with linear interpolation between order statistics (numpy's default "linear" method). */
export function quantile(x: ArrayLike<number>, q: number): number {
  if (x.length === 0) throw new RangeError("quantile: empty input");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q: expected a value in [0, 1], got ${q}`);
  const s = Float64Array.from(x).sort();
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Robust standard deviation of zero-centred noise: median(|x|)/0.6745 (Quiroga et al. 2004). */
export function robustSigma(x: ArrayLike<number>): number {
  const a = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) a[i] = Math.abs(x[i]);
  return median(a) / 0.6745;
}

/** Pearson correlation; NaN when either input is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length)
    throw new RangeError(`pearson: inputs differ in length (${a.length} vs ${b.length})`);
  const n = a.length;
  let ma = 0,
    mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma,
      db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

// Ranges of images for colour scaling: finite min/max, and a percentile contrast that ignores a
// few hot pixels.

export function finiteRange(values: ArrayLike<number>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : undefined;
}

/** [q0, q1] quantiles (0…1, linear interpolation like numpy's default) of the finite values. */
export function quantileRange(
  values: ArrayLike<number>,
  q0: number,
  q1: number,
): [number, number] | undefined {
  // A typed-array sort is numeric and puts NaN last; ±Infinity are cut off the ends.
  const sorted = Float64Array.from(values).sort();
  let a = 0;
  let b = sorted.length;
  while (b > 0 && !(sorted[b - 1]! < Infinity)) b--;
  while (a < b && sorted[a] === -Infinity) a++;
  const finite = sorted.subarray(a, b);
  if (finite.length === 0) return undefined;
  const at = (q: number) => {
    const pos = q * (finite.length - 1);
    const i = Math.floor(pos);
    const f = pos - i;
    return i + 1 < finite.length ? finite[i]! * (1 - f) + finite[i + 1]! * f : finite[i]!;
  };
  return [at(q0), at(q1)];
}

/** Default contrast: 0.5th–99.5th percentile, widened when flat. */
export function defaultContrast(values: ArrayLike<number>): [number, number] {
  const q = quantileRange(values, 0.005, 0.995);
  if (!q) return [0, 1];
  return q[1] > q[0] ? q : [q[0] - 0.5, q[0] + 0.5];
}

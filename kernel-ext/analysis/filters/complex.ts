// Minimal complex arithmetic for filter design (poles and zeros). Values are [re, im] tuples.

export type Complex = readonly [number, number];

export const cadd = (a: Complex, b: Complex): Complex => [a[0] + b[0], a[1] + b[1]];
export const csub = (a: Complex, b: Complex): Complex => [a[0] - b[0], a[1] - b[1]];
export const cmul = (a: Complex, b: Complex): Complex => [
  a[0] * b[0] - a[1] * b[1],
  a[0] * b[1] + a[1] * b[0],
];
export const cscale = (a: Complex, s: number): Complex => [a[0] * s, a[1] * s];
export const cneg = (a: Complex): Complex => [-a[0], -a[1]];
export const cconj = (a: Complex): Complex => [a[0], -a[1]];
export const cabs = (a: Complex): number => Math.hypot(a[0], a[1]);

export function cdiv(a: Complex, b: Complex): Complex {
  // Smith's algorithm: avoids overflow/underflow of |b|^2.
  if (Math.abs(b[0]) >= Math.abs(b[1])) {
    const r = b[1] / b[0];
    const d = b[0] + b[1] * r;
    return [(a[0] + a[1] * r) / d, (a[1] - a[0] * r) / d];
  }
  const r = b[0] / b[1];
  const d = b[0] * r + b[1];
  return [(a[0] * r + a[1]) / d, (a[1] * r - a[0]) / d];
}

/** Principal square root (branch cut on the negative real axis, like numpy). */
export function csqrt(a: Complex): Complex {
  const [x, y] = a;
  if (x === 0 && y === 0) return [0, y];
  const m = Math.hypot(x, y);
  if (x >= 0) {
    const t = Math.sqrt((m + x) / 2);
    return [t, y / (2 * t)];
  }
  const t = Math.sqrt((m - x) / 2);
  return [Math.abs(y) / (2 * t), y >= 0 ? t : -t];
}

/** Coefficients of prod (z - r_i), highest power first; the imaginary parts cancel for conjugate sets. */
export function polyFromRoots(roots: readonly Complex[]): Complex[] {
  let c: Complex[] = [[1, 0]];
  for (const r of roots) {
    const next: Complex[] = new Array(c.length + 1).fill(null).map(() => [0, 0] as Complex);
    for (let i = 0; i < c.length; i++) {
      next[i] = cadd(next[i], c[i]);
      next[i + 1] = csub(next[i + 1], cmul(c[i], r));
    }
    c = next;
  }
  return c;
}

/** True when the imaginary part is negligible relative to the magnitude. */
export const isReal = (a: Complex, tol = 0): boolean =>
  Math.abs(a[1]) <= tol * Math.max(1, cabs(a));

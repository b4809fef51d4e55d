// Zero-pole-gain → second-order sections for digital filters. Pairing rule ("nearest", the one
// scipy uses for digital filters, so coefficients can be compared row by row): poles closest to the
// unit circle go in the LAST sections (they have the highest gain, and late sections see signals
// already attenuated); each pole pair takes the zeros nearest to it. The overall gain goes into the
// first section.

import { type Complex, cabs, cconj, cmul, cadd, isReal } from "./complex.js";
import type { Zpk } from "./zpk.js";

const REAL_TOL = 100 * Number.EPSILON;

/** One representative per conjugate pair (positive imaginary part) followed by the real values. */
function representatives(values: Complex[], what: string): Complex[] {
  const reals: Complex[] = [];
  const pos: Complex[] = [];
  const neg: Complex[] = [];
  for (const v of values) {
    if (isReal(v, REAL_TOL)) reals.push([v[0], 0]);
    else if (v[1] > 0) pos.push(v);
    else neg.push(v);
  }
  if (pos.length !== neg.length)
    throw new Error(`zpkToSos: ${what} do not come in complex-conjugate pairs`);
  const byRealThenImag = (a: Complex, b: Complex) => a[0] - b[0] || Math.abs(a[1]) - Math.abs(b[1]);
  pos.sort(byRealThenImag);
  neg.sort(byRealThenImag);
  const pairs = pos.map((p, i) => {
    const q = neg[i];
    if (cabs([p[0] - q[0], p[1] + q[1]]) > 1e3 * REAL_TOL * Math.max(1, cabs(p))) {
      throw new Error(`zpkToSos: ${what} do not come in complex-conjugate pairs`);
    }
    return [(p[0] + q[0]) / 2, (p[1] - q[1]) / 2] as Complex;
  });
  reals.sort((a, b) => a[0] - b[0]);
  return [...pairs, ...reals];
}

/** Index of the value closest to the unit circle (first one on ties). */
function worstIndex(values: Complex[], indices: number[]): number {
  let best = indices[0];
  let bestD = Infinity;
  for (const i of indices) {
    const d = Math.abs(1 - cabs(values[i]));
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Index of the remaining zero nearest to `to`, restricted to real or complex ones (stable on ties). */
function nearestIndex(zeros: Complex[], to: Complex, which: "any" | "real" | "complex"): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < zeros.length; i++) {
    const real = zeros[i][1] === 0;
    if (which === "real" && !real) continue;
    if (which === "complex" && real) continue;
    const d = cabs([zeros[i][0] - to[0], zeros[i][1] - to[1]]);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  if (best < 0) throw new Error(`zpkToSos: no ${which} zero left to pair`);
  return best;
}

/** Coefficients [1, -(r1+r2), r1 r2] of (x - r1)(x - r2), with a missing root treated as 0. */
function quadratic(r1: Complex, r2: Complex): [number, number, number] {
  const s = cadd(r1, r2);
  const p = cmul(r1, r2);
  return [1, -s[0], p[0]];
}

/** Converts a digital zpk filter to second-order sections, n×6 rows [b0 b1 b2 a0 a1 a2]. */
export function zpkToSos(filter: Zpk): Float64Array {
  let zeros = filter.zeros.slice();
  let poles = filter.poles.slice();
  while (poles.length < zeros.length) poles.push([0, 0]);
  while (zeros.length < poles.length) zeros.push([0, 0]);
  const nSections = Math.floor((poles.length + 1) / 2);
  if (poles.length % 2 === 1) {
    poles.push([0, 0]);
    zeros.push([0, 0]);
  }
  zeros = representatives(zeros, "zeros");
  poles = representatives(poles, "poles");
  const sos = new Float64Array(nSections * 6);
  const take = <T>(arr: T[], i: number): T => arr.splice(i, 1)[0];
  const setRow = (row: number, z: [Complex, Complex], p: [Complex, Complex]) => {
    const b = quadratic(z[0], z[1]);
    const a = quadratic(p[0], p[1]);
    sos.set([...b, ...a], row * 6);
  };
  const realCount = (arr: Complex[]) => arr.filter((v) => v[1] === 0).length;
  for (let si = nSections - 1; si >= 0; si--) {
    const p1 = take(
      poles,
      worstIndex(
        poles,
        poles.map((_, i) => i),
      ),
    );
    const p1Real = p1[1] === 0;
    if (p1Real && realCount(poles) === 0) {
      // The last real pole: pair with the nearest real zero; the section is first order.
      const z1 = take(zeros, nearestIndex(zeros, p1, "real"));
      setRow(si, [z1, [0, 0]], [p1, [0, 0]]);
    } else if (
      poles.length + 1 === zeros.length &&
      !p1Real &&
      realCount(poles) === 1 &&
      realCount(zeros) === 1
    ) {
      // One real pole and one real zero remain, so this complex pole must take a complex zero pair.
      const z1 = take(zeros, nearestIndex(zeros, p1, "complex"));
      setRow(si, [z1, cconj(z1)], [p1, cconj(p1)]);
    } else {
      let p2: Complex;
      if (p1Real) {
        const realIdx = poles.map((_, i) => i).filter((i) => poles[i][1] === 0);
        p2 = take(poles, worstIndex(poles, realIdx));
      } else {
        p2 = cconj(p1);
      }
      const z1 = take(zeros, nearestIndex(zeros, p1, "any"));
      if (z1[1] !== 0) {
        setRow(si, [z1, cconj(z1)], [p1, p2]);
      } else {
        const z2 = take(zeros, nearestIndex(zeros, p1, "real"));
        setRow(si, [z1, z2], [p1, p2]);
      }
    }
  }
  for (let j = 0; j < 3; j++) sos[j] *= filter.gain;
  return sos;
}

/** Converts zpk to transfer-function polynomials b (numerator) and a (denominator), highest power first. */
export function zpkToBa(filter: Zpk): { b: Float64Array; a: Float64Array } {
  const poly = (roots: Complex[]) => {
    let c = [1];
    // Multiply conjugate pairs as real quadratics so the result is real to rounding.
    const reps = representatives(roots, "roots");
    const nComplex = roots.filter((r) => !isReal(r, REAL_TOL)).length / 2;
    reps.forEach((r, i) => {
      const factor = i < nComplex ? [1, -2 * r[0], r[0] * r[0] + r[1] * r[1]] : [1, -r[0]];
      const next = new Array(c.length + factor.length - 1).fill(0);
      for (let u = 0; u < c.length; u++)
        for (let v = 0; v < factor.length; v++) next[u + v] += c[u] * factor[v];
      c = next;
    });
    return c;
  };
  const b = poly(filter.zeros).map((v) => v * filter.gain);
  const a = poly(filter.poles);
  return { b: Float64Array.from(b), a: Float64Array.from(a) };
}

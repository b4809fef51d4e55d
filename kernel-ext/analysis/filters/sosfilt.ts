// Causal filtering with cascaded second-order sections (direct form II transposed), and the
// steady-state initial conditions that make a step input produce no transient (used by sosfiltfilt).

import { requireFiniteArray } from "../util/validate.js";
import { lfilterZi } from "./lfilter.js";

/** Checks an SOS matrix (n×6, a0 ≠ 0) and returns it normalised so that every a0 = 1. */
export function validateSos(sos: ArrayLike<number>, name = "sos"): Float64Array {
  requireFiniteArray(sos, name, 6);
  if (sos.length % 6 !== 0)
    throw new RangeError(
      `${name}: expected n×6 coefficients [b0 b1 b2 a0 a1 a2] per section, got ${sos.length} values`,
    );
  const out = Float64Array.from(sos);
  for (let s = 0; s < out.length / 6; s++) {
    const a0 = out[s * 6 + 3];
    if (a0 === 0) throw new RangeError(`${name}: section ${s} has a0 = 0`);
    if (a0 !== 1) for (let j = 0; j < 6; j++) out[s * 6 + j] /= a0;
  }
  return out;
}

const BLOCK = 4096;

/**
 * Runs all sections over `y` in place, starting from (and updating) the per-section state `z`
 * (n×2). Processes the signal in blocks so each block stays in cache while every section passes.
 */
export function sosfiltInPlace(sos: Float64Array, y: Float64Array, z: Float64Array): void {
  const nSec = sos.length / 6;
  const n = y.length;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let s = 0;
    // Two sections per pass over the block: half the loads and stores of y, states in registers.
    for (; s + 1 < nSec; s += 2) {
      const o = s * 6,
        p = o + 6;
      const b0 = sos[o],
        b1 = sos[o + 1],
        b2 = sos[o + 2],
        a1 = sos[o + 4],
        a2 = sos[o + 5];
      const c0 = sos[p],
        c1 = sos[p + 1],
        c2 = sos[p + 2],
        d1 = sos[p + 4],
        d2 = sos[p + 5];
      let z1 = z[2 * s],
        z2 = z[2 * s + 1],
        w1 = z[2 * s + 2],
        w2 = z[2 * s + 3];
      for (let i = start; i < end; i++) {
        const x = y[i];
        const u = b0 * x + z1;
        z1 = b1 * x - a1 * u + z2;
        z2 = b2 * x - a2 * u;
        const v = c0 * u + w1;
        w1 = c1 * u - d1 * v + w2;
        w2 = c2 * u - d2 * v;
        y[i] = v;
      }
      z[2 * s] = z1;
      z[2 * s + 1] = z2;
      z[2 * s + 2] = w1;
      z[2 * s + 3] = w2;
    }
    for (; s < nSec; s++) {
      const o = s * 6;
      const b0 = sos[o],
        b1 = sos[o + 1],
        b2 = sos[o + 2],
        a1 = sos[o + 4],
        a2 = sos[o + 5];
      let z1 = z[2 * s],
        z2 = z[2 * s + 1];
      for (let i = start; i < end; i++) {
        const x = y[i];
        const out = b0 * x + z1;
        z1 = b1 * x - a1 * out + z2;
        z2 = b2 * x - a2 * out;
        y[i] = out;
      }
      z[2 * s] = z1;
      z[2 * s + 1] = z2;
    }
  }
}

export interface SosfiltOptions {
  /** Initial state, n_sections×2 (e.g. `sosfiltZi(sos)` scaled by the first sample). Default zeros. */
  zi?: ArrayLike<number>;
}

/** Filters `x` causally with second-order sections; returns the output and the final state. */
export function sosfiltWithState(
  sos: ArrayLike<number>,
  x: ArrayLike<number>,
  options: SosfiltOptions = {},
): { y: Float64Array; zf: Float64Array } {
  const s = validateSos(sos);
  requireFiniteArray(x, "x");
  const nSec = s.length / 6;
  const z = new Float64Array(nSec * 2);
  if (options.zi !== undefined) {
    requireFiniteArray(options.zi, "zi");
    if (options.zi.length !== nSec * 2)
      throw new RangeError(
        `zi: expected ${nSec}×2 = ${nSec * 2} values (one pair per section), got ${options.zi.length}`,
      );
    z.set(options.zi);
  }
  const y = x instanceof Float64Array ? x.slice() : Float64Array.from(x);
  sosfiltInPlace(s, y, z);
  return { y, zf: z };
}

/** Filters `x` causally with second-order sections (like scipy.signal.sosfilt). */
export function sosfilt(
  sos: ArrayLike<number>,
  x: ArrayLike<number>,
  options: SosfiltOptions = {},
): Float64Array {
  return sosfiltWithState(sos, x, options).y;
}

/**
 * Initial state (n×2) giving the step-response steady state of the cascade: section k's state is
 * its own steady state scaled by the DC gain of the sections before it.
 */
export function sosfiltZi(sos: ArrayLike<number>): Float64Array {
  const s = validateSos(sos);
  const nSec = s.length / 6;
  const zi = new Float64Array(nSec * 2);
  let scale = 1;
  for (let k = 0; k < nSec; k++) {
    const b = s.subarray(k * 6, k * 6 + 3);
    const a = s.subarray(k * 6 + 3, k * 6 + 6);
    const z = lfilterZi(b, a);
    zi[2 * k] = scale * z[0];
    zi[2 * k + 1] = scale * z[1];
    scale *= (b[0] + b[1] + b[2]) / (a[0] + a[1] + a[2]);
  }
  return zi;
}

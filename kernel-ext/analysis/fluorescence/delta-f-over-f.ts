// ΔF/F = (F − F0)/F0 with F0 a per-frame baseline or a constant.

import { requireFiniteArray, requireSameLength } from "../util/validate.js";

/**
 * (F − F0)/F0. F0 must be > 0 everywhere: a non-positive baseline (for instance after an
 * over-estimated neuropil subtraction) makes ΔF/F meaningless, so it is an error, not a NaN.
 */
export function deltaFOverF(f: ArrayLike<number>, f0: ArrayLike<number> | number): Float64Array {
  requireFiniteArray(f, "f");
  const out = new Float64Array(f.length);
  if (typeof f0 === "number") {
    if (!(Number.isFinite(f0) && f0 > 0))
      throw new RangeError(`f0: the baseline must be a finite number > 0, got ${f0}`);
    for (let i = 0; i < f.length; i++) out[i] = (f[i] - f0) / f0;
    return out;
  }
  requireFiniteArray(f0, "f0");
  requireSameLength(f, "f", f0, "f0");
  for (let i = 0; i < f.length; i++) {
    const b = f0[i];
    if (!(b > 0))
      throw new RangeError(`f0: the baseline must be > 0 at every frame, but frame ${i} has ${b}`);
    out[i] = (f[i] - b) / b;
  }
  return out;
}

// Neuropil contamination removal: F_corrected = F − r·F_neuropil.

import { requireFiniteArray, requireSameLength } from "../util/validate.js";

/** Contamination ratio used by Huang et al. 2021 (Allen Institute). */
export const NEUROPIL_R_HUANG2021 = 0.8;
/** Default contamination ratio of suite2p. */
export const NEUROPIL_R_SUITE2P = 0.7;

/** F − r·Fneu, sample by sample (r defaults to 0.8, Huang et al. 2021). */
export function subtractNeuropil(
  f: ArrayLike<number>,
  fNeuropil: ArrayLike<number>,
  options: { r?: number } = {},
): Float64Array {
  requireFiniteArray(f, "f");
  requireFiniteArray(fNeuropil, "fNeuropil");
  requireSameLength(f, "f", fNeuropil, "fNeuropil");
  const r = options.r ?? NEUROPIL_R_HUANG2021;
  if (!(r >= 0 && r <= 1.5))
    throw new RangeError(`r: expected a contamination ratio in [0, 1.5], got ${r}`);
  const out = new Float64Array(f.length);
  for (let i = 0; i < f.length; i++) out[i] = f[i] - r * fNeuropil[i];
  return out;
}

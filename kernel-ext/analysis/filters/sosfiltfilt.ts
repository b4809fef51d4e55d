// Zero-phase filtering with second-order sections: forward then backward pass over an
// edge-extended signal, each pass started from the steady state for its first sample.

import { requireFiniteArray } from "../util/validate.js";
import { extendEdges, resolvePadding, type PadType } from "./padding.js";
import { sosfiltInPlace, sosfiltZi, validateSos } from "./sosfilt.js";

export interface FiltfiltOptions {
  /** Edge extension (default "odd", like scipy). "none" filters without padding. */
  padtype?: PadType;
  /** Samples added at each end (default 3 × the number of filter taps, as scipy). */
  padlen?: number;
}

/** Zero-phase forward–backward filtering with SOS (like scipy.signal.sosfiltfilt); returns Float64Array. */
export function sosfiltfilt(
  sos: ArrayLike<number>,
  x: ArrayLike<number>,
  options: FiltfiltOptions = {},
): Float64Array {
  const s = validateSos(sos);
  requireFiniteArray(x, "x");
  const nSec = s.length / 6;
  // Taps of the equivalent single filter: 2 per section + 1, minus the trailing zero coefficients
  // that first-order sections have in both b and a.
  let zeroB2 = 0,
    zeroA2 = 0;
  for (let k = 0; k < nSec; k++) {
    if (s[k * 6 + 2] === 0) zeroB2++;
    if (s[k * 6 + 5] === 0) zeroA2++;
  }
  const ntaps = 2 * nSec + 1 - Math.min(zeroB2, zeroA2);
  const { padtype, padlen } = resolvePadding(x.length, options.padtype, options.padlen, 3 * ntaps);
  const ext =
    padlen > 0
      ? extendEdges(x, padlen, padtype)
      : x instanceof Float64Array
        ? x.slice()
        : Float64Array.from(x);
  const zi = sosfiltZi(s);
  const z = new Float64Array(zi.length);
  const x0 = ext[0];
  for (let i = 0; i < z.length; i++) z[i] = zi[i] * x0;
  sosfiltInPlace(s, ext, z);
  ext.reverse();
  const y0 = ext[0];
  for (let i = 0; i < z.length; i++) z[i] = zi[i] * y0;
  sosfiltInPlace(s, ext, z);
  ext.reverse();
  return padlen > 0 ? ext.slice(padlen, ext.length - padlen) : ext;
}

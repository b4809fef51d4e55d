// Zero-phase forward–backward filtering with a transfer function b/a (scipy's "pad" method).

import { requireFiniteArray } from "../util/validate.js";
import { lfilterInPlace, lfilterZi, normalizeBa } from "./lfilter.js";
import { extendEdges, resolvePadding } from "./padding.js";
import type { FiltfiltOptions } from "./sosfiltfilt.js";

/** Zero-phase filtering with b/a (like scipy.signal.filtfilt, method "pad"); returns Float64Array. */
export function filtfilt(
  b: ArrayLike<number>,
  a: ArrayLike<number>,
  x: ArrayLike<number>,
  options: FiltfiltOptions = {},
): Float64Array {
  const n = normalizeBa(b, a);
  requireFiniteArray(x, "x");
  const ntaps = Math.max(a.length, b.length);
  const { padtype, padlen } = resolvePadding(x.length, options.padtype, options.padlen, 3 * ntaps);
  const ext = padlen > 0 ? extendEdges(x, padlen, padtype) : Float64Array.from(x);
  const zi = lfilterZi(n.b, n.a);
  const z = new Float64Array(zi.length);
  const x0 = ext[0];
  for (let i = 0; i < z.length; i++) z[i] = zi[i] * x0;
  lfilterInPlace(n.b, n.a, ext, z);
  ext.reverse();
  const y0 = ext[0];
  for (let i = 0; i < z.length; i++) z[i] = zi[i] * y0;
  lfilterInPlace(n.b, n.a, ext, z);
  ext.reverse();
  return padlen > 0 ? ext.slice(padlen, ext.length - padlen) : ext;
}

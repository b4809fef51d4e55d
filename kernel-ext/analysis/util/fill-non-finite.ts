// NaN/Inf gaps in a trace (dropped frames, motion-corrected-out frames) filled by linear
// interpolation between the nearest finite neighbours, the way the report and the ground-truth
// evaluation prepare ΔF/F for OASIS; a gap at either end takes the nearest finite value.

/** Fills `x` in place; returns the number of samples filled. Throws when no sample is finite. */
export function fillNonFinite(x: Float64Array, name = "dff"): number {
  let filled = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) continue;
    let j = i;
    while (j < x.length && !Number.isFinite(x[j])) j++;
    if (i === 0 && j === x.length) throw new RangeError(`${name}: no finite sample`);
    const a = i > 0 ? x[i - 1]! : x[j]!;
    const b = j < x.length ? x[j]! : x[i - 1]!;
    for (let k = i; k < j; k++) x[k] = a + ((b - a) * (k - i + 1)) / (j - i + 1);
    filled += j - i;
    i = j;
  }
  return filled;
}

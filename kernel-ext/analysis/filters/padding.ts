// Edge extension before zero-phase filtering, so the forward–backward transients fall outside the
// signal: "odd" reflects about the end sample (keeps slope and value continuous, scipy's default).

export type PadType = "odd" | "even" | "constant" | "none";

/** Returns x extended by `padlen` samples at both ends (a copy, Float64Array). */
export function extendEdges(x: ArrayLike<number>, padlen: number, padtype: PadType): Float64Array {
  const n = x.length;
  const out = new Float64Array(n + 2 * padlen);
  if (ArrayBuffer.isView(x)) out.set(x as unknown as ArrayLike<number>, padlen);
  else for (let i = 0; i < n; i++) out[padlen + i] = x[i];
  const first = x[0],
    last = x[n - 1];
  for (let k = 1; k <= padlen; k++) {
    let left: number, right: number;
    if (padtype === "odd") {
      left = 2 * first - x[k];
      right = 2 * last - x[n - 1 - k];
    } else if (padtype === "even") {
      left = x[k];
      right = x[n - 1 - k];
    } else {
      left = first;
      right = last;
    }
    out[padlen - k] = left;
    out[padlen + n - 1 + k] = right;
  }
  return out;
}

/** Validates padtype/padlen against the signal length; returns the effective pad length. */
export function resolvePadding(
  n: number,
  padtype: PadType | undefined,
  padlen: number | undefined,
  defaultPadlen: number,
): { padtype: PadType; padlen: number } {
  const type = padtype ?? "odd";
  if (!["odd", "even", "constant", "none"].includes(type))
    throw new RangeError(
      `padtype: expected "odd", "even", "constant" or "none", got ${String(type)}`,
    );
  if (type === "none") return { padtype: type, padlen: 0 };
  const len = padlen ?? defaultPadlen;
  if (!Number.isInteger(len) || len < 0)
    throw new RangeError(`padlen: expected an integer ≥ 0, got ${String(padlen)}`);
  if (n <= len)
    throw new RangeError(
      `x: the signal length (${n}) must be greater than padlen (${len}); pass a shorter padlen or padtype "none"`,
    );
  return { padtype: type, padlen: len };
}

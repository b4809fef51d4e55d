// Argument checks shared by the analysis functions: every failure names the argument and says
// what was expected, so a notebook user sees which input is wrong instead of a silent NaN.

export type NumericArray =
  | Float64Array
  | Float32Array
  | Int16Array
  | Int32Array
  | Uint16Array
  | Uint8Array
  | Int8Array
  | Uint32Array
  | number[];

/** Throws unless `x` is non-empty and every sample is finite. */
export function requireFiniteArray(x: ArrayLike<number>, name: string, minLength = 1): void {
  if (x == null || typeof (x as { length?: unknown }).length !== "number") {
    throw new TypeError(
      `${name}: expected an array of numbers, got ${x === null ? "null" : typeof x}`,
    );
  }
  if (x.length < minLength) {
    throw new RangeError(
      `${name}: expected at least ${minLength} sample${minLength === 1 ? "" : "s"}, got ${x.length}`,
    );
  }
  const bad = firstNonFinite(x);
  if (bad >= 0)
    throw new RangeError(
      `${name}: sample ${bad} is ${x[bad]}; expected finite numbers (remove or interpolate NaN/Inf first)`,
    );
}

/** Index of the first NaN/±Inf, or −1; separate loops keep each element access monomorphic (fast). */
function firstNonFinite(x: ArrayLike<number>): number {
  if (x instanceof Float64Array) {
    for (let i = 0; i < x.length; i++) if (x[i] - x[i] !== 0) return i;
    return -1;
  }
  if (x instanceof Float32Array) {
    for (let i = 0; i < x.length; i++) if (x[i] - x[i] !== 0) return i;
    return -1;
  }
  // Integer typed arrays cannot hold NaN/Inf.
  if (ArrayBuffer.isView(x)) return -1;
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return i;
  return -1;
}

/** Throws unless `v` is a finite number > 0. */
export function requirePositive(v: unknown, name: string): asserts v is number {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
    throw new RangeError(`${name}: expected a finite number > 0, got ${String(v)}`);
  }
}

/** Throws unless `v` is a finite number. */
export function requireFinite(v: unknown, name: string): asserts v is number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new RangeError(`${name}: expected a finite number, got ${String(v)}`);
}

/** Throws unless `v` is an integer in [min, max]. */
export function requireInteger(
  v: unknown,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): asserts v is number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${name}: expected an integer in [${min}, ${max}], got ${String(v)}`);
  }
}

/** Throws unless the two arrays have the same length. */
export function requireSameLength(
  a: ArrayLike<number>,
  aName: string,
  b: ArrayLike<number>,
  bName: string,
): void {
  if (a.length !== b.length)
    throw new RangeError(
      `${aName} and ${bName} must have the same length (got ${a.length} and ${b.length})`,
    );
}

/** Throws unless `t` is finite and non-decreasing (strictly increasing when `strict`). */
export function requireMonotonic(t: ArrayLike<number>, name: string, strict = false): void {
  requireFiniteArray(t, name, 0);
  for (let i = 1; i < t.length; i++) {
    if (strict ? !(t[i] > t[i - 1]) : !(t[i] >= t[i - 1])) {
      throw new RangeError(
        `${name}: expected ${strict ? "strictly increasing" : "non-decreasing"} values, but element ${i} (${t[i]}) follows ${t[i - 1]}`,
      );
    }
  }
}

/** Copies any numeric array into a Float64Array (no copy when it already is one and `copy` is false). */
export function toFloat64(x: ArrayLike<number>, copy = false): Float64Array {
  if (x instanceof Float64Array && !copy) return x;
  return Float64Array.from(x as ArrayLike<number>);
}

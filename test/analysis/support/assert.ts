// Numeric comparison helpers for tests.
import assert from "node:assert/strict";

/** Asserts max|a − b| ≤ rtol · max(|b|) + atol, reporting the worst index. */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol = 0,
  what = "values",
): void {
  assert.equal(
    actual.length,
    expected.length,
    `${what}: length ${actual.length} vs expected ${expected.length}`,
  );
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  let worst = -1,
    worstErr = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.abs(actual[i] - expected[i]);
    if (!(e <= worstErr) || Number.isNaN(e)) {
      worstErr = Number.isNaN(e) ? Infinity : e;
      worst = i;
    }
  }
  const tol = rtol * scale + atol;
  assert.ok(
    worstErr <= tol,
    `${what}: max error ${worstErr} at index ${worst} (got ${actual[worst]}, expected ${expected[worst]}) exceeds ${tol}`,
  );
}

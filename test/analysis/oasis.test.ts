import assert from "node:assert/strict";
import { oasisAR1 } from "../../kernel-ext/analysis/inference/oasis-ar1.js";
import { oasisAR2 } from "../../kernel-ext/analysis/inference/oasis-ar2.js";
import { runPython } from "./support/python.js";
import { simulate } from "./support/simulate.js";

function objective(
  y: ArrayLike<number>,
  c: ArrayLike<number>,
  s: ArrayLike<number>,
  lambda: number,
): number {
  let r = 0,
    l1 = 0;
  for (let t = 0; t < y.length; t++) {
    r += (c[t] - y[t]) ** 2;
    l1 += s[t];
  }
  return 0.5 * r + lambda * l1;
}

/** Exact solution by scipy.optimize.nnls on the spike amplitudes: c = K s, K the AR kernel matrix. */
const NNLS = `
from scipy.optimize import nnls
res = []
for case in inp["cases"]:
    y = np.array(case["y"]); g = case["g"]; lam = case["lam"]; T = len(y)
    h = np.zeros(T); h[0] = 1.0
    for k in range(1, T):
        h[k] = g[0] * h[k-1] + (g[1] * h[k-2] if len(g) > 1 and k >= 2 else 0.0)
    K = np.zeros((T, T))
    for j in range(T):
        K[j:, j] = h[:T-j]
    # lam * sum(s) = lam * mu.c with mu = K^-T 1: shift the data by lam * mu
    mu = np.linalg.solve(K.T, np.ones(T))
    s, _ = nnls(K, y - lam * mu, maxiter=50 * T)
    c = K @ s
    res.append({"c": c, "s": s, "obj": 0.5 * np.sum((c - y) ** 2) + lam * np.sum(s)})
out = res
`;

describe("analysis/inference/OASIS vs exact NNLS (scipy.optimize.nnls)", function () {
  const cases: Array<{ y: Float64Array; g: number[]; lam: number }> = [];
  for (let i = 0; i < 8; i++) {
    const g = [0.8 + 0.02 * i];
    cases.push({ y: simulate(120, g, 0.08, 0.3, 10 + i).y, g, lam: i % 2 ? 0 : 0.4 * i });
  }
  const ar2: Array<{ y: Float64Array; g: number[]; lam: number }> = [];
  for (let i = 0; i < 8; i++) {
    const d = 0.88 + 0.01 * i,
      r = 0.2 + 0.06 * i; // characteristic roots (decay, rise)
    const g = i % 2 ? [1.7, -0.712] : [d + r, -d * r];
    ar2.push({ y: simulate(100, g, 0.06, 0.2, 40 + i).y, g, lam: i % 3 === 0 ? 0 : 0.3 });
  }
  let ref1: any[], ref2: any[];
  before(function () {
    ref1 = runPython(NNLS, { cases });
    ref2 = runPython(NNLS, { cases: ar2 });
  });

  it("AR(1): OASIS equals the exact NNLS optimum (λ = 0 and λ > 0)", function () {
    cases.forEach((cs, i) => {
      const { c, s } = oasisAR1(cs.y, { g: cs.g[0], lambda: cs.lam });
      const obj = objective(cs.y, c, s, cs.lam);
      assert.ok(
        Math.abs(obj - ref1[i].obj) <= 1e-9 * Math.max(1, ref1[i].obj),
        `case ${i}: objective ${obj} vs exact ${ref1[i].obj}`,
      );
      for (let t = 0; t < c.length; t++)
        assert.ok(
          Math.abs(c[t] - ref1[i].c[t]) < 1e-6,
          `case ${i} t ${t}: c ${c[t]} vs ${ref1[i].c[t]}`,
        );
      assert.ok(s.every((v) => v >= -1e-12));
    });
  });

  it("AR(2): greedy OASIS + active-set polish equals the exact NNLS optimum", function () {
    ar2.forEach((cs, i) => {
      const { c, s } = oasisAR2(cs.y, { g1: cs.g[0], g2: cs.g[1], lambda: cs.lam, exact: true });
      const obj = objective(cs.y, c, s, cs.lam);

      assert.ok(
        Math.abs(obj - ref2[i].obj) <= 1e-9 * Math.max(1, ref2[i].obj),
        `case ${i}: objective ${obj} vs exact ${ref2[i].obj}`,
      );
      for (let t = 0; t < c.length; t++)
        assert.ok(
          Math.abs(c[t] - ref2[i].c[t]) < 1e-6,
          `case ${i} t ${t}: c ${c[t]} vs ${ref2[i].c[t]}`,
        );
      assert.ok(s.every((v) => v >= 0));
      // The plain greedy pooling (the paper's AR(2) OASIS) is feasible and near, not always at, the optimum.
      const greedy = oasisAR2(cs.y, { g1: cs.g[0], g2: cs.g[1], lambda: cs.lam });
      const gObj = objective(cs.y, greedy.c, greedy.s, cs.lam);
      assert.ok(
        gObj >= ref2[i].obj - 1e-9 && gObj <= 1.2 * ref2[i].obj,
        `case ${i}: greedy ${gObj} vs exact ${ref2[i].obj}`,
      );
      assert.ok(greedy.s.every((v) => v >= 0));
    });
  });
});

// Non-linear least squares by Levenberg–Marquardt: minimise Σ (model(x_i; p) − y_i)² over p, with
// a forward-difference Jacobian and Marquardt's diagonal scaling of the damping term.

import { requireFiniteArray, requireSameLength } from "../util/validate.js";

export type Model = (x: number, p: readonly number[]) => number;

export interface LmOptions {
  maxIterations?: number;
  /** Stop when the relative reduction of the cost is below this (default 1e-12). */
  ftol?: number;
  /** Stop when the relative parameter step is below this (default 1e-12). */
  xtol?: number;
}

export interface LmResult {
  params: number[];
  cost: number;
  iterations: number;
  converged: boolean;
}

/** Solves the small dense system M d = g by Gaussian elimination with partial pivoting. */
function solve(M: number[][], g: number[]): number[] | null {
  const n = g.length;
  const A = M.map((r, i) => [...r, g[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (A[piv][c] === 0 || !Number.isFinite(A[piv][c])) return null;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = c + 1; r < n; r++) {
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= n; k++) A[r][k] -= f * A[c][k];
    }
  }
  const d = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = A[r][n];
    for (let k = r + 1; k < n; k++) s -= A[r][k] * d[k];
    d[r] = s / A[r][r];
  }
  return d;
}

export function levenbergMarquardt(
  model: Model,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  p0: readonly number[],
  options: LmOptions = {},
): LmResult {
  requireFiniteArray(x, "x");
  requireFiniteArray(y, "y");
  requireSameLength(x, "x", y, "y");
  requireFiniteArray(p0, "p0");
  const n = x.length,
    m = p0.length;
  if (n < m) throw new RangeError(`x: need at least as many points (${n}) as parameters (${m})`);
  const maxIt = options.maxIterations ?? 200 * (m + 1);
  const ftol = options.ftol ?? 1e-12,
    xtol = options.xtol ?? 1e-12;
  let p = [...p0];
  const residuals = (q: readonly number[]) => {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = model(x[i], q) - y[i];
    return r;
  };
  const costOf = (r: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += r[i] * r[i];
    return s;
  };
  let r = residuals(p);
  let cost = costOf(r);
  if (!Number.isFinite(cost))
    throw new RangeError("p0: the model is not finite at the initial parameters");
  let mu = 1e-3;
  let it = 0,
    converged = false;
  for (; it < maxIt; it++) {
    // Forward-difference Jacobian J (n×m).
    const J: Float64Array[] = [];
    for (let j = 0; j < m; j++) {
      const h = Math.sqrt(Number.EPSILON) * Math.max(Math.abs(p[j]), 1e-8);
      const q = [...p];
      q[j] += h;
      const rq = residuals(q);
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = (rq[i] - r[i]) / h;
      J.push(col);
    }
    const JtJ: number[][] = Array.from({ length: m }, () => new Array(m).fill(0));
    const Jtr: number[] = new Array(m).fill(0);
    for (let a = 0; a < m; a++) {
      for (let b = a; b < m; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += J[a][i] * J[b][i];
        JtJ[a][b] = JtJ[b][a] = s;
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += J[a][i] * r[i];
      Jtr[a] = -s;
    }
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      const M = JtJ.map((row, a) => row.map((v, b) => (a === b ? v + mu * Math.max(v, 1e-12) : v)));
      const d = solve(M, Jtr);
      if (!d) {
        mu *= 10;
        continue;
      }
      const q = p.map((v, j) => v + d[j]);
      const rq = residuals(q);
      const cq = costOf(rq);
      if (Number.isFinite(cq) && cq < cost) {
        const rel = (cost - cq) / Math.max(cost, 1e-300);
        const step =
          Math.sqrt(d.reduce((s, v) => s + v * v, 0)) /
          (Math.sqrt(p.reduce((s, v) => s + v * v, 0)) + xtol);
        p = q;
        r = rq;
        cost = cq;
        mu = Math.max(mu / 3, 1e-15);
        accepted = true;
        if (rel < ftol || step < xtol) converged = true;
        break;
      }
      mu *= 4;
    }
    if (!accepted) {
      converged = true;
      break;
    } // no downhill step exists at this precision: a minimum
    if (converged) break;
  }
  return { params: p, cost, iterations: it + 1, converged };
}

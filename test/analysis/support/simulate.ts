import { normal, uniform } from "../../support/random.js";

/** AR(p) calcium driven by sparse spikes plus Gaussian noise. */
export function simulate(
  T: number,
  g: number[],
  rate: number,
  noise: number,
  seed: number,
): { y: Float64Array; s: Float64Array; c: Float64Array } {
  const u = uniform(seed),
    n = normal(seed + 100);
  const s = new Float64Array(T),
    c = new Float64Array(T),
    y = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    s[t] = u() < rate ? 1 : 0;
    c[t] = s[t] + (t >= 1 ? g[0] * c[t - 1] : 0) + (g.length > 1 && t >= 2 ? g[1] * c[t - 2] : 0);
    y[t] = c[t] + noise * n();
  }
  return { y, s, c };
}

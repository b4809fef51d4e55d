// Seeded pseudo-random numbers so tests and benchmarks are reproducible (shared by every test area).

/** mulberry32: a small, fast 32-bit generator; returns uniform numbers in [0, 1). */
export function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples by Box–Muller. */
export function normal(seed: number): () => number {
  const u = uniform(seed);
  return () => {
    let a = u();
    while (a === 0) a = u();
    return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
  };
}

/** Poisson sample with mean `lambda` (Knuth; fine for the small means used here). */
export function poisson(u: () => number, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= u();
  } while (p > l);
  return k - 1;
}

export function randn(n: number, seed: number, scale = 1): Float64Array {
  const g = normal(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = g() * scale;
  return out;
}

// OASIS on 1e5 and 1e6 frames vs a reference in the same run: a plain interpreted PAVA AR(1) in
// numpy/Python — a stand-in, NOT the Cython OASIS (not installable here). The Cython figures from
// /work/shared/docs/reference-numbers.md are printed alongside, labelled as quoted, not measured.
//   npx tsx bench/analysis/oasis.bench.ts [--quick]   (--quick: 1e4 frames, no quoted figures)
import { writeFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deconvolve, oasisAR1, oasisAR2 } from "../../kernel-ext/analysis/index.js";
import { normal, poisson, uniform } from "../../test/support/random.js";
import { python, row, time } from "./support.js";

// Cython OASIS v0.3.2 on this kind of machine (reference-numbers.md), ms, for 1e5 and 1e6 frames.
const cython: Record<string, [number, number]> = {
  "oasisAR1(g=0.95, lam=0)": [4.7, 49],
  "oasisAR2(1.7, -0.712, lam=0)": [72, 755],
  "deconvolve AR(1) with estimation": [43, 2500],
};

const dir = mkdtempSync(join(tmpdir(), "tsnwb-bench-"));
try {
  for (const T of process.argv.includes("--quick") ? [1e4] : [1e5, 1e6]) {
    const u = uniform(7),
      g = normal(8);
    const y1 = new Float64Array(T),
      y2 = new Float64Array(T);
    let c = 0,
      c1 = 0,
      c2 = 0;
    for (let t = 0; t < T; t++) {
      const s = poisson(u, 0.05);
      c = 0.95 * c + s;
      y1[t] = c + 0.3 * g();
      const cc = 1.7 * c1 - 0.712 * c2 + s;
      c2 = c1;
      c1 = cc;
      y2[t] = cc + 0.3 * g();
    }
    const f1 = join(dir, `y1_${T}.f64`);
    writeFileSync(f1, y1);
    if (T <= 1e5)
      for (let k = 0; k < 3; k++) {
        oasisAR1(y1.subarray(0, 20000), { g: 0.95 });
        oasisAR2(y2.subarray(0, 20000), { g1: 1.7, g2: -0.712 });
        deconvolve(y1.subarray(0, 20000));
      } // JIT warm-up
    const a1 = time(() => oasisAR1(y1, { g: 0.95 }));
    const a2 = time(() => oasisAR2(y2, { g1: 1.7, g2: -0.712 }), 2);
    const dc = time(() => deconvolve(y1), 1);
    writeFileSync(join(dir, "c.f64"), a1.result.c);
    const ref = python<{ ms: number; maxdiff: number }>(
      `
import sys, json, time
import numpy as np
y = np.fromfile(sys.argv[1]); ours = np.fromfile(sys.argv[2]); g = 0.95
def pava(y, g):
    # plain pool-adjacent-violators for AR(1), interpreted Python over numpy scalars
    v = []; w = []; t = []; l = []
    for i in range(len(y)):
        v.append(y[i]); w.append(1.0); t.append(i); l.append(1)
        # (the first pool's value is clipped at 0, as in the constrained problem c_0 >= 0)
        while len(v) > 1 and v[-1] / w[-1] < g ** l[-2] * (max(v[-2] / w[-2], 0) if len(v) == 2 else v[-2] / w[-2]):
            gl = g ** l[-2]
            v[-2] += gl * v[-1]; w[-2] += gl * gl * w[-1]; l[-2] += l[-1]
            v.pop(); w.pop(); t.pop(); l.pop()
    c = np.empty(len(y))
    for j in range(len(v)):
        val = max(v[j] / w[j], 0) if j == 0 else v[j] / w[j]
        c[t[j]:t[j] + l[j]] = val * g ** np.arange(l[j])
    return c
t0 = time.process_time(); c = pava(y, g); ms = (time.process_time() - t0) * 1000
print(json.dumps({"ms": ms, "maxdiff": float(np.abs(c - ours).max())}))
`,
      [f1, join(dir, "c.f64")],
    );
    const column = T === 1e5 ? 0 : T === 1e6 ? 1 : undefined;
    const quoted = (key: string, what = "Cython OASIS") =>
      column === undefined
        ? ""
        : `   ${what}: ${cython[key]![column]} ms quoted from reference-numbers.md, not measured in this run`;
    const frames = T.toExponential(0).replace("+", "");
    console.log(
      `\n${frames} frames (AR(1) g 0.95 / AR(2) 1.7, −0.712; Poisson 0.05/frame; noise sd 0.3), CPU time`,
    );
    console.log(
      row(`oasisAR1(g=0.95, lam=0), ${frames} frames`, a1.ms, ref.ms, "numpy PAVA") +
        ` (the reference measured here is a numpy PAVA, not the Cython OASIS)   |c − ref| max ${ref.maxdiff.toExponential(1)}`,
    );
    if (column !== undefined) console.log(`${"".padEnd(46)}${quoted("oasisAR1(g=0.95, lam=0)")}`);
    console.log(
      row("oasisAR2(1.7, -0.712, lam=0) greedy", a2.ms, null, "no reference measured") +
        quoted("oasisAR2(1.7, -0.712, lam=0)"),
    );
    console.log(
      row("deconvolve AR(1) (estimate g, σ; λ by noise)", dc.ms, null, "no reference measured") +
        quoted("deconvolve AR(1) with estimation", "Cython deconvolve(penalty=1)"),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

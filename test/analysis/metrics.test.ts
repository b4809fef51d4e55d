import assert from "node:assert/strict";
import {
  cascadeMetrics,
  spikefinderCorrelation,
  spikefinderScore,
  spikesPerFrame,
} from "../../kernel-ext/analysis/index.js";
import { runPython } from "./support/python.js";
import { uniform } from "../support/random.js";

describe("analysis/metrics (spikefinder protocol, CASCADE metrics) vs numpy", function () {
  const u = uniform(31);
  const fs = 158.3;
  const n = 20000;
  const times = Float64Array.from({ length: n }, (_, i) => 3.2 + i / fs + 1e-4 * Math.sin(i));
  const spikes: number[] = [];
  for (let t = 3.3; t < times[n - 1]; t += 0.02 + u() * 1.5) spikes.push(t);
  // A prediction: counts per frame, delayed by ~3 frames and noisy.
  const pred = new Float64Array(n);
  for (const s of spikes) {
    const i = Math.round((s - 3.2) * fs) + 3;
    if (i < n) pred[i] += 0.5 + u();
  }
  for (let i = 0; i < n; i++) pred[i] += 0.1 * u();
  let ref: { sf: number; corr: number; err: number; bias: number; counts: number[] };
  before(function () {
    ref = runPython(
      `
from scipy import ndimage
t = np.array(inp["times"]); p = np.array(inp["pred"]); sp = np.array(inp["spikes"])
dt = 0.01
n = int(np.floor((t[-1] - t[0]) / dt + 1e-9))
centres = t[0] + (np.arange(n) + 0.5) * dt
pr = np.interp(centres, t, p)
tr, _ = np.histogram(sp, bins=t[0] + np.arange(n + 1) * dt)
m = n // 4
pr4 = pr[:m*4].reshape(m, 4).sum(1); tr4 = tr[:m*4].reshape(m, 4).sum(1)
sf = np.corrcoef(pr4, tr4)[0, 1]
edges = np.concatenate([[t[0] - (t[1]-t[0])/2], (t[1:] + t[:-1]) / 2, [t[-1] + (t[-1]-t[-2])/2]])
counts, _ = np.histogram(sp, bins=edges)
sigma = 0.2 / ((t[-1] - t[0]) / (len(t) - 1))
truth = ndimage.gaussian_filter1d(counts.astype(float), sigma)
out = {"sf": sf, "corr": np.corrcoef(p, truth)[0, 1], "err": np.abs(p - truth).sum() / counts.sum(),
       "bias": (p - truth).sum() / counts.sum(), "counts": counts}
`,
      { times, pred, spikes },
    );
  });

  it("spikefinderCorrelation equals numpy's interp + histogram + 40 ms sums + corrcoef", function () {
    const r = spikefinderCorrelation(pred, spikes, { times });
    assert.ok(Math.abs(r - ref.sf) < 1e-12, `${r} vs ${ref.sf}`);
    const score = spikefinderScore([
      { predicted: pred, trueSpikeTimes: spikes, times },
      { predicted: pred, trueSpikeTimes: spikes, times },
    ]);
    assert.ok(Math.abs(score.mean - ref.sf) < 1e-12);
    assert.equal(score.skipped, 0);
  });

  it("cascadeMetrics: Gaussian-smoothed correlation, error and bias as defined", function () {
    assert.deepEqual(Array.from(spikesPerFrame(spikes, times)), ref.counts);
    const m = cascadeMetrics(pred, spikes, { times });
    assert.ok(Math.abs(m.correlation - ref.corr) < 1e-12, `corr ${m.correlation} vs ${ref.corr}`);
    assert.ok(Math.abs(m.error - ref.err) < 1e-9 * ref.err);
    assert.ok(Math.abs(m.bias - ref.bias) < 1e-9 * Math.abs(ref.bias));
  });

  it("a well-timed prediction scores near 1 and a 100 ms late one much lower", function () {
    const fsx = 100;
    const spk = [0.105, 0.5, 0.505, 2.0, 3.3];
    const p = new Float64Array(500);
    for (const s of spk) p[Math.floor(s * fsx)] += 1;
    // Frames at the centre of each 10 ms bin.
    const r = spikefinderCorrelation(p, spk, { fs: fsx, startTime: 0 });
    assert.ok(r > 0.95, `${r}`);
    const late = new Float64Array(500);
    late.set(p.subarray(0, 490), 10);
    assert.ok(spikefinderCorrelation(late, spk, { fs: fsx }) < 0.3);
  });

  it("rejects bad input naming the argument", function () {
    assert.throws(
      () => spikefinderCorrelation(pred, spikes, { times: times.subarray(1) }),
      /times: expected 20000 frame times/,
    );
    const t2 = times.slice();
    t2[5] = t2[4];
    assert.throws(
      () => spikefinderCorrelation(pred, spikes, { times: t2 }),
      /times: expected strictly increasing values, but element 5/,
    );
    assert.throws(() => spikefinderCorrelation(pred, spikes, { fs: 0 }), /fs/);
    assert.throws(
      () => spikefinderCorrelation(pred, [NaN], { fs }),
      /trueSpikeTimes: sample 0 is NaN/,
    );
    assert.throws(() => spikefinderCorrelation(pred, spikes, { fs, binMs: 35 }), /binMs/);
    assert.throws(() => cascadeMetrics(pred, [1e6], { times }), /no true spike falls inside/);
  });
});

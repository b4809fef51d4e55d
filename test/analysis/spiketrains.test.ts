import assert from "node:assert/strict";
import {
  binnedFiringRate,
  crossCorrelogram,
  interSpikeIntervals,
  isiStatistics,
  meanFiringRate,
  psth,
  spikeTriggeredAverage,
} from "../../kernel-ext/analysis/index.js";
import { assertClose } from "./support/assert.js";
import { runPython } from "./support/python.js";
import { randn, uniform } from "../support/random.js";

function poissonTrain(rate: number, duration: number, seed: number): Float64Array {
  const u = uniform(seed);
  const out: number[] = [];
  for (let t = -Math.log(1 - u()) / rate; t < duration; t += -Math.log(1 - u()) / rate) out.push(t);
  return Float64Array.from(out);
}

describe("analysis/spiketrains vs numpy", function () {
  const a = poissonTrain(20, 100, 1);
  const b = poissonTrain(15, 100, 2);
  const events = Float64Array.from({ length: 50 }, (_, i) => 1 + i * 1.9);
  const signal = randn(100 * 1000, 3);
  let ref: any;
  before(function () {
    ref = runPython(
      `
a = np.array(inp["a"]); b = np.array(inp["b"]); ev = np.array(inp["ev"]); sig = np.array(inp["sig"])
d = (b[None, :] - a[:, None]).ravel()
edges = (np.arange(-51, 51) + 0.5) * 0.002
ccg, _ = np.histogram(d, bins=edges)
da = (a[None, :] - a[:, None]).ravel(); da = da[da != 0]
acg, _ = np.histogram(da, bins=edges)
rel = np.concatenate([a[(a >= e - 0.5) & (a < e + 1.0)] - e for e in ev])
pcounts, _ = np.histogram(rel, bins=-0.5 + np.arange(31) * 0.05)
isi = np.diff(a)
idx = np.round(a * 1000).astype(int)
idx = idx[(idx - 20 >= 0) & (idx + 40 < len(sig))]
sta = np.mean([sig[i-20:i+41] for i in idx], axis=0)
rate, _ = np.histogram(a, bins=np.arange(0, 100.001, 0.5))
out = {"ccg": ccg, "acg": acg, "psth": pcounts, "isi_cv": isi.std(ddof=1) / isi.mean(), "isi_mean": isi.mean(),
       "sta": sta, "n_sta": len(idx), "rate": rate / 0.5}
`,
      { a, b, ev: events, sig: signal },
    );
  });

  it("cross- and auto-correlograms equal numpy histograms of all pairwise lags", function () {
    const c = crossCorrelogram(a, b, { binSeconds: 0.002, maxLagSeconds: 0.1 });
    assert.deepEqual(Array.from(c.counts), ref.ccg);
    assert.ok(Math.abs(c.lags[50]) < 1e-15 && Math.abs(c.lags[0] + 0.1) < 1e-12);
    assert.deepEqual(
      Array.from(crossCorrelogram(a, a, { binSeconds: 0.002, maxLagSeconds: 0.1 }).counts),
      ref.acg,
    );
  });

  it("PSTH, ISI statistics, binned rate and spike-triggered average", function () {
    const p = psth(a, events, { start: -0.5, end: 1.0, binSeconds: 0.05 });
    assert.deepEqual(Array.from(p.counts), ref.psth);
    assertClose(
      p.rate,
      ref.psth.map((c: number) => c / (50 * 0.05)),
      1e-12,
      0,
      "rate",
    );
    assert.equal(p.aligned.length, 50);
    const st = isiStatistics(a);
    assert.ok(Math.abs(st.cv - ref.isi_cv) < 1e-12 && Math.abs(st.mean - ref.isi_mean) < 1e-12);
    assert.ok(Math.abs(st.cv - 1) < 0.1, "Poisson CV ≈ 1");
    assert.equal(interSpikeIntervals(a).length, a.length - 1);
    assertClose(
      binnedFiringRate(a, { start: 0, end: 100, binSeconds: 0.5 }).rate,
      ref.rate,
      1e-12,
      0,
      "binned rate",
    );
    assert.ok(Math.abs(meanFiringRate(a, 0, 100) - a.length / 100) < 1e-12);
    const sta = spikeTriggeredAverage({ values: signal, rate: 1000, startTime: 0 }, a, {
      preSeconds: 0.02,
      postSeconds: 0.04,
    });
    assert.equal(sta.n, ref.n_sta);
    assertClose(sta.mean, ref.sta, 1e-12, 0, "STA");
  });

  it("rejects bad input naming the argument", function () {
    assert.throws(
      () => crossCorrelogram([2, 1], b, { binSeconds: 0.001, maxLagSeconds: 0.1 }),
      /a: expected non-decreasing/,
    );
    assert.throws(
      () => crossCorrelogram(a, b, { binSeconds: 0, maxLagSeconds: 0.1 }),
      /binSeconds/,
    );
    assert.throws(
      () => psth(a, [NaN], { start: -1, end: 1, binSeconds: 0.1 }),
      /eventTimes: sample 0 is NaN/,
    );
    assert.throws(() => psth(a, events, { start: 1, end: -1, binSeconds: 0.1 }), /start, end/);
    assert.throws(
      () => psth(a, events, { start: 0, end: 1, binSeconds: 0.3 }),
      /binSeconds: the window 1 s must be a whole number/,
    );
    assert.throws(() => isiStatistics([1, 2]), /at least 3 spikes/);
    assert.throws(
      () =>
        spikeTriggeredAverage({ values: signal, rate: -1, startTime: 0 }, a, {
          preSeconds: 0,
          postSeconds: 0,
        }),
      /signal.rate: expected a finite number > 0/,
    );
  });
});

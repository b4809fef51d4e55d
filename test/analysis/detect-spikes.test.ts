import assert from "node:assert/strict";
import { detectSpikes } from "../../kernel-ext/analysis/index.js";
import { runPython } from "./support/python.js";
import { normal, uniform } from "../support/random.js";

const fs = 40000;

/** Noise + a biphasic spike waveform (trough then smaller peak) at known sample indices. */
function synthetic(n: number, spikes: number[], sign: number, seed: number): Float64Array {
  const g = normal(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = 10 * g() + 30 * Math.sin((2 * Math.PI * 7 * i) / fs); // noise + slow drift
  for (const s of spikes) {
    for (let j = -40; j <= 80; j++) {
      const t = j / fs;
      if (s + j < 0 || s + j >= n) continue;
      // main lobe (σ 0.12 ms) centred on the spike sample, smaller opposite lobe 0.4 ms later
      x[s + j] +=
        sign *
        (-200 * Math.exp(-0.5 * (t / 1.2e-4) ** 2) +
          60 * Math.exp(-0.5 * ((t - 4e-4) / 2e-4) ** 2));
    }
  }
  return x;
}

describe("analysis/spikes/detectSpikes", function () {
  const u = uniform(3);
  const spikes: number[] = [];
  for (let s = 2000; s < 396000; s += 1500 + Math.floor(u() * 6000)) spikes.push(s);

  it("finds every spike within ±0.1 ms, negative polarity chosen automatically", function () {
    const x = synthetic(400000, spikes, 1, 11);
    const r = detectSpikes(x, { fs, threshold: 5 });
    assert.equal(r.polarity, "negative");
    assert.equal(r.indices.length, spikes.length);
    r.indices.forEach((idx, i) =>
      assert.ok(Math.abs(idx - spikes[i]) <= 4, `spike ${i}: ${idx} vs ${spikes[i]}`),
    );
    assert.ok(r.amplitudes.every((a) => a < r.thresholdValue));
    assert.ok(Math.abs(r.times[0] - spikes[0] / fs) <= 1e-4);
  });

  it("picks positive polarity for inverted spikes and honours an explicit polarity", function () {
    const x = synthetic(400000, spikes, -1, 12);
    const auto = detectSpikes(x, { fs });
    assert.equal(auto.polarity, "positive");
    assert.equal(auto.indices.length, spikes.length);
    const neg = detectSpikes(x, { fs, polarity: "negative", threshold: 5 });
    assert.equal(neg.polarity, "negative");
    // Forced to the wrong sign it lands on the smaller opposite lobe, ~0.4 ms after the spike.
    const meanAbs = (a: Float64Array) => a.reduce((s, v) => s + Math.abs(v), 0) / a.length;
    assert.ok(meanAbs(neg.amplitudes) < 0.6 * meanAbs(auto.amplitudes));
    const late = neg.indices.filter((i) => spikes.some((s) => i - s >= 8 && i - s <= 30)).length;
    assert.ok(late >= 0.8 * spikes.length, `${late} of ${neg.indices.length} on the late lobe`);
  });

  it("noise σ equals median(|filtered|)/0.6745 computed by scipy/numpy on the same trace", function () {
    const x = synthetic(
      80000,
      spikes.filter((s) => s < 78000),
      1,
      13,
    );
    const r = detectSpikes(x, { fs });
    const ref = runPython<{ sigma: number; y: number[] }>(
      `
from scipy import signal
x = np.array(inp["x"])
y = signal.sosfiltfilt(signal.butter(4, [250, 5000], btype="bandpass", fs=40000, output="sos"), x)
out = {"sigma": np.median(np.abs(y)) / 0.6745, "y": y[::97]}
`,
      { x },
    );
    assert.ok(
      Math.abs(r.noiseSigma - ref.sigma) <= 1e-9 * ref.sigma,
      `${r.noiseSigma} vs ${ref.sigma}`,
    );
    ref.y.forEach((v, i) => assert.ok(Math.abs(r.filtered[i * 97] - v) <= 1e-9 * 300));
  });

  it("applies the refractory period, crossing alignment and snippet windows", function () {
    const pair = [10000, 10000 + 20]; // 0.5 ms apart
    const x = synthetic(40000, [...pair, 30000], 1, 14);
    const r1 = detectSpikes(x, { fs, refractoryMs: 1 });
    assert.equal(r1.indices.length, 2);
    const r0 = detectSpikes(x, { fs, refractoryMs: 0.2, peakWindowMs: 0.2 });
    assert.equal(r0.indices.length, 3);
    const c = detectSpikes(x, { fs, alignment: "crossing" });
    assert.ok(
      c.indices[0] < r1.indices[0] && r1.indices[0] - c.indices[0] < 20,
      `${c.indices[0]} vs peak ${r1.indices[0]}`,
    );
    assert.equal(r1.snippetLength, 40 + 80 + 1);
    assert.equal(r1.snippetOffset, 40);
    assert.equal(r1.snippets.length, 2 * 121);
    assert.equal(r1.snippets[40], Math.fround(r1.filtered[r1.indices[0]]));
    const edge = detectSpikes(synthetic(12000, [20, 6000], 1, 15), {
      fs,
      band: [300, 6000],
      snippetMs: [2, 2],
    });
    assert.ok(Number.isNaN(edge.snippets[0]), "samples before the trace start are NaN");
    const none = detectSpikes(x, { fs, snippetMs: null, band: null });
    assert.equal(none.snippets.length, 0);
  });

  it("rejects bad input naming the argument", function () {
    const x = synthetic(4000, [], 1, 16);
    assert.throws(() => detectSpikes(x, { fs: 0 }), /fs: expected a finite number > 0/);
    assert.throws(
      () => detectSpikes(new Float64Array(0), { fs }),
      /voltage: expected at least 2 samples/,
    );
    const bad = x.slice();
    bad[7] = Infinity;
    assert.throws(() => detectSpikes(bad, { fs }), /voltage: sample 7 is Infinity/);
    assert.throws(() => detectSpikes(x, { fs: 8000 }), /cutoff\[1\]: must be > 0 and < 4000 Hz/);
    assert.throws(() => detectSpikes(x, { fs, threshold: -1 }), /threshold/);
    assert.throws(() => detectSpikes(x, { fs, polarity: "up" as never }), /polarity/);
    assert.throws(
      () => detectSpikes(new Float64Array(4000), { fs, band: null }),
      /robust noise σ is 0/,
    );
  });
});

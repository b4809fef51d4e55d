import assert from "node:assert/strict";
import {
  apEvents,
  detectionProbability,
  eventTriggeredAverages,
  fitRiseDecay,
  nullOnsets,
  peakDff,
  riseDecayModel,
  eventWindows,
} from "../../kernel-ext/analysis/index.js";
import { assertClose } from "./support/assert.js";
import { runPython } from "./support/python.js";
import { normal, uniform } from "../support/random.js";

/** ΔF/F at irregular ~158 Hz frames: each spike adds A·(1 − e^{−t/τr})e^{−t/τd}, plus Gaussian noise. */
function syntheticDff(
  spikes: number[],
  duration: number,
  amp: number,
  noise: number,
  seed: number,
) {
  const g = normal(seed);
  const n = Math.floor(duration * 158);
  const times = Float64Array.from({ length: n }, (_, i) => i / 158 + 2e-4 * Math.sin(i * 0.7));
  const dff = new Float64Array(n);
  for (const s of spikes) {
    for (let i = Math.max(0, Math.floor(s * 158) - 2); i < n && times[i] - s < 5; i++)
      if (times[i] >= s) dff[i] += riseDecayModel(times[i], [amp, 0.05, 0.6, 0], s);
  }
  for (let i = 0; i < n; i++) dff[i] += noise * g();
  return { times, dff };
}

describe("analysis/coupling (Huang et al. 2021 definitions)", function () {
  it("groups spikes into AP-count events and marks isolation per indicator", function () {
    const spikes = [1.0, 3.0, 3.1, 3.2, 3.26, 5.0, 5.4, 7.0, 7.35];
    const s = apEvents(spikes, { indicator: "GCaMP6s" });
    assert.deepEqual(
      s.map((e) => [e.time, e.apCount]),
      [
        [1, 1],
        [3, 3],
        [3.26, 1],
        [5, 1],
        [5.4, 1],
        [7, 1],
        [7.35, 1],
      ],
    );
    // 6s: ≥ 1 s before and ≥ 0.5 s after.
    assert.deepEqual(
      s.map((e) => e.isolated),
      [true, false, false, false, false, false, false],
    );
    const f = apEvents(spikes, { indicator: "GCaMP6f" });
    // 6f: ≥ 0.3 s both sides; 3.26 is 0.06 s after the 3-AP event's last spike.
    assert.deepEqual(
      f.map((e) => e.isolated),
      [true, false, false, true, true, true, true],
    );
    assert.deepEqual(eventWindows("GCaMP6f").peakSearchSeconds, 0.3);
    assert.throws(() => apEvents([2, 1]), /spikeTimes: expected non-decreasing values/);
    assert.throws(() => apEvents([1], { indicator: "GCaMP7" as never }), /indicator/);
  });

  const spikes: number[] = [];
  const u = uniform(5);
  for (let t = 2; t < 590; t += 2.5 + 3 * u()) {
    spikes.push(t);
    if (u() < 0.3) spikes.push(t + 0.05 + 0.1 * u());
  }
  const { times, dff } = syntheticDff(spikes, 600, 0.25, 0.05, 6);

  it("peak ΔF/F and the null-window threshold match numpy on the same definitions", function () {
    const onsets = spikes.slice(0, 40);
    const peaks = peakDff({ values: dff, timestamps: times }, onsets, { indicator: "GCaMP6s" });
    const nulls = nullOnsets(times, spikes, eventWindows("GCaMP6s"));
    const det = detectionProbability({ values: dff, timestamps: times }, spikes, {
      indicator: "GCaMP6s",
    });
    const ref = runPython<{ peaks: number[]; thr: number; p1: number; n1: number }>(
      `
t = np.array(inp["times"]); d = np.array(inp["dff"]); sp = np.array(inp["spikes"])
def peak(t0):
    sel = np.where((t >= t0) & (t <= t0 + 0.5))[0]
    im = sel[np.argmax(d[sel])]
    win = (t >= t[im] - 0.05) & (t <= t[im] + 0.05)
    return d[win].mean()
nulls = np.array(inp["nulls"])
thr = np.percentile([peak(x) for x in nulls], 99)
# isolated 1-AP events: grouping within 250 ms, >= 1 s before, >= 0.5 s after
ev = []; i = 0
while i < len(sp):
    j = i
    while j + 1 < len(sp) and sp[j+1] - sp[i] <= 0.25: j += 1
    prev = sp[i-1] if i > 0 else -np.inf; nxt = sp[j+1] if j + 1 < len(sp) else np.inf
    if sp[i] - prev >= 1 and nxt - sp[j] >= 0.5 and j == i and sp[i] + 0.5 <= t[-1]: ev.append(sp[i])
    i = j + 1
p = np.array([peak(x) for x in ev])
out = {"peaks": [peak(x) for x in inp["onsets"]], "thr": thr, "p1": float((p > thr).mean()), "n1": len(ev)}
`,
      { times, dff, spikes, onsets, nulls },
    );
    assertClose(peaks, ref.peaks, 1e-12, 0, "peaks");
    assert.ok(
      Math.abs(det.threshold - ref.thr) < 1e-12,
      `threshold ${det.threshold} vs ${ref.thr}`,
    );
    const one = det.perApCount[0];
    assert.equal(one.events, ref.n1);
    assert.ok(Math.abs(one.probability - ref.p1) < 1e-12);
    // 0.25 ΔF/F transients in 0.05 noise are nearly always detected; 2-AP events even more so.
    assert.ok(one.probability > 0.9, `p(1AP) ${one.probability}`);
    assert.ok(det.noisePeaks.length >= 100);
  });

  it("at a tiny amplitude the detection probability falls to about the false-positive rate", function () {
    const weak = syntheticDff(spikes, 600, 0.0, 0.05, 7);
    const det = detectionProbability({ values: weak.dff, timestamps: weak.times }, spikes, {
      indicator: "GCaMP6s",
    });
    assert.ok(det.perApCount[0].probability < 0.08, `p ${det.perApCount[0].probability}`);
  });

  it("event-triggered averages per AP count match numpy interpolation + mean", function () {
    const ev = apEvents(spikes, { indicator: "GCaMP6s" });
    const eta = eventTriggeredAverages({ values: dff, timestamps: times }, ev, {
      preSeconds: 0.2,
      postSeconds: 1,
      dt: 0.01,
    });
    const iso1 = ev
      .filter(
        (e) =>
          e.isolated &&
          e.apCount === 1 &&
          e.time - 0.2 >= times[0] &&
          e.time + 1 <= times[times.length - 1],
      )
      .map((e) => e.time);
    const ref = runPython<number[]>(
      `t = np.array(inp["times"]); d = np.array(inp["dff"]); ax = -0.2 + np.arange(121) * 0.01\nout = np.mean([np.interp(e + ax, t, d) for e in inp["ev"]], axis=0)`,
      { times, dff, ev: iso1 },
    );
    assert.equal(eta[0].apCount, 1);
    assert.equal(eta[0].n, iso1.length);
    assertClose(eta[0].mean, ref, 1e-12, 0, "ETA");
  });

  it("rise/decay: a τ rise shorter than one frame interval is flagged as not resolved", function () {
    const g = normal(9);
    const t = Float64Array.from({ length: 300 }, (_, i) => -0.3 + i / 158);
    const y = t.map((x) => riseDecayModel(x, [0.8, 0.07, 0.5, 0.02]) + 0.01 * g());
    const frames = runPython<number>(`out = float(np.median(np.diff(np.array(inp["t"]))))`, { t });
    const atDataRate = fitRiseDecay(t, y);
    assert.ok(Math.abs(atDataRate.frameInterval - frames) < 1e-15, `${atDataRate.frameInterval}`);
    assert.equal(atDataRate.riseResolved, true, `τ rise ${atDataRate.tauRise} ≥ ${frames}`);
    // the same samples judged as 10 Hz imaging: τ rise (≈ 0.07 s) is under one frame (0.1 s)
    const at10Hz = fitRiseDecay(t, y, { frameInterval: 0.1 });
    assert.equal(at10Hz.tauRise, atDataRate.tauRise, "the flag does not change the fit");
    assert.equal(at10Hz.frameInterval, 0.1);
    assert.equal(at10Hz.riseResolved, false);
  });

  it("rise/decay fit by Levenberg–Marquardt matches scipy.optimize.curve_fit", function () {
    const g = normal(9);
    const t = Float64Array.from({ length: 300 }, (_, i) => -0.3 + i / 158);
    const y = t.map((x) => riseDecayModel(x, [0.8, 0.07, 0.5, 0.02]) + 0.01 * g());
    const fit = fitRiseDecay(t, y);
    const ref = runPython<number[]>(
      `
from scipy.optimize import curve_fit
t = np.array(inp["t"]); y = np.array(inp["y"])
def f(t, A, tr, td, b):
    u = np.clip(t, 0, None)
    return np.where(t < 0, b, A * (1 - np.exp(-u / tr)) * np.exp(-u / td) + b)
p, _ = curve_fit(f, t, y, p0=inp["p0"], maxfev=20000)
out = p
`,
      { t, y, p0: [0.5, 0.05, 1, 0] },
    );
    const mine = fitRiseDecay(t, y, { p0: [0.5, 0.05, 1, 0] });
    for (const [k, v] of [mine.amplitude, mine.tauRise, mine.tauDecay, mine.baseline].entries()) {
      assert.ok(
        Math.abs(v - ref[k]) < 1e-5 * Math.max(1, Math.abs(ref[k])),
        `param ${k}: ${v} vs ${ref[k]}`,
      );
    }
    assert.ok(
      Math.abs(fit.tauDecay - 0.5) < 0.05 && Math.abs(fit.tauRise - 0.07) < 0.02,
      `automatic start: ${JSON.stringify(fit)}`,
    );
  });

  it("rejects bad input naming the argument", function () {
    assert.throws(
      () => peakDff({ values: dff, timestamps: times.subarray(1) }, [1]),
      /dff.values and dff.timestamps must have the same length/,
    );
    const t2 = times.slice();
    t2[10] = t2[9];
    assert.throws(
      () => peakDff({ values: dff, timestamps: t2 }, [1]),
      /dff.timestamps: expected strictly increasing/,
    );
    assert.throws(
      () => detectionProbability({ values: dff, timestamps: times }, spikes, { fpRate: 0 }),
      /fpRate/,
    );
    assert.throws(
      () =>
        detectionProbability(
          { values: dff.subarray(0, 3000), timestamps: times.subarray(0, 3000) },
          spikes,
        ),
      /spike-free windows/,
    );
    assert.throws(() => fitRiseDecay([1, 2], [1, 2]), /time: expected at least 5 samples/);
  });
});

// Averages aligned to events take the signal with its time base — { values, rate, startTime } or
// { values, timestamps } — as a window of the NWB reader gives it (window.signal()). Checked against
// numpy on the same recording read by h5py, for both forms, on a window that does not start at 0
// (so a lost start time would shift every spike by 10 s and fail).
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  apEvents,
  eventTriggeredAverages,
  peakDff,
  spikeTriggeredAverage,
} from "../../kernel-ext/analysis/index.js";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import type { NWBFile } from "../../kernel-ext/nwb/neurodata/file/nwb-file.js";
import type { TimeSeries } from "../../kernel-ext/nwb/neurodata/base/time-series.js";
import type { Units } from "../../kernel-ext/nwb/neurodata/misc/units.js";
import { assertClose } from "./support/assert.js";
import { runPython } from "./support/python.js";

const FILE = join(import.meta.dirname, "../../data/recordings/Chen2013_GCaMP6f_cell1C_rec0.nwb");

/** numpy on h5py-read data: the recording's voltage (volts), its time base, spike times and ΔF/F. */
const LOAD = `
import h5py
f = h5py.File(inp["file"], "r")
es = f["acquisition/ElectricalSeries_raw"]
v = es["data"][:].astype(np.float64) * float(es["data"].attrs["conversion"])
fs = float(es["starting_time"].attrs["rate"]); t0 = float(es["starting_time"][()])
sp = f["units/spike_times"][:]
rrs = f["processing/ophys/DfOverF/roi_response_series"]
dff = rrs["data"][:].astype(np.float64); ft = rrs["timestamps"][:]
`;

describe("analysis: averages aligned to events take a signal with its time base", function () {
  let file: NWBFile;
  let raw: TimeSeries;
  let spikes: Float64Array;
  before(async function () {
    file = await openNWB(FILE);
    raw = file.get("acquisition/ElectricalSeries_raw") as TimeSeries;
    spikes = await (file.units as Units).spikeTimes(0);
  });
  after(async function () {
    await file?.close();
  });

  it("spike-triggered average of a window: rate form and timestamps form both equal numpy", async function () {
    const w = await raw.readWindow(10, 20);
    const regular = w.signal();
    assert.ok(
      "rate" in regular && regular.startTime === 10,
      `the window's signal starts at its first sample: ${JSON.stringify({ ...regular, values: undefined })}`,
    );
    const timestamped = { values: regular.values, timestamps: w.times };
    const opts = { preSeconds: 0.002, postSeconds: 0.004 };
    const a = spikeTriggeredAverage(regular, spikes, opts);
    const b = spikeTriggeredAverage(timestamped, spikes, opts);
    const ref = runPython<{ mean: number[]; n: number; time: number[] }>(
      `${LOAD}
pre = round(0.002 * fs); post = round(0.004 * fs)
i0 = int(np.ceil((10 - t0) * fs - 1e-9)); i1 = int(np.ceil((20 - t0) * fs - 1e-9))
c = np.floor((sp - t0) * fs + 0.5).astype(int)
c = c[(c - pre >= i0) & (c + post < i1)]
out = {"mean": np.mean([v[k - pre:k + post + 1] for k in c], axis=0), "n": len(c), "time": (np.arange(pre + post + 1) - pre) / fs}
`,
      { file: FILE },
    );
    assert.ok(ref.n > 10, `spikes in the window: ${ref.n}`);
    for (const [form, r] of [
      ["rate", a],
      ["timestamps", b],
    ] as const) {
      assert.equal(r.n, ref.n, `${form}: spikes averaged`);
      assertClose(r.mean, ref.mean, 1e-12, 1e-18, `${form}: STA (V)`);
      assertClose(r.time, ref.time, 1e-9, 1e-12, `${form}: time axis (s)`);
    }
  });

  it("event-triggered averages: ΔF/F with timestamps and voltage with a rate, both equal numpy interpolation", async function () {
    const dffSeries = file.get("processing/ophys/DfOverF/roi_response_series") as TimeSeries;
    const dff = (await dffSeries.readAll()).signal();
    assert.ok("timestamps" in dff, "a timestamped series gives { values, timestamps }");
    const events = apEvents(spikes, { indicator: "GCaMP6f" });
    const eta = eventTriggeredAverages(dff, events, {
      preSeconds: 0.2,
      postSeconds: 1,
      dt: 0.01,
      isolatedOnly: true,
    });
    const onsets = (k: number) =>
      events.filter((e) => e.isolated && e.apCount === k).map((e) => e.time);
    const ref = runPython<{ one: number[]; n: number }>(
      `${LOAD}
ax = -0.2 + np.arange(121) * 0.01
ev = [e for e in inp["ev"] if e - 0.2 >= ft[0] and e + 1 <= ft[-1]]
out = {"one": np.mean([np.interp(e + ax, ft, dff) for e in ev], axis=0), "n": len(ev)}
`,
      { file: FILE, ev: onsets(1) },
    );
    assert.equal(eta[0].apCount, 1);
    assert.equal(eta[0].n, ref.n);
    assert.ok(ref.n >= 3, `isolated 1-AP events: ${ref.n}`);
    assertClose(eta[0].mean, ref.one, 1e-12, 1e-15, "ΔF/F ETA (timestamps form)");

    const w = await raw.readWindow(10, 20);
    const v = w.signal();
    const inWindow = events.filter((e) => e.time > 10.01 && e.time < 19.99);
    const opts = { preSeconds: 0.002, postSeconds: 0.004, dt: 1 / 20000, isolatedOnly: false };
    const byRate = eventTriggeredAverages(v, inWindow, opts);
    const byTimes = eventTriggeredAverages(
      { values: v.values, timestamps: w.times },
      inWindow,
      opts,
    );
    const vref = runPython<Record<string, number[]>>(
      `${LOAD}
i0 = int(np.ceil((10 - t0) * fs - 1e-9)); i1 = int(np.ceil((20 - t0) * fs - 1e-9))
t = t0 + np.arange(i0, i1) / fs; x = v[i0:i1]
n = int(np.floor(0.006 * 20000 + 1e-9)) + 1; ax = -0.002 + np.arange(n) / 20000
out = {str(k): np.mean([np.interp(e + ax, t, x) for e in evs], axis=0) for k, evs in inp["groups"].items()}
`,
      {
        file: FILE,
        groups: Object.fromEntries(
          byRate.map((g) => [
            g.apCount,
            inWindow.filter((e) => e.apCount === g.apCount).map((e) => e.time),
          ]),
        ),
      },
    );
    assert.ok(byRate.length >= 1);
    for (const g of byRate)
      assertClose(
        g.mean,
        vref[String(g.apCount)],
        1e-9,
        1e-15,
        `voltage ETA, ${g.apCount} AP (rate form)`,
      );
    assert.deepEqual(
      byTimes.map((g) => g.n),
      byRate.map((g) => g.n),
    );
    for (const [i, g] of byTimes.entries())
      assertClose(
        g.mean,
        byRate[i].mean,
        1e-9,
        1e-15,
        `timestamps form = rate form, ${g.apCount} AP`,
      );
  });

  it("peak ΔF/F is the same from a window's signal as from h5py's arrays", async function () {
    const dffSeries = file.get("processing/ophys/DfOverF/roi_response_series") as TimeSeries;
    const dff = (await dffSeries.readWindow(5, 25)).signal();
    const onsets = Array.from(spikes.filter((t) => t > 6 && t < 24));
    const mine = peakDff(dff, onsets, { indicator: "GCaMP6f" });
    const ref = runPython<number[]>(
      `${LOAD}
sel = (ft >= 5) & (ft < 25); t = ft[sel]; d = dff[sel]
def peak(t0):
    s = np.where((t >= t0) & (t <= t0 + 0.3))[0]
    if len(s) == 0: return float("nan")
    im = s[np.argmax(d[s])]
    return d[(t >= t[im] - 0.05) & (t <= t[im] + 0.05)].mean()
out = [peak(x) for x in inp["onsets"]]
`,
      { file: FILE, onsets },
    );
    assert.ok(onsets.length > 5);
    assertClose(mine, ref, 1e-12, 1e-15, "peak ΔF/F");
  });

  it("a signal without its time base, or with two, is refused naming what is missing", function () {
    const values = new Float64Array(100);
    const opts = { preSeconds: 0.01, postSeconds: 0.01 };
    assert.throws(
      () => spikeTriggeredAverage({ values, rate: 1000 } as never, [0.05], opts),
      /signal\.startTime: expected the time \(s\) of sample 0 with the rate/,
    );
    assert.throws(
      () => spikeTriggeredAverage({ values } as never, [0.05], opts),
      /signal: expected a time base: timestamps, or rate \(Hz\) and startTime \(s\)/,
    );
    assert.throws(
      () =>
        spikeTriggeredAverage(
          { values, rate: 1000, startTime: 0, timestamps: values } as never,
          [0.05],
          opts,
        ),
      /signal: expected either timestamps or rate \+ startTime, got both/,
    );
    assert.throws(
      () => spikeTriggeredAverage(values as never, [0.05], opts),
      /signal: expected \{ values, timestamps \} or \{ values, rate, startTime \}, got a bare array of 100 numbers/,
    );
    assert.throws(
      () => eventTriggeredAverages({ values, timestamps: values.subarray(1) }, []),
      /signal\.values and signal\.timestamps must have the same length \(got 100 and 99\)/,
    );
    assert.throws(
      () => peakDff({ values, rate: 0, startTime: 0 }, [1]),
      /dff\.rate: expected a finite number > 0, got 0/,
    );
  });
});

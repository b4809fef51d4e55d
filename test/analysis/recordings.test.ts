// The analysis functions on the project's bundled real recordings (data/recordings, DANDI:000048
// layout): real spike times from the cell-attached recordings, real ΔF/F.
import assert from "node:assert/strict";
import { join } from "node:path";
import h5wasm from "h5wasm/node";
import {
  deconvolve,
  detectSpikes,
  spikefinderCorrelation,
} from "../../kernel-ext/analysis/index.js";

const dir = join(import.meta.dirname, "../../data/recordings");
const files = [
  "Chen2013_GCaMP6f_cell1C_rec0.nwb",
  "Chen2013_GCaMP6s_cell4_rec1.nwb",
  "Allen_GCaMP6f_Emx1_102959_rec0.nwb",
  "Allen_GCaMP6s_Cux2_102436_rec0.nwb",
];

interface Rec {
  voltage: Float64Array;
  fs: number;
  t0: number;
  spikes: Float64Array;
  dff: Float64Array;
  frameTimes: Float64Array;
}

function load(name: string): Rec {
  const f = new h5wasm.File(join(dir, name), "r");
  try {
    const es = f.get("acquisition/ElectricalSeries_raw") as any;
    const data = es.get("data");
    const conversion = Number(data.attrs["conversion"].value);
    const raw = data.value as Int16Array;
    const voltage = Float64Array.from(raw, (v) => v * conversion);
    const st = es.get("starting_time");
    const fs = Number(st.attrs["rate"].value);
    const t0 = Number(st.value);
    const spikes = Float64Array.from((f.get("units/spike_times") as any).value as Float64Array);
    const rrs = f.get("processing/ophys/DfOverF/roi_response_series") as any;
    const dff = Float64Array.from(rrs.get("data").value as ArrayLike<number>);
    const frameTimes = Float64Array.from(rrs.get("timestamps").value as ArrayLike<number>);
    return { voltage, fs, t0, spikes, dff, frameTimes };
  } finally {
    f.close();
  }
}

/** Greedy one-to-one matching of detected to true times within ±tol. */
function match(detected: Float64Array, truth: Float64Array, tol: number): number {
  let i = 0,
    j = 0,
    hits = 0;
  while (i < detected.length && j < truth.length) {
    const d = detected[i] - truth[j];
    if (Math.abs(d) <= tol) {
      hits++;
      i++;
      j++;
    } else if (d < 0) i++;
    else j++;
  }
  return hits;
}

describe("analysis on the bundled real recordings (data/recordings)", function () {
  const recs = new Map<string, Rec>();
  before(async function () {
    await h5wasm.ready;
    for (const f of files) recs.set(f, load(f));
  });

  for (const name of files) {
    it(`${name}: detectSpikes on the cell-attached voltage recovers the real spikes (precision, recall ≥ 0.98 within ±1 ms)`, function () {
      const r = recs.get(name)!;
      const det = detectSpikes(r.voltage, { fs: r.fs, startTime: r.t0 });
      const end = r.t0 + r.voltage.length / r.fs;
      const truth = r.spikes.filter((t) => t >= r.t0 + 0.002 && t < end - 0.002);
      assert.ok(truth.length >= 20, `${truth.length} real spikes in the voltage window`);
      const hits = match(det.times, truth, 1e-3);
      const precision = hits / det.times.length,
        recall = hits / truth.length;
      assert.ok(
        precision >= 0.98 && recall >= 0.98,
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${det.times.length} detected, ${truth.length} true, polarity ${det.polarity})`,
      );
    });
  }

  it("OASIS on the real ΔF/F correlates with the real spikes (spikefinder protocol)", function () {
    for (const name of files) {
      const r = recs.get(name)!;
      const dec = deconvolve(r.dff);
      const corr = spikefinderCorrelation(dec.s, r.spikes, { times: r.frameTimes });
      // Chance level: the same spikes shifted circularly by half the recording.
      const t0 = r.frameTimes[0],
        span = r.frameTimes[r.frameTimes.length - 1] - t0;
      const shifted = Float64Array.from(r.spikes, (t) => t0 + ((t - t0 + span / 2) % span)).sort();
      const chance = spikefinderCorrelation(dec.s, shifted, { times: r.frameTimes });
      assert.ok(
        corr > 0.1 && corr > Math.abs(chance) + 0.1,
        `${name}: spikefinder r ${corr.toFixed(3)} (chance ${chance.toFixed(3)})`,
      );
    }
  });
});

// Reader cases no shipped fixture covers, in an h5py-written file: per-channel
// channel_conversion, compound voxel masks, and a time window found by binary search on disk in
// 300,000 timestamps. Expected values from h5py/numpy on the same file.
import assert from "node:assert/strict";
import { join } from "node:path";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import type { NWBFile } from "../../kernel-ext/nwb/neurodata/file/nwb-file.js";
import { ElectricalSeries } from "../../kernel-ext/nwb/neurodata/ecephys/electrical-series.js";
import { TimeSeries } from "../../kernel-ext/nwb/neurodata/base/time-series.js";
import { PlaneSegmentation } from "../../kernel-ext/nwb/neurodata/ophys/plane-segmentation.js";
import { repoRoot } from "./support.js";
import { type PythonFixture, writePythonFixture } from "../support/python-fixture.js";

describe("NWB reader: channel_conversion, voxel masks, on-disk timestamp search", function () {
  let fixture: PythonFixture<typeof ref>;
  let file: string;
  let nwb: NWBFile;
  let ref: {
    col5: number[];
    cols: number[];
    volts: number[];
    chan: number[];
    window: [number, number];
    ts: number[];
    t: [number, number];
    vox1: number[][];
    locations: string[];
  };

  before(async function () {
    fixture = writePythonFixture({
      writer: join(repoRoot, "test", "nwb", "make_reader_cases.py"),
      fileName: "cases.nwb",
      reference: `
import h5py, json, sys, numpy as np
f = h5py.File(sys.argv[1], "r")
d = f["acquisition/multi/data"]; cc = f["acquisition/multi/channel_conversion"][:].astype(float)
conv, off = float(d.attrs["conversion"]), float(d.attrs["offset"])
volts = d[100:200].astype(float) * conv * cc[None, :] + off
chan = d[100:200, 1].astype(float) * conv * cc[1] + off
ts = f["acquisition/events/timestamps"][:]
t0, t1 = float(ts[123456] - 1e-7), float(ts[123999] + 1e-7)
a, b = int(np.searchsorted(ts, t0, "left")), int(np.searchsorted(ts, t1, "left"))
vm = f["processing/ophys/ImageSegmentation/volume/voxel_mask"][:]; vi = f["processing/ophys/ImageSegmentation/volume/voxel_mask_index"][:]
el = f["general/extracellular_ephys/electrodes/location"][:]
w = f["acquisition/wide/data"]
print(json.dumps(dict(col5=w[:, 5].astype(float).tolist(), cols=w[17:19990, 3:40:7].astype(float).ravel().tolist(), volts=volts.ravel().tolist(), chan=chan.tolist(), window=[a, b], ts=ts[a:b].tolist(), t=[t0, t1],
  vox1=[[float(r[k]) for k in ("x", "y", "z", "weight")] for r in vm[vi[0]:vi[1]]],
  locations=[el[i].decode() for i in f["acquisition/multi/electrodes"][:]])))
`,
    });
    ({ file, ref: ref } = fixture);
    nwb = await openNWB(file);
  });

  after(async function () {
    await nwb?.close();
    fixture?.dispose();
  });

  it("ElectricalSeries: data × conversion × channel_conversion[channel] + offset, all or one channel", async function () {
    const es = nwb.acquisition.get("multi");
    assert.ok(es instanceof ElectricalSeries);
    const w = await es.readSamples(100, 200);
    assert.deepEqual(w.data.shape, [100, 3]);
    const got = w.data.data as Float64Array;
    ref.volts.forEach((v, i) =>
      assert.ok(Math.abs(got[i] - v) < 1e-15, `sample ${i}: ${got[i]} vs ${v}`),
    );
    const one = await es.readWindow(3 + 100 / 500, 3 + 200 / 500, { select: [1] });
    assert.deepEqual([one.start, one.stop], [100, 200]);
    const c = one.data.data as Float64Array;
    ref.chan.forEach((v, i) => assert.ok(Math.abs(c[i] - v) < 1e-15, `channel 1 sample ${i}`));
    assert.deepEqual(
      (await es.electrodeRows()).map((r) => r.location),
      ref.locations,
    );
  });

  it("columns of a contiguous 2-D series (read as row blocks)", async function () {
    const wide = nwb.acquisition.get("wide");
    assert.ok(wide instanceof TimeSeries);
    const one = await wide.data.slice(null, 5);
    assert.deepEqual(one.shape, [20000]);
    assert.ok(one.data instanceof Float32Array);
    assert.deepEqual(Array.from(one.data as Float32Array), ref.col5);
    const some = await wide.data.slice([17, 19990], [3, 40, 7]);
    assert.deepEqual(some.shape, [19973, 6]);
    assert.deepEqual(Array.from(some.data as Float32Array), ref.cols);
  });

  it("TimeSeries: a window in 300,000 timestamps (binary search on disk)", async function () {
    const ev = nwb.acquisition.get("events");
    assert.ok(ev instanceof TimeSeries);
    const w = await ev.readWindow(ref.t[0], ref.t[1]);
    assert.deepEqual([w.start, w.stop], ref.window);
    assert.deepEqual(Array.from(w.times), ref.ts);
    assert.equal(await ev.indexAtTime(-1), 0);
    assert.equal(await ev.indexAtTime(1e12), 300_000);
  });

  it("PlaneSegmentation: compound voxel_mask and its dense (max over z) mask", async function () {
    const ps = nwb.get("processing/ophys/ImageSegmentation/volume");
    assert.ok(ps instanceof PlaneSegmentation);
    assert.deepEqual(ps.maskKinds, ["voxel"]);
    const v = await ps.voxelMask(1);
    assert.deepEqual(
      [...Array(v.x.length).keys()].map((i) => [v.x[i], v.y[i], v.z[i], v.weight[i]]),
      ref.vox1,
    );
    const all = await ps.voxelMasks();
    assert.deepEqual(
      all.map((m) => m.x.length),
      [3, 2],
      "all ROIs in one read: index [3, 5]",
    );
    assert.deepEqual(
      [...Array(all[1].x.length).keys()].map((i) => [
        all[1].x[i],
        all[1].y[i],
        all[1].z[i],
        all[1].weight[i],
      ]),
      ref.vox1,
    );
    const dense = await ps.denseMask(1, [6, 5]);
    assert.deepEqual(dense.shape, [6, 5]);
    assert.equal(dense.data[0 * 5 + 0], 1);
    assert.equal(dense.data[5 * 5 + 1], 0.75);
    assert.equal(Array.from(dense.data).filter((x) => x > 0).length, 2);
    await assert.rejects(
      ps.denseMask(1, [3, 3]),
      /pixel coordinates inside the 3 × 3 frame, ROI 1 has \(5, 1\)/,
    );
  });
});

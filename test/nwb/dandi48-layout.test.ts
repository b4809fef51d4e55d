// The DANDI:000048 layout (cell-attached ephys + two-photon imaging of one cell), written with
// h5py by make_dandi48_layout.py; every value is checked against h5py/numpy reading the same file.
import assert from "node:assert/strict";
import { join } from "node:path";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import type { NWBFile } from "../../kernel-ext/nwb/neurodata/file/nwb-file.js";
import { ElectricalSeries } from "../../kernel-ext/nwb/neurodata/ecephys/electrical-series.js";
import { TwoPhotonSeries } from "../../kernel-ext/nwb/neurodata/ophys/two-photon-series.js";
import { RoiResponseSeries } from "../../kernel-ext/nwb/neurodata/ophys/roi-response-series.js";
import { PlaneSegmentation } from "../../kernel-ext/nwb/neurodata/ophys/plane-segmentation.js";
import { ElectrodeGroup } from "../../kernel-ext/nwb/neurodata/ecephys/electrode-group.js";
import { ProcessingModule } from "../../kernel-ext/nwb/neurodata/base/processing-module.js";
import { Fluorescence } from "../../kernel-ext/nwb/neurodata/ophys/fluorescence.js";
import { ImageSegmentation } from "../../kernel-ext/nwb/neurodata/ophys/image-segmentation.js";
import { isA } from "../../kernel-ext/nwb/type-hierarchy/inheritance.js";
import { mimeBundle } from "../../kernel-ext/display/mimebundle.js";
import { repoRoot } from "./support.js";
import { type PythonFixture, writePythonFixture } from "../support/python-fixture.js";

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12, what = "values"): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(y)) assert.ok(Number.isNaN(x), `${what}[${i}]: expected NaN, got ${x}`);
    else
      assert.ok(Math.abs(x - y) <= tol * Math.max(1, Math.abs(y)), `${what}[${i}]: ${x} vs ${y}`);
  }
}

describe("NWB reader: DANDI:000048 layout", function () {
  let fixture: PythonFixture<typeof ref>;
  let file: string;
  let nwb: NWBFile;
  // What h5py/numpy read from the same file.
  let ref: {
    raw: number[];
    conv: number;
    off: number;
    ts: number[];
    frame5: number[];
    mean: number[];
    max: number[];
    pm1: number[][];
    rois: number[];
    spikes0: number[];
    counts: number[];
    window: [number, number];
  };

  before(async function () {
    fixture = writePythonFixture({
      writer: join(repoRoot, "test", "nwb", "make_dandi48_layout.py"),
      fileName: "cell.nwb",
      reference: `
import h5py, json, sys, numpy as np
f = h5py.File(sys.argv[1], "r")
d = f["acquisition/ElectricalSeries_raw/data"]
ts = f["acquisition/TwoPhotonSeries_green/timestamps"][:]
mov = f["acquisition/TwoPhotonSeries_green/data"]
pm = f["processing/ophys/ImageSegmentation/plane_segmentation/pixel_mask"][:]
idx = f["processing/ophys/ImageSegmentation/plane_segmentation/pixel_mask_index"][:]
st = f["units/spike_times"][:]; sti = f["units/spike_times_index"][:]
t0, t1 = 1.1, 1.25
print(json.dumps(dict(
  raw=d[4000:8000].astype(float).tolist(), conv=float(d.attrs["conversion"]), off=float(d.attrs["offset"]),
  ts=ts.tolist(), frame5=mov[5].astype(float).ravel().tolist(),
  mean=mov[3:50].astype(float).mean(axis=0).ravel().tolist(), max=mov[:].max(axis=0).astype(float).ravel().tolist(),
  pm1=pm[idx[0]:idx[1]].tolist(), rois=f["processing/ophys/Fluorescence/roi_response_series/rois"][:].tolist(),
  spikes0=st[:sti[0]].tolist(), counts=np.diff(np.concatenate([[0], sti])).tolist(),
  window=[int(np.searchsorted(ts, t0, "left")), int(np.searchsorted(ts, t1, "left"))])))
`,
    });
    ({ file, ref: ref } = fixture);
    nwb = await openNWB(file);
  });

  after(async function () {
    await nwb?.close();
    fixture?.dispose();
  });

  it("reads session metadata, subject and devices", function () {
    assert.equal(nwb.nwbVersion, "2.2.5");
    assert.equal(nwb.identifier, "cell-102086");
    assert.equal(nwb.institution, "Allen Institute");
    assert.deepEqual(nwb.experimenter, ["Huang, L.", "Ledochowitsch, P."]);
    assert.equal(nwb.subject?.subjectId, "102086");
    assert.equal(nwb.subject?.genotype, "Emx1-IRES-Cre;Camk2a-tTA;Ai94");
    assert.deepEqual([...nwb.devices.keys()].sort(), ["Bruker 2-p microscope", "MultiClamp 700B"]);
    assert.deepEqual([...nwb.processing.keys()], ["ecephys", "ophys"]);
    assert.ok(nwb.processing.get("ophys") instanceof ProcessingModule);
  });

  it("ElectricalSeries: a time window with conversion and offset applied, times from the rate", async function () {
    const es = nwb.acquisition.get("ElectricalSeries_raw");
    assert.ok(es instanceof ElectricalSeries);
    assert.ok(isA(es, "TimeSeries"));
    assert.equal(es.rate, 40000);
    assert.equal(es.unit, "volts");
    const w = await es.readWindow(0.1, 0.2);
    assert.equal(w.start, 4000);
    assert.equal(w.stop, 8000);
    assert.equal(w.unit, "volts");
    close(
      w.data.data as Float64Array,
      ref.raw.map((v) => v * ref.conv + ref.off),
      1e-12,
      "scaled samples",
    );
    close(
      w.times,
      Array.from({ length: 4000 }, (_, i) => 0.1 + i / 40000),
      1e-12,
      "times",
    );
    const raw = await es.readSamples(4000, 8000, { raw: true });
    assert.ok(raw.data.data instanceof Int16Array);
    close(raw.data.data as Int16Array, ref.raw, 0, "raw samples");
  });

  it("ElectricalSeries: the electrodes region resolves to table rows with their ElectrodeGroup and device", async function () {
    const es = nwb.acquisition.get("ElectricalSeries_raw") as ElectricalSeries;
    const rows = await es.electrodeRows();
    assert.equal(rows.length, 1);
    const r = rows[0];
    assert.equal(r.location, "VISp");
    assert.equal(r.filtering, "none");
    assert.equal(r.group_name, "2-p targeted cell-attached");
    assert.ok(Number.isNaN(r.imp as number) && Number.isNaN(r.x as number));
    assert.ok(r.group instanceof ElectrodeGroup);
    assert.equal((r.group as ElectrodeGroup).device.name, "MultiClamp 700B");
    assert.equal((r.group as ElectrodeGroup).location, "VISp L2/3");
    const proc = nwb.processing.get("ecephys")?.dataInterfaces.get("ElectricalSeries_processed");
    assert.ok(proc instanceof ElectricalSeries);
    assert.equal(proc.filtering, "Butterworth band-pass 250-5000 Hz");
    assert.equal(proc.electrodes.table, es.electrodes.table);
  });

  it("TwoPhotonSeries: imaging plane, optical channel, device, one frame", async function () {
    const tps = nwb.acquisition.get("TwoPhotonSeries_green");
    assert.ok(tps instanceof TwoPhotonSeries);
    assert.equal(tps.frameCount, 60);
    assert.deepEqual(tps.frameShape, [12, 10]);
    const plane = tps.imagingPlane;
    assert.equal(plane.excitationLambda, 920);
    assert.equal(plane.imagingRate, 158);
    assert.equal(plane.indicator, "GCaMP6f");
    assert.equal(plane.device.name, "Bruker 2-p microscope");
    assert.equal(plane.opticalChannels.length, 1);
    assert.equal(plane.opticalChannels[0].emissionLambda, 510);
    const fr = await tps.frame(5);
    assert.deepEqual(fr.shape, [12, 10]);
    close(fr.data as Uint16Array, ref.frame5, 0, "frame 5");
  });

  it("TwoPhotonSeries: chunked mean and max projections equal numpy's, with progress", async function () {
    const tps = nwb.acquisition.get("TwoPhotonSeries_green") as TwoPhotonSeries;
    const progress: [number, number][] = [];
    const mean = await tps.projection("mean", {
      start: 3,
      stop: 50,
      chunkFrames: 7,
      onProgress: (d, t) => progress.push([d, t]),
    });
    close(mean.data, ref.mean, 1e-12, "mean projection");
    assert.deepEqual(
      progress.map((p) => p[0]),
      [7, 14, 21, 28, 35, 42, 47],
    );
    assert.ok(progress.every((p) => p[1] === 47));
    const max = await tps.projection("max", { chunkFrames: 9 });
    close(max.data, ref.max, 0, "max projection");
  });

  it("TwoPhotonSeries: a time window by binary search in timestamps", async function () {
    const tps = nwb.acquisition.get("TwoPhotonSeries_green") as TwoPhotonSeries;
    const w = await tps.readWindow(1.1, 1.25);
    assert.deepEqual([w.start, w.stop], ref.window);
    close(w.times, ref.ts.slice(ref.window[0], ref.window[1]), 0, "timestamps");
    assert.deepEqual(w.data.shape, [ref.window[1] - ref.window[0], 12, 10]);
  });

  it("PlaneSegmentation: pixel_mask stored as a plain (N, 3) int32 array, dense masks and contours", async function () {
    const seg = nwb.processing.get("ophys")?.dataInterfaces.get("ImageSegmentation");
    assert.ok(seg instanceof ImageSegmentation);
    const ps = seg.planeSegmentations.get("plane_segmentation");
    assert.ok(ps instanceof PlaneSegmentation);
    assert.equal(ps.roiCount, 2);
    assert.deepEqual(ps.maskKinds, ["pixel"]);
    assert.deepEqual(ps.frameShape, [12, 10], "frame shape from the series imaging the same plane");
    const m = await ps.pixelMask(1);
    close(
      m.x,
      ref.pm1.map((r) => r[0]),
      0,
      "x",
    );
    close(
      m.y,
      ref.pm1.map((r) => r[1]),
      0,
      "y",
    );
    close(
      m.weight,
      ref.pm1.map((r) => r[2]),
      0,
      "weight",
    );
    const all = await ps.pixelMasks();
    assert.equal(all.length, 2);
    close(
      all[1].x,
      ref.pm1.map((r) => r[0]),
      0,
      "x (all ROIs in one read)",
    );
    close(
      all[1].y,
      ref.pm1.map((r) => r[1]),
      0,
      "y (all ROIs in one read)",
    );
    close(
      all[1].weight,
      ref.pm1.map((r) => r[2]),
      0,
      "weight (all ROIs in one read)",
    );
    close(all[0].x, (await ps.pixelMask(0)).x, 0, "ROI 0 (all ROIs in one read)");
    const dense = await ps.denseMask(1);
    assert.deepEqual(dense.shape, [12, 10]);
    let on = 0;
    for (let x = 0; x < 12; x++) for (let y = 0; y < 10; y++) if (dense.data[x * 10 + y] > 0) on++;
    assert.equal(on, ref.pm1.length);
    for (const [x, y] of ref.pm1) assert.equal(dense.data[x * 10 + y], 1);
    // ROI 0 is a 4 × 4 square at x 2..5, y 3..6: one counter-clockwise ring of 4 corners.
    assert.deepEqual(await ps.contour(0), [
      [
        [2, 3],
        [6, 3],
        [6, 7],
        [2, 7],
      ],
    ]);
    // ROI 1 is a 5 × 5 square with a one-pixel hole: an outer ring and a hole ring whose
    // signed areas add up to the pixel count.
    const rings = await ps.contour(1);
    assert.equal(rings.length, 2);
    const area = (r: [number, number][]) =>
      r.reduce(
        (s, p, i) => s + (p[0] * r[(i + 1) % r.length][1] - r[(i + 1) % r.length][0] * p[1]),
        0,
      ) / 2;
    assert.deepEqual(
      rings.map(area).sort((a, b) => a - b),
      [-1, 25],
    );
  });

  it("RoiResponseSeries: rois resolve to PlaneSegmentation rows; timestamps through a link", async function () {
    const fl = nwb.processing.get("ophys")?.dataInterfaces.get("Fluorescence");
    assert.ok(fl instanceof Fluorescence);
    const rrs = fl.roiResponseSeries.get("roi_response_series");
    assert.ok(rrs instanceof RoiResponseSeries);
    assert.ok(rrs.planeSegmentation instanceof PlaneSegmentation);
    assert.deepEqual(await rrs.roiIndices(), ref.rois);
    const rows = await rrs.roiRows();
    assert.deepEqual(
      rows.map((r) => r.id),
      [9, 7],
    );
    assert.equal((rows[0].pixel_mask as unknown[]).length, ref.pm1.length);
    close(await rrs.times(0, 60), ref.ts, 0, "linked timestamps");
  });

  it("Units: spike times per unit and every extra column", async function () {
    const units = nwb.units;
    assert.ok(units);
    assert.deepEqual(await units.spikeCounts(), ref.counts);
    close(await units.spikeTimes(0), ref.spikes0, 0, "spike times of unit 0");
    const rows = await units.rows();
    assert.deepEqual(
      rows.map((r) => r.quality),
      ["good", "mua"],
    );
    assert.equal((rows[1].spike_times as Float64Array).length, ref.counts[1]);
  });

  it("displays as an HTML tree with every file string escaped, and as text", function () {
    const b = nwb[mimeBundle]();
    const html = b["text/html"] as string;
    assert.ok(!html.includes("<script>"), "no live markup from the file");
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 2-p"));
    assert.ok(
      html.includes("TwoPhotonSeries") &&
        html.includes("(60, 12, 10)") &&
        html.includes("rate=40000"),
    );
    const text = b["text/plain"] as string;
    assert.ok(text.includes("session: <script>alert(1)</script> & 2-p + cell-attached"));
    const tps = nwb.acquisition.get("TwoPhotonSeries_green") as TwoPhotonSeries;
    const tb = tps[mimeBundle]();
    assert.match(
      tb["text/plain"] as string,
      /imaging plane: \/general\/optophysiology\/ImagingPlane/,
    );
  });
});

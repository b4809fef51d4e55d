// linkTime: one window and one cursor shared by TraceView, RasterView and MovieView models, kept in
// step both ways through the models (kernel code and front-end updates), unlink, and the warning
// for views of different files. Frame-at-cursor is checked against numpy on a real TwoPhotonSeries.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import type { NWBFile } from "../../kernel-ext/nwb/neurodata/file/nwb-file.js";
import { nwbWidget } from "../../kernel-ext/models/registry/view-registry.js";
import { linkTime, TimeLinkModel } from "../../kernel-ext/models/link/time-link-model.js";
import { TraceModel } from "../../kernel-ext/models/trace/trace-model.js";
import { RasterModel } from "../../kernel-ext/models/raster/raster-model.js";
import { MovieModel } from "../../kernel-ext/models/movie/movie-model.js";
import { ArrayFrameSource } from "../../kernel-ext/models/movie/frame-source.js";
import { RoiModel } from "../../kernel-ext/models/roi/roi-model.js";
import { roiTracesOf } from "../../kernel-ext/models/nwb/roi-traces-from-nwb.js";
import { RoiResponseSeries } from "../../kernel-ext/nwb/neurodata/ophys/roi-response-series.js";
import type { Widget } from "../../kernel-ext/kernel/widget/widget.js";
import { frameAtTime } from "../../contract/time-link.js";
import { renderTraceSvg } from "../../render/trace.js";
import { PYTHON, runPython, tempDir } from "./support.js";
import { previewPixels } from "../../contract/movie-preview.js";
import { asUint32 } from "../../contract/typed-arrays.js";
import { writeSyntheticMovie } from "../../bench/widgets/synthetic-movie.js";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { exportHTML } from "../../kernel-ext/models/export/html-page.js";
import type { MovieState } from "../../contract/movie.js";
import { TimeSeries } from "../../kernel-ext/nwb/neurodata/base/time-series.js";
import { CouplingModel } from "../../kernel-ext/models/coupling/coupling-model.js";
import { couplingCellOfNWB } from "../../kernel-ext/models/nwb/coupling-from-nwb.js";
import { alignedView } from "../../kernel-ext/models/nwb/aligned-from-nwb.js";
import { renderCouplingSvg } from "../../render/coupling.js";

const REC = (name: string) =>
  fileURLToPath(new URL(`../../data/recordings/${name}.nwb`, import.meta.url));
const FILE_A = REC("Allen_GCaMP6f_Emx1_102959_rec0");
const FILE_B = REC("Chen2013_GCaMP6s_cell4_rec1");

/** An update as the browser sends it, through the widget's own message handler (origin "frontend"). */
async function fromFrontend(w: Widget<any>, state: Record<string, unknown>): Promise<void> {
  await (w as any).handleMessage({ method: "update", state, buffer_paths: [] }, []);
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

function numpyFrameAt(file: string, series: string, times: number[]): number[] {
  const code = `
import h5py, numpy as np, json, sys
ts = h5py.File(sys.argv[1], "r")[sys.argv[2] + "/timestamps"][:]
print(json.dumps([int(np.searchsorted(ts, t, side="right") - 1) for t in json.loads(sys.argv[3])]))`;
  return JSON.parse(
    execFileSync(PYTHON, ["-c", code, file, series, JSON.stringify(times)], { encoding: "utf8" }),
  ) as number[];
}

function h5pyTimestamps(file: string, series: string, index: number): number {
  const code = `
import h5py, sys
print(repr(float(h5py.File(sys.argv[1], "r")[sys.argv[2] + "/timestamps"][int(sys.argv[3])])))`;
  return Number(
    execFileSync(PYTHON, ["-c", code, file, series, String(index)], { encoding: "utf8" }),
  );
}

describe("widgets: linkTime", function () {
  this.timeout(120_000);
  let a: NWBFile;
  let b: NWBFile;
  before(async () => {
    a = await openNWB(FILE_A);
    b = await openNWB(FILE_B);
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  it("shares the first view's window and follows kernel and front-end changes in every member", async () => {
    const trace = (await nwbWidget(
      a.ctx.find("/processing/ophys/DfOverF/roi_response_series"),
    )) as TraceModel;
    const movie = (await nwbWidget(a.ctx.find("/acquisition/TwoPhotonSeries_green"))) as MovieModel;
    const raster = (await nwbWidget(a.ctx.find("/units"))) as RasterModel;
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warnings.push(m);
    let link: TimeLinkModel;
    try {
      link = linkTime(trace, movie, raster);
    } finally {
      console.warn = warn;
    }
    assert.deepEqual(warnings, [], "one file: no clock warning");
    const ref = `IPY_MODEL_${link.modelId}`;
    for (const v of [trace, movie, raster] as Widget<any>[]) assert.equal(v.get("timeLink"), ref);
    assert.deepEqual(
      link.get("members"),
      [trace, movie, raster].map((v) => `IPY_MODEL_${v.modelId}`),
    );
    assert.deepEqual(link.get("window"), trace.get("fullRange"));
    assert.deepEqual(raster.get("visibleRange"), trace.get("fullRange"));
    assert.equal(
      link.get("cursor"),
      movie.get("frameTime"),
      "the cursor starts at the movie's frame",
    );

    // kernel code moves the cursor: every member's cursor, the movie's frame from its timestamps
    const cursors = [1.2345, 17.5, 29.98];
    const expected = numpyFrameAt(FILE_A, "/acquisition/TwoPhotonSeries_green", cursors);
    for (const [k, t] of cursors.entries()) {
      link.setCursor(t);
      await settle();
      assert.equal(trace.get("cursor"), t);
      assert.equal(raster.get("cursor"), t);
      assert.equal(movie.get("cursor"), t);
      assert.equal(movie.get("frame"), expected[k], `frame at ${t} s`);
      assert.equal(frameAtTime(movie.state, t), expected[k]);
    }

    // the browser zooms the trace: the link and the raster follow
    await fromFrontend(trace, { xRange: [10, 12.5] });
    assert.deepEqual(link.get("window"), [10, 12.5]);
    assert.deepEqual(raster.get("visibleRange"), [10, 12.5]);
    // kernel code zooms the raster: the trace follows
    raster.set({ visibleRange: [3, 4] });
    assert.deepEqual(trace.get("xRange"), [3, 4]);
    assert.deepEqual(link.get("window"), [3, 4]);
    // the browser moves the link's cursor (a click in any view)
    await fromFrontend(link, { cursor: 5.5 });
    await settle();
    assert.equal(trace.get("cursor"), 5.5);
    assert.equal(
      movie.get("frame"),
      numpyFrameAt(FILE_A, "/acquisition/TwoPhotonSeries_green", [5.5])[0],
    );
    // the movie's slider (browser) moves the cursor to that frame's time
    await fromFrontend(movie, { frame: 100 });
    await settle();
    const t100 = (await (movie as any).frames.timeOf(100)) as number;
    assert.equal(link.get("cursor"), t100);
    assert.equal(raster.get("cursor"), t100);
    assert.equal(movie.get("frame"), 100, "the frame at its own time stays");

    // the still figure of a member draws the cursor inside its window, and only there
    assert.doesNotMatch(renderTraceSvg(trace.state, { width: 600 }), /class="tsnwb-cursor"/);
    link.setCursor(3.5);
    const svg = renderTraceSvg(trace.state, { width: 600 });
    assert.match(
      svg,
      /<line class="tsnwb-cursor" x1="365" x2="365"/,
      "3.5 s is mid-plot: 150 + 430 / 2",
    );

    link.unlink();
    assert.equal(link.closed, true);
    for (const v of [trace, movie, raster] as Widget<any>[]) {
      assert.equal(v.get("timeLink"), null);
      assert.equal(v.get("cursor"), null);
    }
    trace.set({ xRange: [1, 2] });
    assert.deepEqual(raster.get("visibleRange"), [3, 4], "unlinked views move alone");
    assert.doesNotMatch(renderTraceSvg(trace.state, { width: 600 }), /class="tsnwb-cursor"/);
  });

  it("warns when the views come from different files or a raster is aligned to events", async () => {
    const ta = (await nwbWidget(
      a.ctx.find("/processing/ophys/DfOverF/roi_response_series"),
    )) as TraceModel;
    const tb = (await nwbWidget(
      b.ctx.find("/processing/ophys/DfOverF/roi_response_series"),
    )) as TraceModel;
    const aligned = RasterModel.create([{ id: 0, times: [0.5, 1.5, 2.5] }], {
      title: "aligned unit",
      align: { events: [1, 2], label: "stim", before: 0.5, after: 1 },
    });
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warnings.push(m);
    try {
      const link = linkTime(ta, tb, aligned);
      assert.equal(link.get("messages").length, 2);
      link.unlink();
    } finally {
      console.warn = warn;
    }
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /different files/);
    assert.ok(warnings[0]!.includes(FILE_A) && warnings[0]!.includes(FILE_B), warnings[0]);
    assert.match(warnings[1]!, /aligned unit is aligned to events/);
  });

  it("a RoiView joins through the TraceViews of its selection: their window and cursor follow, both ways", async () => {
    const roi = (await nwbWidget(
      a.ctx.find("/processing/ophys/ImageSegmentation/plane_segmentation"),
    )) as RoiModel;
    const movie = (await nwbWidget(a.ctx.find("/acquisition/TwoPhotonSeries_green"))) as MovieModel;
    const lonely = RoiModel.create({ masks: [{ rows: [0], cols: [0] }] });
    assert.throws(() => linkTime(lonely, movie), /view 1 is a RoiView that no TraceView shows/);
    const rrs = a.ctx.find("/processing/ophys/DfOverF/roi_response_series");
    assert.ok(rrs instanceof RoiResponseSeries);
    const traces = await TraceModel.create([{ id: "spikes", label: "spikes", events: [1, 2] }]);
    await traces.linkRoiView(roi, await roiTracesOf(rrs));
    roi.select([roi.state.rois.ids[0]!]);
    for (let k = 0; k < 200 && traces.state.lanes.length < 2; k++)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(traces.state.lanes.length, 2, "the selected ROI's ΔF/F lane");

    const link = linkTime(roi, movie);
    assert.equal(traces.get("timeLink"), `IPY_MODEL_${link.modelId}`);
    assert.deepEqual(link.views, [traces, movie], "the RoiView stands for its trace view");
    assert.deepEqual(link.get("window"), traces.get("xRange"));
    // the link moves the ROI's traces and the movie (frame from the file's timestamps, numpy)
    link.setCursor(12.25);
    await settle();
    assert.equal(traces.get("cursor"), 12.25);
    assert.equal(
      movie.get("frame"),
      numpyFrameAt(FILE_A, "/acquisition/TwoPhotonSeries_green", [12.25])[0],
    );
    // the browser zooms the ROI's traces: the link follows
    await fromFrontend(traces, { xRange: [4, 6.5] });
    assert.deepEqual(link.get("window"), [4, 6.5]);
    // the movie's slider moves the traces' cursor to that frame's time
    await fromFrontend(movie, { frame: 321 });
    await settle();
    const ts = h5pyTimestamps(FILE_A, "/acquisition/TwoPhotonSeries_green", 321);
    assert.equal(traces.get("cursor"), ts);
    assert.equal(link.get("cursor"), ts);
    // a trace given beside its RoiView joins once
    link.unlink();
    assert.equal(traces.get("timeLink"), null);
    const again = linkTime(roi, traces, movie);
    assert.deepEqual(again.views, [traces, movie]);
    again.unlink();
    traces.close();
    assert.throws(() => linkTime(roi, movie), /no TraceView shows/, "a closed trace leaves");
  });

  it("exportHTML right after linkTime waits for the movie's preview frames: the page holds them", async () => {
    const dir = tempDir("export-preview");
    const movie = (await nwbWidget(a.ctx.find("/acquisition/TwoPhotonSeries_green"))) as MovieModel;
    const trace = await TraceModel.create([{ label: "v", values: [1, 2, 3], rate: 1 }]);
    try {
      const link = linkTime(trace, movie);
      // same cell, no await in between: the preview frames are still being read
      assert.equal(movie.get("previewFrames"), null);
      const path = join(dir.path, "linked.html");
      await exportHTML([trace, movie], path);
      const page = readFileSync(path, "utf8");
      const json =
        /<script type="application\/vnd.jupyter.widget-state\+json">(.*?)<\/script>/s.exec(
          page,
        )![1]!;
      const saved = (JSON.parse(json) as { state: Record<string, { state: MovieState }> }).state[
        movie.modelId
      ]!.state;
      assert.ok(saved.previewFrames, "the saved movie has its preview frames");
      assert.deepEqual(saved.previewFrames.shape, movie.get("previewFrames")!.shape);
      assert.equal(saved.timeLink, `IPY_MODEL_${link.modelId}`);
      link.unlink();
    } finally {
      movie.close();
      trace.close();
      dir.remove();
    }
  });

  it("a linked movie carries preview frames: h5py's frames, decimated as documented, within 8-bit steps", async () => {
    const dir = tempDir("preview");
    try {
      // the bundled 24×24 movie (frames only thinned) and a 300×200 one (4×4 blocks: 128 px and 512 KiB)
      const synthetic = await writeSyntheticMovie(join(dir.path, "movie.nwb"), {
        frames: 150,
        height: 300,
        width: 200,
        rate: 20,
        conversion: 0.5,
      });
      const s = await openNWB(synthetic);
      try {
        const cases: [NWBFile, string, string, number][] = [
          [a, FILE_A, "/acquisition/TwoPhotonSeries_green", 1],
          [s, synthetic, "/acquisition/movie", 4],
        ];
        for (const [nwb, file, series, factor] of cases) {
          const movie = (await nwbWidget(nwb.ctx.find(series))) as MovieModel;
          const other = await TraceModel.create([{ label: "v", values: [1, 2, 3], rate: 1 }]);
          assert.equal(movie.get("previewFrames"), null, "no preview before linking");
          const link = linkTime(other, movie);
          await movie.loadPreview();
          const p = movie.get("previewFrames")!;
          const ref = runPython<{
            indices: number[];
            factor: number;
            shape: [number, number];
            lo: number;
            hi: number;
            means: (number | null)[];
          }>("movie_preview.py", [file, series]);
          assert.deepEqual(Array.from(asUint32(p.indices)), ref.indices);
          assert.equal(ref.indices.length, 120);
          assert.equal(p.factor, factor);
          assert.equal(ref.factor, factor);
          assert.deepEqual(p.shape, ref.shape);
          assert.ok(p.data.byteLength <= 512 * 1024);
          const tol = (x: number) => 1e-5 * Math.max(1, Math.abs(x));
          assert.ok(Math.abs(p.scale[0] - ref.lo) <= tol(ref.lo), `lo ${p.scale[0]} vs ${ref.lo}`);
          assert.ok(Math.abs(p.scale[1] - ref.hi) <= tol(ref.hi), `hi ${p.scale[1]} vs ${ref.hi}`);
          const step = (ref.hi - ref.lo) / 255;
          const per = ref.shape[0] * ref.shape[1];
          let worst = 0;
          for (let k = 0; k < ref.indices.length; k++) {
            const px = previewPixels(p, k);
            for (let q = 0; q < per; q++)
              worst = Math.max(worst, Math.abs(px[q]! - ref.means[k * per + q]!));
          }
          assert.ok(
            worst <= step / 2 + tol(ref.hi),
            `${file}: worst ${worst} > half a step ${step / 2}`,
          );
          assert.ok(worst > 0, "quantised: not the float values themselves");
          link.unlink();
        }
      } finally {
        await s.close();
      }
    } finally {
      dir.remove();
    }
  });

  it("refuses what it cannot link, naming the view", async () => {
    const t = await TraceModel.create([{ label: "v", values: [1, 2, 3], rate: 1 }]);
    assert.throws(() => linkTime(t), /at least 2 views/);
    assert.throws(() => linkTime(t, t), /same view is given twice/);
    assert.throws(
      () => linkTime(t, { spec: { modelName: "TableModel" } }),
      /view 2 is TableModel; expected a TraceView, RasterView, MovieView, CouplingView or AlignedView/,
    );
    const movie = await MovieModel.create(
      new ArrayFrameSource(new Float32Array(4 * 4), [2, 2], 2, 10),
    );
    const link = linkTime(t, movie);
    assert.throws(() => link.setCursor(NaN), /finite time/);
    assert.throws(() => link.setWindow(3, 1), /t0 < t1/);
    // regular frames at 2 Hz from 10 s: 10.74 s is frame 1; before 10 s and after the last frame: none
    link.setCursor(10.74);
    await settle();
    assert.equal(movie.get("frame"), 1);
    assert.equal(frameAtTime(movie.state, 9.9), -1);
    assert.equal(frameAtTime(movie.state, 12.01), -1);
    assert.equal(frameAtTime(movie.state, 11.99), 3);
    link.unlink();
  });
});

describe("widgets: linkTime with CouplingView and AlignedView", function () {
  this.timeout(120_000);
  let a: NWBFile;
  before(async () => {
    a = await openNWB(FILE_A);
  });
  after(async () => {
    await a.close();
  });

  /** The unit's spike times as h5py reads them. */
  function h5pySpikes(file: string): number[] {
    const code = `
import h5py, json, sys
f = h5py.File(sys.argv[1], "r")
print(json.dumps(f["units/spike_times"][: f["units/spike_times_index"][0]].tolist()))`;
    return JSON.parse(execFileSync(PYTHON, ["-c", code, file], { encoding: "utf8" })) as number[];
  }

  it("coupling takes window and cursor; aligned takes the cursor only; a clicked event row moves every cursor to the event", async () => {
    const dff = a.ctx.find("/processing/ophys/DfOverF/roi_response_series");
    assert.ok(dff instanceof TimeSeries);
    const trace = (await nwbWidget(dff)) as TraceModel;
    const coupling = await CouplingModel.create([await couplingCellOfNWB(a)]);
    const aligned = await alignedView(dff, { units: a.units! }, { window: [-0.5, 1] });
    const link = linkTime(trace, coupling, aligned);
    try {
      const ref = `IPY_MODEL_${link.modelId}`;
      for (const v of [trace, coupling, aligned] as Widget<any>[])
        assert.equal(v.get("timeLink"), ref);
      // The window: the coupling view's lanes follow (session time); the aligned view keeps its
      // lag axis (time from the event).
      const lags = aligned.get("lags");
      link.setWindow(12, 15);
      assert.deepEqual(coupling.get("xRange"), [12, 15]);
      assert.equal(aligned.get("lags"), lags);
      assert.equal((aligned.state as unknown as Record<string, unknown>).xRange, undefined);
      // A click on an aligned heat-map row: the browser sets that row's event time as cursor.
      const spikes = h5pySpikes(FILE_A);
      const row = aligned.get("trials")[3]!;
      assert.equal(row.time, spikes[row.event], "the row's time is h5py's spike time");
      await fromFrontend(aligned, { cursor: row.time });
      await settle();
      assert.equal(link.get("cursor"), row.time);
      assert.equal(trace.get("cursor"), row.time);
      assert.equal(coupling.get("cursor"), row.time);
      // A click on a coupling event row: its onset, the event's first spike (h5py).
      const ev = coupling.get("events").trials[0]!;
      assert.equal(ev.time, spikes[ev.event], "the event row's onset is h5py's first spike");
      await fromFrontend(coupling, { cursor: ev.time });
      await settle();
      for (const v of [link, trace, aligned] as Widget<any>[])
        assert.equal(v.get("cursor"), ev.time);
      // The kernel moves the cursor: both views hold it, so their figures and saved state show it.
      const inWindow = spikes.find((t) => t > 12 && t < 15)!;
      link.setCursor(inWindow);
      assert.equal(aligned.get("cursor"), inWindow);
      assert.equal(coupling.get("cursor"), inWindow);
      assert.ok(renderCouplingSvg(coupling.state).includes('class="tsnwb-cursor"'), "cursor drawn");
    } finally {
      link.unlink();
    }
    assert.equal(aligned.get("timeLink"), null);
    assert.equal(coupling.get("cursor"), null);
  });
});

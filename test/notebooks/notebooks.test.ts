// The example notebooks, executed as CI executes them: Debian's nbclient on the tsnwb kernel
// (kernelspec installed by the real `tsnwb install --prefix`), cwd notebooks/, executed copies in a
// temporary folder. For each notebook: no error outputs, widget views in the outputs with their
// state stored in the notebook metadata, and the values the tagged cells print (`NBCHECK {json}`)
// checked against h5py/numpy (test/notebooks/py/reference.py) or the library called from the test
// on h5py-read data. Notebooks run one after another on one kernelspec install.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { type ExecutedNotebook, NotebookRunner, reference, repoRoot } from "./support/notebook-run.js";

const recordings = ["Chen2013_GCaMP6f_cell1C_rec0.nwb", "Chen2013_GCaMP6s_cell4_rec1.nwb", "Allen_GCaMP6f_Emx1_102959_rec0.nwb", "Allen_GCaMP6s_Cux2_102436_rec0.nwb"];
const recordingPath = (name: string) => join(repoRoot, "data", "recordings", name);

/** The recording dashboard's spikes, isolated events ([onset, last spike, APs]) and peak ΔF/F, by
 *  h5py + numpy (test/widgets/reference/recording.py). */
function recordingReference(name: string): { spikes: number[]; events: [number, number, number][]; peak: number[] } {
  const script = join(repoRoot, "test", "widgets", "reference", "recording.py");
  return JSON.parse(execFileSync("/usr/bin/python3", [script, recordingPath(name)], { encoding: "utf8" }));
}

/** Zero errors, every view's model in the stored widget state, with the expected model names. */
function assertCleanWithWidgets(nb: ExecutedNotebook, models: string[]): void {
  assert.deepEqual(nb.problems(), [], `${nb.name}: problems in the outputs`);
  const views = nb.widgetViews();
  const state = nb.widgetState();
  assert.ok(views.length >= models.length, `${nb.name}: ${views.length} widget views, expected at least ${models.length}`);
  for (const id of views) assert.ok(state[id], `${nb.name}: view ${id} has no stored widget state`);
  const shown = views.map((id) => state[id].model_name);
  for (const m of models) assert.ok(shown.includes(m), `${nb.name}: no ${m} among the shown views (${shown.join(", ")})`);
  for (const id of views) assert.equal(state[id].model_module, "tsnwb-widgets");
}

describe("notebooks (nbclient on the tsnwb kernel)", function () {
  this.timeout(300_000);
  const runner = new NotebookRunner();
  before(() => runner.install());
  after(() => runner.remove());

  describe("01-tour-of-an-nwb-file", () => {
    let nb: ExecutedNotebook;
    before(async () => (nb = await runner.execute("01-tour-of-an-nwb-file.ipynb")));

    it("runs without errors and stores the state of a view for every object (trace, ROI, movie, raster, table)", () => {
      assertCleanWithWidgets(nb, ["TraceModel", "RoiModel", "MovieModel", "RasterModel", "TableModel", "RecordingModel"]);
      const html = nb.outputs.find((o) => o.data?.["text/html"]);
      assert.match(String(html?.data?.["text/html"]), /NWBFile/, "the file's HTML tree is displayed");
    });

    it("stores binary widget state (base64 buffers) that decodes to the data: the raster's spike times are h5py's", async () => {
      const raster = Object.values(nb.widgetState()).find((m) => m.model_name === "RasterModel")!;
      const buf = (raster.buffers as { path: (string | number)[]; encoding: string; data: string }[]).find((b) => b.path.join(".") === "spikeTimes");
      assert.ok(buf, "spikeTimes travels as a buffer");
      assert.equal(buf.encoding, "base64");
      const bytes = Buffer.from(buf.data, "base64");
      const stored = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
      const ref = await reference<{ spikes: number[] }>("traces", { file: recordingPath("Allen_GCaMP6s_Cux2_102436_rec0.nwb") });
      assert.deepEqual(Array.from(stored), ref.spikes);
    });

    it("prints the file's metadata, subject, electrodes, imaging plane and spike counts as h5py reads them", async () => {
      const c = nb.check();
      const ref = await reference("metadata", { file: recordingPath("Allen_GCaMP6s_Cux2_102436_rec0.nwb") });
      for (const [k, v] of Object.entries(ref)) assert.deepEqual(c[k], v, k);
      assert.deepEqual(c.views, {
        "acquisition/ElectricalSeries_raw": "trace",
        "processing/ecephys/ElectricalSeries_processed": "trace",
        "processing/ophys/DfOverF/roi_response_series": "trace",
        "processing/ophys/ImageSegmentation/plane_segmentation": "roi",
        "acquisition/TwoPhotonSeries_green": "movie",
        units: "raster",
        "general/extracellular_ephys/electrodes": "table",
      });
    });

    it("opens the recording dashboard on the file: its spikes and first isolated 1-AP event are numpy's", () => {
      const c = nb.check();
      const ref = recordingReference("Allen_GCaMP6s_Cux2_102436_rec0.nwb");
      assert.equal(c.fileView, "recording");
      assert.equal(c.dashboardSpikes, ref.spikes.length);
      const i = ref.events.findIndex(([, , n]) => n === 1);
      assert.equal(c.dashboardEvent.time, ref.events[i]![0]);
      assert.equal(c.dashboardEvent.apCount, 1);
      assert.ok(Math.abs(c.dashboardEvent.peakDff - ref.peak[i]!) < 1e-12);
    });
  });

  describe("02-electrophysiology", () => {
    let nb: ExecutedNotebook;
    before(async () => (nb = await runner.execute("02-electrophysiology.ipynb")));

    it("runs without errors and stores a RasterView and a TraceView", () => {
      assertCleanWithWidgets(nb, ["RasterModel", "TraceModel"]);
    });

    it("detects the stored spikes of all four cells: precision and recall ≥ 0.98, counts as h5py reads them", async () => {
      const perFile = nb.checks().filter((c) => c.file);
      assert.deepEqual(perFile.map((c) => c.file), recordings);
      const ref = await reference<Record<string, { total: number; inVoltage: number }>>("spikes_in_voltage", { files: recordings.map(recordingPath) });
      for (const c of perFile) {
        assert.equal(c.stored, ref[c.file].inVoltage, `${c.file}: stored spikes in the voltage window`);
        assert.ok(c.stored > 40, `${c.file}: a real number of spikes (${c.stored})`);
        assert.ok(c.precision >= 0.98 && c.recall >= 0.98, `${c.file}: P ${c.precision} R ${c.recall}`);
        assert.equal(c.precision, c.hits / c.detected);
        assert.equal(c.recall, c.hits / c.stored);
      }
    });

    it("prints a firing rate that is the stored spike count over the recording", async () => {
      const c = nb.check();
      const ref = await reference<Record<string, { total: number }>>("spikes_in_voltage", { files: [recordingPath(recordings[0])] });
      assert.equal(c.storedTotal, ref[recordings[0]].total);
      assert.equal(c.rateSum, c.storedTotal, "1 s bins count every spike once");
      assert.ok(Math.abs(c.meanRate - c.storedTotal / c.rateBins) < 1e-12, `mean rate ${c.meanRate}`);
    });
  });

  describe("03-imaging", () => {
    let nb: ExecutedNotebook;
    before(async () => (nb = await runner.execute("03-imaging.ipynb")));

    it("runs without errors and stores a RoiView, a TraceView and a MovieView", () => {
      assertCleanWithWidgets(nb, ["RoiModel", "TraceModel", "MovieModel"]);
    });

    it("saves the time link of the traces and the movie, and the movie's preview frames for pages without a kernel", () => {
      const state = nb.widgetState();
      const links = Object.values(state).filter((m) => m.model_name === "TimeLinkModel");
      assert.equal(links.length, 1);
      const members = (links[0]!.state.members as string[]).map((ref) => state[ref.replace(/^IPY_MODEL_/, "")]);
      assert.deepEqual(members.map((m) => m?.model_name), ["TraceModel", "MovieModel"]);
      const movie = members[1]!;
      assert.equal(movie.state.timeLink, `IPY_MODEL_${Object.keys(state).find((id) => state[id] === links[0])}`);
      // The cell's end waited for the previews (binary fields are saved as buffers at their paths).
      const paths = ((movie.buffers ?? []) as { path: string[] }[]).map((b) => b.path.join("/"));
      assert.ok(movie.state.previewFrames !== null, "the saved movie has preview frames");
      assert.ok(paths.some((p) => p.startsWith("previewFrames/")), `buffers: ${paths.join(", ")}`);
    });

    it("prints ROI/neuropil traces and neuropil-corrected ΔF/F equal to numpy + scipy's percentile_filter on the h5py-read movie", async () => {
      const c = nb.check();
      const ref = await reference("imaging", { file: recordingPath("Chen2013_GCaMP6s_cell4_rec1.nwb"), window: c.baselineWindow, shortWindow: c.shortWindow });
      const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
      for (const k of ["nFrames", "roiPixels", "ringPixels"]) assert.equal(c[k], ref[k], k);
      for (const k of ["meanRoi", "meanNeuropil", "meanDff", "r", "rShort"]) close(c[k], ref[k], k);
      c.dffSamples.forEach((v: number, i: number) => close(v, ref.dffSamples[i], `ΔF/F sample ${i}`));
      assert.ok(c.r > 0.999, `ΔF/F from the movie follows the stored ΔF/F (r ${c.r})`);
      assert.ok(c.rShort < c.r, "the short baseline window loses signal");
    });
  });

  describe("04-spike-calcium-coupling", () => {
    let nb: ExecutedNotebook;
    before(async () => (nb = await runner.execute("04-spike-calcium-coupling.ipynb")));
    const order = ["Chen2013_GCaMP6s_cell4_rec1.nwb", "Allen_GCaMP6s_Cux2_102436_rec0.nwb", "Chen2013_GCaMP6f_cell1C_rec0.nwb", "Allen_GCaMP6f_Emx1_102959_rec0.nwb"];

    it("runs without errors and stores a CouplingView and a recording dashboard", () => {
      assertCleanWithWidgets(nb, ["CouplingModel", "RecordingModel"]);
    });

    it("the dashboard's first isolated 2-AP event (time, AP count, peak ΔF/F) is numpy's", () => {
      const { dashboard } = nb.checks().find((c) => c.dashboard)!;
      const ref = recordingReference(dashboard.file);
      const i = ref.events.findIndex(([, , n]) => n === 2);
      assert.deepEqual([dashboard.time, dashboard.apCount], [ref.events[i]![0], 2]);
      assert.ok(Math.abs(dashboard.peakDff - ref.peak[i]!) < 1e-12);
    });

    it("prints per-cell event counts, 1-AP peak ΔF/F, 1% FP thresholds and detection probabilities equal to numpy's Huang 2021 definitions", async () => {
      const cells = nb.checks().filter((c) => c.file);
      assert.deepEqual(cells.map((c) => c.file), order);
      const ref = await reference<any[]>("coupling", { files: order.map(recordingPath) });
      for (let i = 0; i < order.length; i++) {
        const c = cells[i], r = ref[i];
        assert.equal(c.indicator, r.indicator, c.file);
        assert.deepEqual(c.isolated, r.isolated, `${c.file}: isolated 1/2/3-AP events`);
        if (r.nullWindows < 100) {
          // Too few spike-free windows for a 1% threshold: the notebook must say so, not print a number.
          assert.equal(c.p1, null, c.file);
          assert.match(c.problem, new RegExp(`only ${r.nullWindows} spike-free windows`), c.file);
          continue;
        }
        assert.equal(c.nullWindows, r.nullWindows, `${c.file}: null windows`);
        assert.ok(Math.abs(c.threshold - r.threshold) < 1e-12, `${c.file}: threshold ${c.threshold} vs ${r.threshold}`);
        assert.ok(Math.abs(c.peak1 - r.peak1) < 1e-12, `${c.file}: 1-AP peak ${c.peak1} vs ${r.peak1}`);
        assert.equal(c.p1, r.p1, `${c.file}: P(1 AP)`);
        assert.equal(c.p2, r.p2, `${c.file}: P(2 AP)`);
      }
      assert.equal(cells.filter((c) => c.p1 !== null).length, 3, "three of the four cells have enough spike-free windows");
    });

    it("pools events per indicator in the CouplingView as numpy counts them, with GCaMP6s decaying slower than GCaMP6f", async () => {
      const ref = await reference<any[]>("coupling", { files: order.map(recordingPath) });
      const rows = nb.checks().filter((c) => c.group);
      for (const ind of ["GCaMP6s", "GCaMP6f"]) {
        const members = ref.filter((r) => r.indicator === ind);
        for (const [k, cls] of ["1", "2", "3+"].entries()) {
          const row = rows.find((r) => r.group === ind && r.apClass === cls);
          assert.ok(row, `${ind} ${cls} AP printed`);
          assert.equal(row.cellCount, 2);
          assert.equal(row.events, members.reduce((a, m) => a + m.inWindow[k], 0), `${ind} ${cls} AP events`);
        }
      }
      const f2 = rows.find((r) => r.group === "GCaMP6f" && r.apClass === "2").fit;
      const s2 = rows.find((r) => r.group === "GCaMP6s" && r.apClass === "2").fit;
      assert.ok(f2 && s2, "2-AP fits for both indicators");
      for (const f of [f2, s2]) assert.ok(f.riseTime > 0 && f.riseTime < f.decayTime && f.amplitude > 0, JSON.stringify(f));
      assert.ok(s2.decayTime > f2.decayTime, `τ_decay 6s ${s2.decayTime} > 6f ${f2.decayTime}`);
    });
  });

  describe("05-spike-inference", () => {
    let nb: ExecutedNotebook;
    before(async () => (nb = await runner.execute("05-spike-inference.ipynb")));

    it("runs without errors and stores a TraceView of inferred vs true spikes", () => {
      assertCleanWithWidgets(nb, ["TraceModel"]);
    });

    it("prints spikefinder r per cell equal to OASIS + spikefinder run by the test on h5py-read ΔF/F", async () => {
      const { deconvolve, spikefinderCorrelation } = await import("../../kernel-ext/analysis/index.js");
      const cells = nb.checks().filter((c) => c.file);
      assert.deepEqual(cells.map((c) => c.file), recordings);
      for (const c of cells) {
        const t = await reference<{ dff: number[]; times: number[]; spikes: number[] }>("traces", { file: recordingPath(c.file) });
        const dec = deconvolve(Float64Array.from(t.dff));
        const r = spikefinderCorrelation(dec.s, Float64Array.from(t.spikes), { times: Float64Array.from(t.times) });
        assert.ok(Math.abs(c.r - r) < 1e-9, `${c.file}: notebook r ${c.r} vs test ${r}`);
        assert.ok(Math.abs(c.sn - dec.sn) < 1e-12 && Math.abs(c.g[0] - dec.g[0]) < 1e-12, `${c.file}: parameters`);
        assert.ok(r > 0.1, `${c.file}: inference correlates with the true spikes (r ${r})`);
      }
    });

    it("scores each cell with the fold model that never saw its dataset, as inferSpikes run by the test on h5py-read ΔF/F", async () => {
      const { deconvolve, inferSpikes, spikefinderCorrelation } = await import("../../kernel-ext/analysis/index.js");
      // The source datasets of the bundled recordings (data/README.md).
      const datasets: Record<string, string> = {
        "Chen2013_GCaMP6f_cell1C_rec0.nwb": "DS09", "Chen2013_GCaMP6s_cell4_rec1.nwb": "DS14",
        "Allen_GCaMP6f_Emx1_102959_rec0.nwb": "DS10", "Allen_GCaMP6s_Cux2_102436_rec0.nwb": "DS13",
      };
      const cells = nb.checks().filter((c) => c.modelFile);
      assert.deepEqual(cells.map((c) => c.modelFile), recordings);
      for (const c of cells) {
        assert.equal(c.dataset, datasets[c.modelFile], `${c.modelFile}: dataset`);
        const t = await reference<{ dff: number[]; times: number[]; spikes: number[] }>("traces", { file: recordingPath(c.modelFile) });
        const times = Float64Array.from(t.times), truth = Float64Array.from(t.spikes);
        const res = inferSpikes({ values: Float64Array.from(t.dff), timestamps: times }, { notTrainedOn: datasets[c.modelFile], onWarning: () => {} });
        assert.ok(res.model.heldOut?.startsWith(datasets[c.modelFile]!), `${c.modelFile}: ${res.model.id} held out ${res.model.heldOut}`);
        assert.equal(c.model, res.model.id);
        assert.equal(c.sha256, res.model.sha256);
        assert.ok(Math.abs(c.frameRate - res.frameRate) < 1e-9 && Math.abs(c.noiseLevel - res.noiseLevel) < 1e-12, `${c.modelFile}: regime`);
        const r = spikefinderCorrelation(res.rate, truth, { times });
        assert.ok(Math.abs(c.rModel - r) < 1e-9, `${c.modelFile}: notebook r ${c.rModel} vs test ${r}`);
        const rOasis = spikefinderCorrelation(deconvolve(Float64Array.from(t.dff)).s, truth, { times });
        assert.ok(Math.abs(c.rOasis - rOasis) < 1e-9, `${c.modelFile}: OASIS r`);
        assert.ok(r > rOasis, `${c.modelFile}: the fold model (r ${r}) beats OASIS (r ${rOasis})`);
      }
    });
  });

  describe("06-teaching", () => {
    let nb: ExecutedNotebook;
    before(async () => (nb = await runner.execute("06-teaching.ipynb")));
    const tagged = (tag: string) => nb.nb.cells.filter((c) => c.metadata.tags?.includes(tag)).flatMap((c) => c.outputs ?? [])
      .filter((o) => o.output_type === "stream").map((o) => (Array.isArray(o.text) ? o.text.join("") : o.text ?? "")).join("");

    it("runs without errors and stores a TraceView", () => {
      assertCleanWithWidgets(nb, ["TraceModel"]);
    });

    it("the worked answers pass every self-check, and the check rejects a wrong answer with a hint", () => {
      const verdicts = tagged("check").split("\n").filter((l) => /^[✔✘]/.test(l));
      assert.deepEqual(verdicts, [
        "✔ correct — spikes in the first 10 s",
        "✔ correct — mean firing rate (Hz)",
        "✔ correct — ΔF/F",
        "✔ correct — isolated 1-AP events",
      ]);
      const wrong = tagged("wrong-answer-demo");
      assert.match(wrong, /^✘ ΔF\/F \(a deliberately wrong answer\): you have \[20000 values: .*expected \[20000 values: .*Hint: subtract F0/);
      assert.equal(nb.nb.cells.filter((c) => c.metadata.tags?.includes("answer")).length, 4, "four answer cells");
    });

    it("the worked answers equal h5py/numpy: spikes in 10 s, mean rate, isolated 1-AP events", async () => {
      const c = nb.check();
      const file = recordingPath("Allen_GCaMP6f_Emx1_102959_rec0.nwb");
      const t = await reference<{ times: number[]; spikes: number[] }>("traces", { file });
      assert.equal(c.spikesIn10s, t.spikes.filter((x) => x >= 0 && x < 10).length);
      const t0 = t.times[0], t1 = t.times[t.times.length - 1];
      assert.equal(c.t0, t0);
      assert.equal(c.t1, t1);
      assert.equal(c.inside, t.spikes.filter((x) => x >= t0 && x < t1).length);
      assert.ok(Math.abs(c.meanRate - c.inside / (t1 - t0)) < 1e-12);
      const [ref] = await reference<any[]>("coupling", { files: [file] });
      assert.equal(c.isolatedSingles, ref.isolated[0]);
    });
  });
});

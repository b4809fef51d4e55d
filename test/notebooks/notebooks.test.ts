// The example notebooks, executed as CI executes them: Debian's nbclient on the tsnwb kernel
// (kernelspec installed by the real `tsnwb install --prefix`), cwd notebooks/, executed copies in a
// temporary folder. For each notebook: no error outputs, widget views in the outputs with their
// state stored in the notebook metadata, and the values the tagged cells print (`NBCHECK {json}`)
// checked against h5py/numpy (test/notebooks/py/reference.py) or the library called from the test
// on h5py-read data. Notebooks run one after another on one kernelspec install.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { type ExecutedNotebook, NotebookRunner, reference, repoRoot } from "./support/notebook-run.js";

const recordings = ["Chen2013_GCaMP6f_cell1C_rec0.nwb", "Chen2013_GCaMP6s_cell4_rec1.nwb", "Allen_GCaMP6f_Emx1_102959_rec0.nwb", "Allen_GCaMP6s_Cux2_102436_rec0.nwb"];
const recordingPath = (name: string) => join(repoRoot, "data", "recordings", name);

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
      assertCleanWithWidgets(nb, ["TraceModel", "RoiModel", "MovieModel", "RasterModel", "TableModel"]);
      const html = nb.outputs.find((o) => o.data?.["text/html"]);
      assert.match(String(html?.data?.["text/html"]), /NWBFile/, "the file's HTML tree is displayed");
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
});

// Widget outputs carry a still figure (SVG, or PNG for image views) next to the widget-view mime
// type, and the figure follows the view: the real kernel, jupyter_client playing the front end
// (comm_msg `update` as JupyterLab sends when the user zooms), update_display_data checked for the
// display id of the original output and for an SVG whose time axis shows the new range.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { repoRoot, type KernelDriver, type Msg } from "./support/kernel-driver.js";
import { sharedKernel } from "./support/shared-kernel.js";

const VIEW = "application/vnd.jupyter.widget-view+json";
const recording = join(repoRoot, "data", "recordings", "Allen_GCaMP6s_Cux2_102436_rec0.nwb");
const fixture = (p: string) => join(repoRoot, "data", "nwb-fixtures", p);

/** The x-axis tick labels of a trace figure, as numbers (the labels d3's tickFormat wrote). */
function xTicks(svg: string): number[] {
  const axis = svg.match(/<g class="axis axis-x">(.*?)<\/g>/s);
  assert.ok(axis, "the figure has an x axis");
  const labels = [...axis[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replace("−", "-"),
  );
  // The last text is the axis label ("time (s)"), the others are ticks.
  return labels.slice(0, -1).map(Number);
}

/** Tick labels inside [lo, hi] covering most of it: the axis shows that range. */
function assertAxisShows(svg: string, lo: number, hi: number): void {
  const ticks = xTicks(svg);
  assert.ok(ticks.length >= 3, `ticks ${ticks}`);
  for (const t of ticks)
    assert.ok(
      t >= lo - 1e-9 && t <= hi + 1e-9,
      `tick ${t} outside [${lo}, ${hi}] (ticks ${ticks})`,
    );
  assert.ok(
    ticks[ticks.length - 1] - ticks[0] >= 0.6 * (hi - lo),
    `ticks ${ticks} span most of [${lo}, ${hi}]`,
  );
}

/** Width and height stored in a PNG's IHDR chunk. */
function pngSize(b64: string): { width: number; height: number } {
  const bytes = Buffer.from(b64, "base64");
  assert.equal(bytes.subarray(1, 4).toString("latin1"), "PNG", "PNG signature");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const displays = (msgs: Msg[], type: string) =>
  msgs.filter((m) => m.msg_type === type && m.content.data?.[VIEW]);

describe("kernel: widget outputs carry a still figure that follows the view", function () {
  this.timeout(300_000);
  let kernel: KernelDriver;
  let modelId: string;
  let displayId: string;

  before(async () => {
    kernel = await sharedKernel();
    await kernel.run(`
      import * as nwb from "tsnwb";
      // 20 s of a 1 Hz sine sampled at 1 kHz.
      const sine = Float64Array.from({ length: 20000 }, (_, i) => Math.sin(2 * Math.PI * i / 1000));`);
  });

  it("a view as a cell's result is one display_data with the widget view, an SVG of it and a display id", async () => {
    const r = await kernel.run(
      `const fig = await nwb.traceView([{ label: "sine", unit: "V", values: sine, rate: 1000 }], { title: "sine", xRange: [0, 10] }); fig`,
    );
    assert.equal(
      r.iopub.filter((m) => m.msg_type === "execute_result").length,
      0,
      "no execute_result: display ids are honoured on display_data only",
    );
    const [shown] = displays(r.iopub, "display_data");
    assert.ok(shown, "display_data with the widget view");
    modelId = shown.content.data[VIEW].model_id;
    displayId = shown.content.transient.display_id;
    assert.equal(displayId, `tsnwb-figure-${modelId}`);
    assert.match(shown.content.data["text/plain"], /^Trace\(model_id=/);
    const svg: string = shown.content.data["image/svg+xml"];
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.deepEqual(xTicks(svg), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(r.reply.status, "ok");
  });

  it("a zoom from the front end (comm update of xRange) sends update_display_data with the zoomed figure", async () => {
    await kernel.call("send", {
      msg_type: "comm_msg",
      content: {
        comm_id: modelId,
        data: { method: "update", state: { xRange: [12.5, 13.5] }, buffer_paths: [] },
      },
    });
    const msgs: Msg[] = await kernel.call("iopub_until", {
      want: { msg_type: "update_display_data" },
      timeout: 60,
    });
    const update = msgs[msgs.length - 1];
    assert.equal(update.content.transient.display_id, displayId);
    assert.equal(update.content.data[VIEW].model_id, modelId);
    assert.equal(update.parent_msg_type, "comm_msg");
    assertAxisShows(update.content.data["image/svg+xml"], 12.5, 13.5);
  });

  it("several quick changes end in one figure of the last state (trailing debounce)", async () => {
    for (const range of [
      [1, 2],
      [3, 5],
      [6.25, 6.75],
    ]) {
      await kernel.call("send", {
        msg_type: "comm_msg",
        content: {
          comm_id: modelId,
          data: { method: "update", state: { xRange: range }, buffer_paths: [] },
        },
      });
    }
    const msgs: Msg[] = await kernel.call("iopub_until", {
      want: { msg_type: "update_display_data" },
      timeout: 60,
    });
    // A cell run afterwards flushes any redraw still pending, so every update has arrived by its end.
    const after = await kernel.run(`fig.get("xRange").join(" ")`);
    const updates = [
      ...displays(msgs, "update_display_data"),
      ...displays(after.iopub, "update_display_data"),
    ];
    assert.ok(updates.length >= 1 && updates.length <= 3, `${updates.length} updates`);
    assertAxisShows(updates[updates.length - 1].content.data["image/svg+xml"], 6.25, 6.75);
    assert.equal(
      after.iopub.find((m) => m.msg_type === "execute_result")!.content.data["text/plain"],
      "'6.25 6.75'",
    );
  });

  it("state set by a cell reaches the figure before the cell ends (what nbclient saves)", async () => {
    const r = await kernel.run(`fig.set({ xRange: [15, 17] }); "zoomed"`);
    const updates = displays(r.iopub, "update_display_data");
    assert.equal(updates.length, 1);
    assert.equal(updates[0].parent_msg_id, r.msg_id);
    assertAxisShows(updates[0].content.data["image/svg+xml"], 15, 17);
    const idle = r.iopub.findIndex(
      (m) => m.msg_type === "status" && m.content.execution_state === "idle",
    );
    assert.ok(r.iopub.indexOf(updates[0]) < idle || idle === -1);
  });

  it("display(view) shows the view at once and its figure follows as an update, before the cell is idle", async () => {
    const r = await kernel.run(`nwb.display(fig); console.log("after display")`);
    const out = r.iopub
      .filter((m) => ["display_data", "update_display_data", "stream"].includes(m.msg_type))
      .map((m) => m.msg_type);
    assert.deepEqual(
      out.slice(0, 2),
      ["display_data", "stream"],
      "the view is shown where display() was called",
    );
    assert.ok(out.includes("update_display_data"));
    const update = displays(r.iopub, "update_display_data")[0];
    assert.equal(
      update.content.transient.display_id,
      displayId,
      "the same display id as the first output of this view",
    );
    assertAxisShows(update.content.data["image/svg+xml"], 15, 17);
  });

  it("display(view, { displayId }) and an update of that output keep the figure in it", async () => {
    const r = await kernel.run(
      `nwb.display(fig, { displayId: "my-plot" }); nwb.display(fig, { displayId: "my-plot", update: true }); "shown"`,
    );
    const mine = r.iopub
      .filter((m) => m.content.transient?.display_id === "my-plot")
      .map((m) => [m.msg_type, m.content.data["image/svg+xml"] ? "svg" : "view"]);
    assert.deepEqual(mine[0], ["display_data", "view"]);
    assert.deepEqual(mine[1], ["update_display_data", "view"]);
    const last = mine[mine.length - 1];
    assert.deepEqual(
      last,
      ["update_display_data", "svg"],
      "the output ends with the figure, not the bare view",
    );
  });

  it("every view kind has a still image: SVG for trace, raster, table, tree, coupling; PNG at the figure's size for ROI (2× pixels) and movie (1×)", async () => {
    const r = await kernel.run(`
      const rec = await nwb.openNWB(${JSON.stringify(recording)});
      const explorer = await nwb.openNWB(${JSON.stringify(fixture("nwb-explorer/test_ElectricalSeries.nwb"))});
      const views = [
        await nwb.nwbWidget(rec.get("processing/ophys/DfOverF/roi_response_series")),
        await nwb.nwbWidget(rec.units),
        await nwb.nwbWidget(rec.get("processing/ophys/ImageSegmentation/plane_segmentation")),
        await nwb.nwbWidget(rec.get("acquisition/TwoPhotonSeries_green")),
        await nwb.CouplingModel.create([await nwb.couplingCellOfNWB(rec)]),
        await nwb.nwbWidget(explorer.get("general/extracellular_ephys/electrodes")),
        await nwb.nwbWidget(explorer.get("general/devices/dev1")),
      ];
      for (const v of views) nwb.display(v);
      views.map((v) => v.spec.modelName).join(" ")`);
    const names = r.iopub
      .find((m) => m.msg_type === "execute_result")!
      .content.data["text/plain"].slice(1, -1)
      .split(" ");
    assert.deepEqual(names, [
      "TraceModel",
      "RasterModel",
      "RoiModel",
      "MovieModel",
      "CouplingModel",
      "TableModel",
      "TreeModel",
    ]);
    const updates = displays(r.iopub, "update_display_data");
    const byModel = new Map(
      displays(r.iopub, "display_data").map((m) => [
        m.content.data[VIEW].model_id,
        m.content.transient.display_id,
      ]),
    );
    assert.equal(byModel.size, 7);
    const kinds: string[] = [];
    for (const u of updates) {
      assert.equal(byModel.get(u.content.data[VIEW].model_id), u.content.transient.display_id);
      const name = u.content.data["text/plain"].replace(/\(.*/, "");
      if (u.content.data["image/png"]) {
        const { width, height } = pngSize(u.content.data["image/png"]);
        // a movie's figure is its frame's own pixels (drawn at 1×); the ROI figure at 2×
        const scale = name === "Movie" ? 1 : 2;
        assert.deepEqual(
          u.content.metadata["image/png"],
          { width: width / scale, height: height / scale },
          `${name}: shown at 1/${scale} of the PNG's pixels`,
        );
        assert.equal(u.content.data["image/svg+xml"], undefined);
        kinds.push(`${name}:png`);
      } else {
        assert.match(
          u.content.data["image/svg+xml"],
          /^<svg [^>]*width="\d+(\.\d+)?" height="\d+(\.\d+)?"/,
        );
        kinds.push(`${name}:svg`);
      }
    }
    assert.deepEqual(kinds.sort(), [
      "Coupling:svg",
      "Movie:png",
      "Raster:svg",
      "Roi:png",
      "Table:svg",
      "Trace:svg",
      "Tree:svg",
    ]);
    await kernel.run(`await rec.close(); await explorer.close();`);
  });

  it("widgets without a registered figure are shown as before (execute_result with the view and text)", async () => {
    const r = await kernel.run(
      `new nwb.Widget({ modelName: "PlainModel", modelModule: "x", modelModuleVersion: "1", viewName: "PlainView", viewModule: "x", viewModuleVersion: "1" }, { a: 1 })`,
    );
    const result = r.iopub.find((m) => m.msg_type === "execute_result");
    assert.ok(result);
    assert.deepEqual(Object.keys(result.content.data).sort(), [VIEW, "text/plain"]);
  });
});

// A still figure that takes long to draw (a stalled remote read, a slow user renderer) never holds a
// cell back: the cell's result is shown without it and the cell replies, and the figure follows as
// update_display_data when drawn. A kernel of its own, started with a short wait limit
// (TSNWB_FIGURE_WAIT_MS); the widget is a user's own model with a figure registered through the
// public registerStaticFigure.
import { strict as assert } from "node:assert";
import { installTestKernelspec, KernelDriver, type Msg } from "./support/kernel-driver.js";

const VIEW = "application/vnd.jupyter.widget-view+json";

describe("kernel: a slow or failing still figure does not hold a cell back", function () {
  this.timeout(120_000);
  const spec = installTestKernelspec();
  let kernel: KernelDriver;

  before(async () => {
    kernel = await KernelDriver.start({
      jupyterPath: spec.jupyterPath,
      env: { TSNWB_FIGURE_WAIT_MS: "500" },
    });
    await kernel.run(`
      import * as nwb from "tsnwb";
      let release: () => void = () => {};
      const drawn = new Promise<void>((resolve) => (release = resolve));
      nwb.registerStaticFigure("SlowModel", async (w) => {
        await drawn;
        return { data: { "image/svg+xml": \`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>\${w.get("label")}</title></svg>\` }, metadata: {} };
      });
      const spec = { modelName: "SlowModel", modelModule: "x", modelModuleVersion: "1", viewName: "SlowView", viewModule: "x", viewModuleVersion: "1" };`);
  });
  after(async () => {
    await kernel?.close();
    spec.remove();
  });

  it("shows the view without the figure, replies, and sends the figure when it is drawn", async () => {
    const r = await kernel.run(`const slow = new nwb.Widget(spec, { label: "late" }); slow`);
    assert.equal(r.reply.status, "ok");
    const shown = r.iopub.find((m) => m.msg_type === "display_data" && m.content.data[VIEW]);
    assert.ok(shown, "the view is shown");
    assert.equal(shown.content.data["image/svg+xml"], undefined, "not drawn yet");
    const displayId = shown.content.transient.display_id;
    await kernel.run(`release()`);
    const msgs: Msg[] = await kernel.call("iopub_until", {
      want: { msg_type: "update_display_data" },
      timeout: 30,
    });
    const update = msgs[msgs.length - 1];
    assert.equal(update.content.transient.display_id, displayId);
    assert.match(update.content.data["image/svg+xml"], /<title>late<\/title>/);
  });

  it("a figure that fails to draw: the view is shown without it, the cause goes to the kernel log, the kernel carries on", async () => {
    const r = await kernel.run(`
      nwb.registerStaticFigure("BrokenModel", async () => { throw new Error("no pixels for this one"); });
      const broken = new nwb.Widget({ ...spec, modelName: "BrokenModel" }, { label: "x" });
      broken`);
    assert.equal(r.reply.status, "ok");
    const shown = r.iopub.find((m) => m.msg_type === "display_data" && m.content.data[VIEW]);
    assert.ok(shown);
    assert.deepEqual(Object.keys(shown.content.data).sort(), [VIEW, "text/plain"]);
    assert.match(
      await kernel.kernelLog(),
      /\[tsnwb kernel\] figure of widget [0-9a-f]+ \(BrokenModel\) could not be drawn, its outputs show the live view only: Error: no pixels for this one/,
    );
    assert.equal((await kernel.run(`1 + 1`)).reply.status, "ok");
  });

  it("a state change whose figure is slow: the cell ends, the figure follows", async () => {
    const r = await kernel.run(`
      let releaseAgain: () => void = () => {};
      nwb.registerStaticFigure("SlowModel", async (w) => {
        await new Promise<void>((resolve) => (releaseAgain = resolve));
        return { data: { "image/svg+xml": \`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>\${w.get("label")}</title></svg>\` }, metadata: {} };
      });
      slow.set({ label: "changed" }); "set"`);
    assert.equal(r.reply.status, "ok");
    assert.equal(
      r.iopub.filter((m) => m.msg_type === "update_display_data").length,
      0,
      "the cell did not wait for the figure",
    );
    await kernel.run(`releaseAgain()`);
    const msgs: Msg[] = await kernel.call("iopub_until", {
      want: { msg_type: "update_display_data" },
      timeout: 30,
    });
    assert.match(msgs[msgs.length - 1].content.data["image/svg+xml"], /<title>changed<\/title>/);
  });
});

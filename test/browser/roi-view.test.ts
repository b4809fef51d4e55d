// RoiView end to end: outlines drawn from the kernel's contours, hover readout as text, clicking
// selects (synced to the kernel), and a linked TraceView shows the selected ROIs' traces.
import { strict as assert } from "node:assert";
import { liveSession, type LiveSession } from "./support/session.js";
import { kernelImport } from "./support/cells.js";
import { applyColormap } from "../../render/colormap.js";

const ROOT = "#cell-roi";

describe("browser: RoiView linked to a TraceView", function () {
  this.timeout(120_000);
  let s: LiveSession;

  before(async function () {
    s = await liveSession();
    await s.run(
      `
${kernelImport("RoiModel", "TraceModel", "display")}
const H = 40, W = 60;
const square = (r0: number, c0: number, n: number) => {
  const rows: number[] = [], cols: number[] = [];
  for (let r = r0; r < r0 + n; r++) for (let c = c0; c < c0 + n; c++) { rows.push(r); cols.push(c); }
  return { rows, cols };
};
const mean = Float32Array.from({ length: H * W }, (_, i) => Math.floor(i / W) + (i % W));
const roiWidget = RoiModel.create({
  title: "three cells", ids: [10, 20, 30],
  masks: [square(5, 5, 5), square(20, 30, 8), square(30, 50, 6)],
  images: { mean: { data: mean, shape: [H, W] } },
  columns: { label: ["soma A", "<script>(window as any).__pwned = 1</script>", "soma C"], area: [25, 64, 36] },
});
const rate = 30;
const trace = (f: number) => Float32Array.from({ length: 900 }, (_, i) => Math.sin(2 * Math.PI * f * i / rate));
const linked = await TraceModel.create([{ id: "v", label: "voltage", unit: "V", values: trace(0.2), rate }], { title: "linked traces" });
await linked.linkRoiView(roiWidget, (id) => (id === 30 ? undefined : { label: \`ROI \${id} ΔF/F\`, values: trace(id / 100), rate }));
Object.assign(globalThis as any, { roiWidget, linked });
display(roiWidget);
display(linked);`,
      "roi",
    );
    await s.page.waitForSelector(`${ROOT} .tsnwb-roi .tsnwb-image-pane[data-roi-count="3"]`);
    await s.page.waitForSelector(`${ROOT} .tsnwb-trace[data-reply-id]`);
  });

  it("draws one outline per ROI, on the ROI's pixels", async function () {
    const outlines = await s.page.$$eval(`${ROOT} path.tsnwb-roi`, (paths) =>
      paths.map((p) => {
        const b = (p as SVGPathElement).getBBox();
        return { id: Number(p.getAttribute("data-roi-id")), box: [b.x, b.y, b.width, b.height] };
      }),
    );
    await s.screenshot("roi-initial");
    // pixel (col c, row r) covers [c, c+1] × [r, r+1]: an n×n block at (r0, c0) is the box (c0, r0, n, n)
    assert.deepEqual(outlines, [
      { id: 10, box: [5, 5, 5, 5] },
      { id: 20, box: [30, 20, 8, 8] },
      { id: 30, box: [50, 30, 6, 6] },
    ]);
  });

  it("paints the mean image through the colour map at the synced contrast", async function () {
    const contrast = await s.value<[number, number]>(
      "(globalThis as any).roiWidget.get('contrast')",
    );
    const pixels = await s.page.$eval(`${ROOT} canvas.tsnwb-image`, (c) => {
      const canvas = c as HTMLCanvasElement;
      return {
        w: canvas.width,
        h: canvas.height,
        rgba: Array.from(
          canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data,
        ),
      };
    });
    assert.deepEqual([pixels.w, pixels.h], [60, 40]);
    const mean = Array.from({ length: 40 * 60 }, (_, i) => Math.floor(i / 60) + (i % 60));
    const rgb = applyColormap(mean, contrast[0], contrast[1], "gray");
    for (const i of [0, 61, 1234, 2399])
      assert.deepEqual(
        pixels.rgba.slice(4 * i, 4 * i + 3),
        Array.from(rgb.slice(3 * i, 3 * i + 3)),
        `pixel ${i}`,
      );
  });

  it("hover shows the ROI id and its columns as text (a <script> value stays inert)", async function () {
    await s.page.hover(`${ROOT} path.tsnwb-roi[data-roi-id="20"]`);
    const text = await s.page.locator(`${ROOT} .tsnwb-roi .tsnwb-readout`).textContent();
    assert.equal(text, "ROI 20\nlabel: <script>(window as any).__pwned = 1</script>\narea: 64");
    assert.equal(await s.page.evaluate(() => (window as any).__pwned), undefined);
    assert.equal(await s.page.locator(`${ROOT} .tsnwb-readout script`).count(), 0);
  });

  it("clicking selects ROIs in the kernel, and the linked TraceView shows their traces", async function () {
    await s.page.click(`${ROOT} path.tsnwb-roi[data-roi-id="20"]`);
    await s.page.waitForSelector(`${ROOT} .tsnwb-trace .tsnwb-lane[data-lane="roi:20"]`);
    assert.deepEqual(await s.value("(globalThis as any).roiWidget.get('selected')"), [20]);
    await s.page.click(`${ROOT} path.tsnwb-roi[data-roi-id="30"]`);
    await s.page.waitForFunction(
      (root) =>
        document
          .querySelector(`${root} .tsnwb-trace .tsnwb-messages`)
          ?.textContent?.includes("no trace for ROI 30"),
      ROOT,
    );
    assert.deepEqual(await s.value("(globalThis as any).roiWidget.get('selected')"), [20, 30]);
    const selected = await s.page.$$eval(`${ROOT} path.tsnwb-roi.tsnwb-selected`, (ps) =>
      ps.map((p) => Number(p.getAttribute("data-roi-id"))),
    );
    assert.deepEqual(selected, [20, 30]);
    const lanes = await s.page.$$eval(`${ROOT} .tsnwb-trace .tsnwb-lane`, (ls) =>
      ls.map((l) => (l as SVGGElement).dataset.lane),
    );
    assert.deepEqual(lanes, ["v", "roi:20"]);
    await s.screenshot("roi-selected");
    // clicking again deselects: the lane goes away
    await s.page.click(`${ROOT} path.tsnwb-roi[data-roi-id="20"]`);
    await s.page.waitForFunction(
      (root) => !document.querySelector(`${root} .tsnwb-trace .tsnwb-lane[data-lane="roi:20"]`),
      ROOT,
    );
    assert.deepEqual(await s.value("(globalThis as any).roiWidget.get('selected')"), [30]);
  });

  it("colour map and contrast controls set the kernel's state", async function () {
    await s.page.selectOption(`${ROOT} .tsnwb-roi select.tsnwb-colormap`, "viridis");
    await s.page.$eval(`${ROOT} .tsnwb-roi input.tsnwb-contrast-high`, (el) => {
      const input = el as HTMLInputElement;
      input.value = "500";
      input.dispatchEvent(new Event("input"));
      input.dispatchEvent(new Event("change"));
    });
    await s.page.waitForTimeout(300);
    const state = await s.value<{
      colormap: string;
      contrast: [number, number];
      range: [number, number];
    }>(
      "{ colormap: (globalThis as any).roiWidget.get('colormap'), contrast: (globalThis as any).roiWidget.get('contrast'), range: (globalThis as any).roiWidget.get('imageRange') }",
    );
    assert.equal(state.colormap, "viridis");
    const [lo, hi] = state.range;
    assert.ok(
      Math.abs(state.contrast[1] - (lo + (hi - lo) / 2)) < 1e-6,
      `high contrast at the slider's middle: ${state.contrast}`,
    );
  });
});

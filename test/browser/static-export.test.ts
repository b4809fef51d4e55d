// exportHTML: one self-contained page (widget state + our bundle inlined) opened from file:// with
// no server and no network shows every view with its saved state.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { nwbWidget, TraceModel, RasterModel } from "../../kernel-ext/models/index.js";
import { exportHTML } from "../../kernel-ext/models/export/html-page.js";
import type { Widget } from "../../kernel-ext/kernel/widget/widget.js";
import { repoRoot } from "./support/jupyter-server.js";
import { artifacts, requireBundles, sharedBrowser } from "./support/session.js";
import { h5py } from "./support/python.js";

const FILE = join(repoRoot, "data/recordings/Allen_GCaMP6f_Emx1_102959_rec0.nwb");

describe("browser: static HTML export (no kernel, no server)", function () {
  this.timeout(180_000);
  let dir: string;
  let page: Page;
  let html: string;
  const requests: string[] = [];
  const widgets: Widget<any>[] = [];

  before(async function () {
    requireBundles();
    dir = mkdtempSync(join(tmpdir(), "tsnwb-export-"));
    const file = await openNWB(FILE);
    try {
      const find = (p: string) => file.get(p);
      widgets.push(
        await TraceModel.create(
          [
            {
              id: "v",
              label: "voltage <i>raw</i>",
              unit: "V",
              values: Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i / 100)),
              rate: 1000,
            },
            { id: "spikes", label: "spikes", events: [0.5, 1.5, 2.5] },
          ],
          { title: "<script>window.__pwned = 1</script>exported trace", overviewPixels: 800 },
        ),
        await nwbWidget(find("/acquisition/TwoPhotonSeries_green")),
        await nwbWidget(find("/processing/ophys/ImageSegmentation/plane_segmentation")),
        await nwbWidget(find("/units")),
        await nwbWidget(find("/general/extracellular_ephys/electrodes")),
        await nwbWidget(find("/general/devices/MultiClamp 700B")),
      );
    } finally {
      await file.close();
    }
    const path = join(dir, "figures.html");
    await exportHTML(widgets, path, { title: "export <test>" });
    html = readFileSync(path, "utf8");
    page = await (await sharedBrowser()).newPage({ viewport: { width: 1000, height: 900 } });
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(path).href, { timeout: 120_000 });
    await page.waitForFunction(() => document.body.dataset.tsnwbRendered, null, {
      timeout: 120_000,
    });
    await page.screenshot({ path: join(artifacts, "static-export.png"), fullPage: true });
  });

  after(async function () {
    await page?.close();
    for (const w of widgets) w.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("is one self-contained file: no script src, no network request", async function () {
    assert.equal(await page.evaluate(() => document.body.dataset.tsnwbRendered), "true");
    assert.doesNotMatch(html, /<script[^>]+src=/i);
    assert.deepEqual(
      requests.filter((u) => !/^(file|data|blob):/.test(u)),
      [],
    );
    assert.equal(await page.title(), "export <test>");
  });

  it("shows every view", async function () {
    const kinds = await page.$$eval(".tsnwb", (els) =>
      els.map((e) => [...e.classList].find((c) => c !== "tsnwb" && c.startsWith("tsnwb-"))),
    );
    assert.deepEqual(kinds, [
      "tsnwb-trace",
      "tsnwb-movie",
      "tsnwb-roi",
      "tsnwb-raster",
      "tsnwb-table",
      "tsnwb-tree",
    ]);
  });

  it("trace: the stored overviews, titles and labels as text", async function () {
    const t = await page.$eval(".tsnwb-trace", (el) => ({
      title: el.querySelector(".tsnwb-title")!.textContent,
      label: el.querySelector(".tsnwb-lane-label-box title")!.textContent,
      shown: el.querySelector(".tsnwb-lane-label")!.textContent,
      points: Number(
        (el.querySelector('.tsnwb-lane[data-lane="v"]') as SVGGElement).dataset.points,
      ),
      ticks: Number(
        (el.querySelector('.tsnwb-lane[data-lane="spikes"]') as SVGGElement).dataset.points,
      ),
      status: (el.querySelector(".tsnwb-status") as HTMLElement).dataset.status,
    }));
    assert.equal(t.title, "<script>window.__pwned = 1</script>exported trace");
    assert.equal(t.label, "voltage <i>raw</i> (V)");
    assert.equal(t.shown, "voltage <i>raw</i> …", "cut to the label column");
    assert.equal(await page.evaluate(() => (window as any).__pwned), undefined);
    const overview = (widgets[0] as TraceModel).state.lanes[0].overview;
    assert.equal(t.points, overview.count);
    assert.equal(t.ticks, 3);
    assert.equal(t.status, "static");
  });

  it("movie, ROIs, raster, table and tree: their saved state", async function () {
    const ref = h5py<{ roiIds: number[]; spikes: number; electrodes: number }>(
      "import h5py, json, sys; f = h5py.File(sys.argv[1], 'r'); print(json.dumps({'roiIds': f['/processing/ophys/ImageSegmentation/plane_segmentation/id'][:].tolist(), 'spikes': int(f['/units/spike_times'].shape[0]), 'electrodes': int(f['/general/extracellular_ephys/electrodes/id'].shape[0])}))",
      FILE,
    );
    // (no named helper functions inside evaluate: the test transpiler would wrap them in __name)
    const v = await page.evaluate(() => ({
      frame: (document.querySelector(".tsnwb-movie") as HTMLElement).dataset.frame,
      slider: (document.querySelector(".tsnwb-movie input.tsnwb-frame-slider") as HTMLInputElement)
        .disabled,
      rois: [...document.querySelectorAll(".tsnwb-roi path.tsnwb-roi")].map((p) =>
        Number(p.getAttribute("data-roi-id")),
      ),
      ticks: Number((document.querySelector(".tsnwb-raster") as HTMLElement).dataset.ticks),
      tableRows: Number((document.querySelector(".tsnwb-table") as HTMLElement).dataset.rows),
      treeNodes: Number((document.querySelector(".tsnwb-tree") as HTMLElement).dataset.nodes),
    }));
    assert.equal(v.frame, "0");
    assert.equal(v.slider, true, "no kernel: the slider cannot fetch frames");
    assert.deepEqual(v.rois, ref.roiIds);
    const raster = widgets[3] as RasterModel;
    assert.equal(raster.state.mode, "units");
    assert.equal(v.ticks, ref.spikes);
    assert.equal(v.tableRows, ref.electrodes);
    assert.ok(v.treeNodes >= 1);
  });
});

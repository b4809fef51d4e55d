// A notebook saved before the model↔view contract moved to contract/ (the fixture: notebooks/01
// executed with nbclient on the tsnwb kernel at commit a01f8b2, its widget state stored in the
// notebook's metadata as nbclient writes it) still renders with today's bundle: every stored view is
// drawn from its stored state with no kernel and no network, and draws its data — the lanes' stored
// overview points, the ROI outlines, a non-blank image, the raster's ticks, the table's rows — not
// an empty frame. Widget model/view names and module versions must stay what the notebook names.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { sharedBrowser, artifacts, requireBundles } from "./support/session.js";
import { htmlPageFromState } from "../../kernel-ext/models/export/html-page.js";
import { WIDGET_NAMES, MODULE_NAME } from "../../contract/common.js";
import { asUint32 } from "../../contract/typed-arrays.js";

const fixture = new URL(
  "./saved-notebooks/01-tour-of-an-nwb-file.saved-2026-12-05.ipynb",
  import.meta.url,
);
const STATE_MIME = "application/vnd.jupyter.widget-state+json";
const VIEW_MIME = "application/vnd.jupyter.widget-view+json";

interface StoredModel {
  model_name: string;
  model_module: string;
  model_module_version: string;
  state: Record<string, any>;
  buffers?: { path: (string | number)[]; data: string; encoding: string }[];
}

/** The stored state of one model with its buffers put back at their paths (as the widget manager does). */
function withBuffers(m: StoredModel): Record<string, any> {
  const state = structuredClone(m.state);
  for (const b of m.buffers ?? []) {
    let obj = state;
    for (const k of b.path.slice(0, -1)) obj = obj[k];
    obj[b.path[b.path.length - 1]!] = new Uint8Array(Buffer.from(b.data, "base64"));
  }
  return state;
}

interface DrawnView {
  kind: string;
  title: string;
  status: string;
  statusText: string;
  /** Points drawn per lane (lane views). */
  lanes: number[];
  /** The y domain each line lane was drawn with ("lo,hi"; autoscaled to the visible values). */
  yDomains: (string | undefined)[];
  roiCount: number;
  /** Distinct colours among a sample of the image canvas's pixels (1 = blank). */
  imageColours: number;
  frame: string | undefined;
  ticks: number;
  rows: number;
  tableCells: number;
}

/** Page script: what the page drew for each view, in page order (a string: the test runner's
 *  transpiler would add helpers to a function that the page does not have). */
const MEASURE_VIEWS = `(() => {
  function canvasColours(c) {
    if (!c || c.width === 0 || c.height === 0) return 0;
    const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < px.length && seen.size < 16; i += 4 * 7) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    return seen.size;
  }
  return [...document.querySelectorAll(".tsnwb")].map((el) => ({
    kind: [...el.classList].find((c) => c.startsWith("tsnwb-") && c !== "tsnwb-lost").slice(6),
    title: el.querySelector(".tsnwb-title")?.textContent ?? "",
    status: el.querySelector(".tsnwb-status")?.dataset.status ?? "",
    statusText: el.querySelector(".tsnwb-status")?.textContent ?? "",
    lanes: [...el.querySelectorAll(".tsnwb-lane")].map((g) => Number(g.dataset.points)),
    yDomains: [...el.querySelectorAll(".tsnwb-lane")].map((g) => g.dataset.yDomain),
    roiCount: Number(el.querySelector("[data-roi-count]")?.dataset.roiCount ?? NaN),
    imageColours: canvasColours(el.querySelector("canvas.tsnwb-image")),
    frame: el.dataset.frame,
    ticks: Number(el.dataset.ticks ?? NaN),
    rows: Number(el.dataset.rows ?? NaN),
    tableCells: el.querySelectorAll("td").length,
  }));
})()`;

describe("browser: a notebook saved before the contract moved still renders with today's bundle", function () {
  this.timeout(180_000);
  const nb = JSON.parse(readFileSync(fixture, "utf8"));
  const saved: { state: Record<string, StoredModel> } = nb.metadata.widgets[STATE_MIME];
  const shown: string[] = nb.cells.flatMap((c: any) =>
    (c.outputs ?? [])
      .filter((o: any) => o.data?.[VIEW_MIME])
      .map((o: any) => o.data[VIEW_MIME].model_id),
  );
  let dir: string;
  let page: Page;
  let views: DrawnView[];
  const errors: string[] = [];

  before(async () => {
    requireBundles();
    dir = mkdtempSync(join(tmpdir(), "tsnwb-saved-nb-"));
    const file = join(dir, "saved-notebook.html");
    writeFileSync(file, htmlPageFromState(saved, shown, { title: "notebook saved 2026-12-05" }));
    page = await (await sharedBrowser()).newPage({ viewport: { width: 1100, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    // Offline: anything but the file itself would be a CDN or a kernel.
    await page.route("**/*", (route) =>
      route.request().url().startsWith("file:") ? route.continue() : route.abort(),
    );
    await page.goto(pathToFileURL(file).href, { timeout: 120_000 });
    await page.waitForFunction(() => document.body.dataset.tsnwbRendered, null, {
      timeout: 120_000,
    });
    assert.equal(
      await page.evaluate(() => document.body.dataset.tsnwbRendered),
      "true",
      `the page did not render: ${errors.join("; ")}`,
    );
    await page.screenshot({ path: join(artifacts, "saved-notebook.png"), fullPage: true });
    views = (await page.evaluate(MEASURE_VIEWS)) as DrawnView[];
  });

  after(async () => {
    await page?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the fixture names today's widget model/view classes and module version, and shows six views", () => {
    const version = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ).version;
    const names = Object.values(WIDGET_NAMES).map((n) => n.modelName) as string[];
    assert.equal(shown.length, 6);
    for (const id of shown) {
      const m = saved.state[id]!;
      assert.ok(names.includes(m.model_name), m.model_name);
      assert.equal(m.model_module, MODULE_NAME);
      assert.equal(m.model_module_version, version);
      const viewName = Object.values(WIDGET_NAMES).find(
        (n) => n.modelName === m.model_name,
      )!.viewName;
      assert.equal(m.state._view_name, viewName);
      assert.equal(m.state._view_module_version, version);
    }
  });

  it("draws every stored view, in order, with no error on the page", () => {
    assert.deepEqual(errors, []);
    const kinds = shown.map(
      (id) =>
        Object.entries(WIDGET_NAMES).find(
          ([, n]) => n.modelName === saved.state[id]!.model_name,
        )![0],
    );
    assert.deepEqual(
      views.map((v) => v.kind),
      kinds,
    );
    views.forEach((v, i) => {
      assert.equal(v.title, saved.state[shown[i]!]!.state.title, `view ${i} title`);
      assert.notEqual(v.status, "error", `view ${i} (${v.kind}): ${v.statusText}`);
    });
  });

  it("trace views draw each lane's stored overview, point for point", () => {
    const traces = shown
      .map((id, i) => ({ state: withBuffers(saved.state[id]!), view: views[i]! }))
      .filter((t) => t.view.kind === "trace");
    assert.equal(traces.length, 2);
    for (const { state, view } of traces) {
      const stored = state.lanes.map((l: any) => l.overview.count as number);
      assert.deepEqual(view.lanes, stored);
      assert.ok(
        stored.every((n: number) => n > 0),
        `every lane has points: ${stored}`,
      );
      assert.equal(view.status, "static", "a saved view says it has no kernel");
      // The values themselves, read from the stored bytes here (Float64 times, then Float32 values):
      // each line lane is scaled to its finite extent inside the stored xRange, padded by 5 %.
      state.lanes.forEach((lane: any, k: number) => {
        if (lane.kind !== "line") return;
        const bytes = Buffer.from(lane.overview.data);
        const n = lane.overview.count;
        let lo = Infinity;
        let hi = -Infinity;
        for (let j = 0; j < n; j++) {
          const t = bytes.readDoubleLE(8 * j);
          const v = bytes.readFloatLE(8 * n + 4 * j);
          if (t < state.xRange[0] || t > state.xRange[1] || Number.isNaN(v)) continue;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        assert.ok(hi > lo, `lane ${lane.id} has values`);
        const pad = (hi - lo) * 0.05;
        const [dlo, dhi] = view.yDomains[k]!.split(",").map(Number);
        assert.ok(
          Math.abs(dlo! - (lo - pad)) <= 1e-9 * Math.abs(lo) + 1e-12 &&
            Math.abs(dhi! - (hi + pad)) <= 1e-9 * Math.abs(hi) + 1e-12,
          `lane ${lane.id}: drawn y domain ${view.yDomains[k]} vs stored values ${lo - pad},${hi + pad}`,
        );
      });
    }
  });

  it("the ROI and movie views draw their stored outlines (the movie has none) on a non-blank image", () => {
    for (const kind of ["roi", "movie"]) {
      const i = views.findIndex((v) => v.kind === kind);
      const state = withBuffers(saved.state[shown[i]!]!);
      const offsets = asUint32(state.rois.roiOffsets);
      const withRings = state.rois.ids.filter(
        (_: number, k: number) => offsets[k + 1]! > offsets[k]!,
      ).length;
      if (kind === "roi") assert.ok(withRings > 0, "the fixture's RoiView stores outlines");
      assert.equal(views[i]!.roiCount, withRings, `${kind}: outlines drawn`);
      assert.ok(
        views[i]!.imageColours >= 8,
        `${kind}: the image has ${views[i]!.imageColours} distinct colours`,
      );
      if (kind === "movie") assert.equal(views[i]!.frame, String(state.frame));
    }
  });

  it("the raster draws its rows' stored spikes and the table its stored rows", () => {
    const r = views.findIndex((v) => v.kind === "raster");
    const raster = withBuffers(saved.state[shown[r]!]!);
    assert.equal(views[r]!.rows, raster.rows.length);
    assert.ok(views[r]!.ticks > 0, "spike ticks drawn");
    const t = views.findIndex((v) => v.kind === "table");
    const table = saved.state[shown[t]!]!.state;
    assert.equal(views[t]!.rows, table.rows.length);
    assert.ok(
      table.rows.length > 0 && views[t]!.tableCells >= table.rows.length * table.columns.length,
    );
  });
});

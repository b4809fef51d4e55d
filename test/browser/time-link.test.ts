// Linked time in Chromium: a TraceView, a MovieView and a RasterView of one real recording joined by
// linkTime. A click in one view moves every cursor (the movie shows the frame at the cursor, found
// from the file's frame timestamps as numpy finds it) and a zoom in one view moves the others'
// x-domain — with the kernel, and in a page made from the saved widget state with no kernel.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { liveSession, sharedBrowser, artifacts, type LiveSession } from "./support/session.js";
import { repoRoot } from "./support/jupyter-server.js";
import { h5py } from "./support/python.js";
import { htmlPageFromState } from "../../kernel-ext/models/export/html-page.js";

const FILE = join(repoRoot, "data/recordings/Allen_GCaMP6f_Emx1_102959_rec0.nwb");
const SERIES = "/acquisition/TwoPhotonSeries_green";
const ROOT = "#cell-linked";

/** numpy's frame on screen at each time: the last frame whose timestamp is ≤ t (-1: none). */
function numpyFrameAt(times: number[]): number[] {
  return h5py<number[]>(
    `import h5py, numpy as np, json, sys
ts = h5py.File(sys.argv[1], "r")[sys.argv[2] + "/timestamps"][:]
print(json.dumps([int(np.searchsorted(ts, t, side="right") - 1) for t in json.loads(sys.argv[3])]))`,
    FILE,
    SERIES,
    JSON.stringify(times),
  );
}

/** The preview frame (contract/movie-preview.ts: 120 frames, index round(k (N-1) / 119)) whose
 *  time is nearest to `t`, from the file's timestamps (numpy). */
function numpyPreviewFrameAt(t: number): number {
  return h5py<number>(
    `import h5py, numpy as np, sys
ts = h5py.File(sys.argv[1], "r")[sys.argv[2] + "/timestamps"][:]
n = min(120, len(ts))
idx = np.floor(np.arange(n) * (len(ts) - 1) / (n - 1) + 0.5).astype(int)
print(int(idx[np.argmin(np.abs(ts[idx] - float(sys.argv[3])))]))`,
    FILE,
    SERIES,
    String(t),
  );
}

/** The movie canvas's pixels as a data URL. */
function movieCanvas(page: Page): Promise<string> {
  return page.evaluate(
    `document.querySelector(".tsnwb-movie canvas").toDataURL()`,
  ) as Promise<string>;
}

/** Page-side code as text: tsx would wrap named functions passed to evaluate in a helper the page
 *  does not have. `pick(root)` reads what the three views show. */
const PICK = `function pick(r) {
  const q = (s) => document.querySelector(r + " " + s);
  const domain = (s) => (s || "").split(",").map(Number);
  const raster = q("svg.tsnwb-raster").closest(".tsnwb");
  const movie = q(".tsnwb-movie");
  return {
    traceDomain: domain(q(".tsnwb-trace .tsnwb-x-axis").dataset.domain),
    traceCursor: q(".tsnwb-trace .tsnwb-lanes-plot").dataset.cursor || "",
    traceReply: q(".tsnwb-trace").dataset.replyId || "",
    rasterDomain: domain(raster.dataset.domain),
    rasterCursor: raster.dataset.cursor || "",
    movieCursor: movie.dataset.cursor || "",
    movieCursorFrame: Number(movie.dataset.cursorFrame),
    movieFrame: Number(movie.dataset.frame),
    movieNote: movie.dataset.linkNote || "",
    movieHidden: movie.dataset.frameHidden || "",
  };
}`;

interface Shown {
  traceDomain: number[];
  traceCursor: string;
  traceReply: string;
  rasterDomain: number[];
  rasterCursor: string;
  movieCursor: string;
  movieCursorFrame: number;
  movieFrame: number;
  movieNote: string;
  movieHidden: string;
}

/** What the three views show: trace x-domain and cursor, raster domain and cursor, movie frame. */
function shown(page: Page, root: string): Promise<Shown> {
  return page.evaluate(`(${PICK})(${JSON.stringify(root)})`) as Promise<Shown>;
}

/** Waits until `condition` (JS on `v`, what the views show) holds in the page. */
async function until(page: Page, root: string, condition: string): Promise<void> {
  await page.waitForFunction(
    `(() => { const v = (${PICK})(${JSON.stringify(root)}); return ${condition}; })()`,
  );
}

const SAME_DOMAINS =
  "v.traceDomain.every((x, i) => Math.abs(x - v.rasterDomain[i]) <= 1e-9 * Math.max(1, Math.abs(x)))";

/** Clicks the trace plot `fraction` of the way across. */
async function clickTrace(page: Page, root: string, fraction: number): Promise<void> {
  const overlay = page.locator(`${root} .tsnwb-trace rect.tsnwb-overlay`);
  // views drawn earlier in the shared page can push this cell below the viewport
  await overlay.scrollIntoViewIfNeeded();
  const box = (await overlay.boundingBox())!;
  await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
}

async function wheel(page: Page, selector: string, deltaY: number): Promise<void> {
  const target = page.locator(selector).first();
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + Math.min(40, box.height / 2));
  await page.mouse.wheel(0, deltaY);
}

const near = (a: number[], b: number[]) =>
  a.length === b.length &&
  a.every((v, i) => Math.abs(v - b[i]!) <= 1e-9 * Math.max(1, Math.abs(v)));

describe("browser: linked time (TraceView, MovieView, RasterView)", function () {
  this.timeout(180_000);
  let s: LiveSession;
  let ids: { trace: string; movie: string; raster: string };

  before(async function () {
    s = await liveSession();
    const cell = await s.run(
      `
import { openNWB, nwbWidget, linkTime, display } from "tsnwb";
const linkedFile = await openNWB(${JSON.stringify(FILE)});
const lt = await nwbWidget(linkedFile.get("/processing/ophys/DfOverF/roi_response_series"));
const lm = await nwbWidget(linkedFile.get(${JSON.stringify(SERIES)}));
const lr = await nwbWidget(linkedFile.get("/units"));
const link = linkTime(lt, lm, lr);
const previewReady = (lm as unknown as { loadPreview(): Promise<void> }).loadPreview();
Object.assign(globalThis as any, { lt, lm, lr, link, previewReady });
display(lt); display(lm); display(lr); display(link);`,
      "linked",
    );
    const [trace, movie, raster] = cell.outputs
      .filter((o): o is { widget: string; renderMs: number } => "widget" in o)
      .map((o) => o.widget);
    ids = { trace: trace!, movie: movie!, raster: raster! };
    await s.page.waitForSelector(`${ROOT} .tsnwb-trace[data-linked="true"] .tsnwb-lanes-plot`);
    await s.page.waitForSelector(`${ROOT} .tsnwb-movie[data-linked="true"]`);
    await s.page.waitForSelector(`${ROOT} .tsnwb-raster-rows`);
    await s.run("await (globalThis as any).previewReady;");
  });

  it("a click in the trace moves every cursor; the movie shows the frame at the cursor (numpy)", async function () {
    const full = await s.value<[number, number]>("(globalThis as any).lt.get('fullRange')");
    const movieEnd = h5py<number>(
      "import h5py, sys; ts = h5py.File(sys.argv[1], 'r')[sys.argv[2] + '/timestamps']; print(float(ts[-1] + (ts[-1] - ts[0]) / (len(ts) - 1)))",
      FILE,
      SERIES,
    );
    const at = (t: number) => (t - full[0]) / (full[1] - full[0]);
    if (full[1] > movieEnd + 1) {
      // past the movie's last frame: the movie says so and shows no (stale) frame
      await clickTrace(s.page, ROOT, at((movieEnd + full[1]) / 2));
      await until(s.page, ROOT, "v.movieHidden === 'true'");
      const v = await shown(s.page, ROOT);
      assert.equal(v.movieCursorFrame, -1);
      assert.match(v.movieNote, /no frame at the cursor .* this movie covers/);
    }
    for (const t0 of [movieEnd * 0.7, movieEnd * 0.2]) {
      await clickTrace(s.page, ROOT, at(t0));
      const t = Number((await shown(s.page, ROOT)).traceCursor);
      assert.ok(Math.abs(t - t0) < (full[1] - full[0]) / 500, `cursor ${t} near ${t0}`);
      const [frame] = numpyFrameAt([t]);
      await s.page.waitForSelector(`${ROOT} .tsnwb-movie[data-frame="${frame}"]`);
      const v = await shown(s.page, ROOT);
      assert.equal(Number(v.rasterCursor), t);
      assert.equal(Number(v.movieCursor), t);
      assert.equal(v.movieCursorFrame, frame);
      assert.equal(v.movieHidden, "false");
      // the kernel's models say the same
      await s.page.waitForTimeout(300);
      const k = await s.value<{ cursor: number; frame: number; raster: number; trace: number }>(
        "{ cursor: (globalThis as any).link.get('cursor'), frame: (globalThis as any).lm.get('frame'), raster: (globalThis as any).lr.get('cursor'), trace: (globalThis as any).lt.get('cursor') }",
      );
      assert.deepEqual(k, { cursor: t, frame, raster: t, trace: t });
    }
    await s.screenshot("time-link-cursor");
  });

  it("zooming the trace moves the raster's x-domain, and the kernel's window", async function () {
    const before = await shown(s.page, ROOT);
    await wheel(s.page, `${ROOT} .tsnwb-trace rect.tsnwb-overlay`, -600);
    await until(
      s.page,
      ROOT,
      `${SAME_DOMAINS} && v.traceDomain.join() !== ${JSON.stringify(before.traceDomain.join())} && v.traceReply !== ${JSON.stringify(before.traceReply)}`,
    );
    const v = await shown(s.page, ROOT);
    const full = await s.value<[number, number]>("(globalThis as any).lt.get('fullRange')");
    assert.ok(v.traceDomain[1]! - v.traceDomain[0]! < (full[1] - full[0]) * 0.9, "zoomed in");
    assert.ok(near(v.rasterDomain, v.traceDomain), `${v.rasterDomain} vs ${v.traceDomain}`);
    await s.page.waitForTimeout(500);
    const k = await s.value<{ window: number[]; raster: number[] }>(
      "{ window: (globalThis as any).link.get('window'), raster: (globalThis as any).lr.get('visibleRange') }",
    );
    assert.ok(near(k.window, v.traceDomain), `kernel window ${k.window} vs ${v.traceDomain}`);
    assert.ok(near(k.raster, v.traceDomain));
  });

  it("zooming the raster moves the trace", async function () {
    const before = await shown(s.page, ROOT);
    await wheel(s.page, `${ROOT} svg.tsnwb-raster`, 400);
    await until(
      s.page,
      ROOT,
      `${SAME_DOMAINS} && v.rasterDomain.join() !== ${JSON.stringify(before.rasterDomain.join())}`,
    );
    const v = await shown(s.page, ROOT);
    assert.ok(
      v.traceDomain[1]! - v.traceDomain[0]! > before.traceDomain[1]! - before.traceDomain[0]!,
      "zoomed out",
    );
  });

  it("in a page made from the saved state (no kernel) the views still move together", async function () {
    const saved = (await s.page.evaluate(
      "window.widgetManager.get_state({ drop_defaults: true })",
    )) as { state: Record<string, { model_name: string; state: Record<string, unknown> }> };
    const linkIds = Object.keys(saved.state).filter(
      (id) => saved.state[id]!.model_name === "TimeLinkModel",
    );
    assert.ok(linkIds.length >= 1, "the link model is saved with its members");
    const dir = mkdtempSync(join(tmpdir(), "tsnwb-linked-"));
    const page = await (await sharedBrowser()).newPage({ viewport: { width: 1100, height: 1400 } });
    try {
      const file = join(dir, "linked.html");
      writeFileSync(
        file,
        htmlPageFromState(saved, [ids.trace, ids.movie, ids.raster], { title: "linked, saved" }),
      );
      await page.goto(pathToFileURL(file).href, { timeout: 120_000 });
      await page.waitForFunction("document.body.dataset.tsnwbRendered", null, {
        timeout: 120_000,
      });
      await page.waitForSelector(".tsnwb-trace[data-linked='true']");
      await page.waitForSelector(".tsnwb-raster-rows");
      await until(page, "body", "v.movieCursor !== ''");
      const before = await shown(page, "body");
      // the saved frame is the frame at the saved cursor
      assert.equal(before.movieHidden, "false");
      assert.equal(before.movieCursorFrame, before.movieFrame);

      await clickTrace(page, "body", 0.02);
      let v = await shown(page, "body");
      const t = Number(v.traceCursor);
      const [frame] = numpyFrameAt([t]);
      assert.equal(Number(v.rasterCursor), t);
      assert.equal(v.movieCursorFrame, frame);
      assert.notEqual(frame, before.movieFrame);
      // no kernel: the embedded preview frame nearest to the cursor (numpy), said to be a preview
      const preview = numpyPreviewFrameAt(t);
      await until(page, "body", `v.movieFrame === ${preview}`);
      v = await shown(page, "body");
      assert.equal(v.movieHidden, "false");
      if (preview !== frame)
        assert.match(v.movieNote, /^preview frame at t=.* s .*; the full movie needs the kernel$/);
      const canvasBefore = await movieCanvas(page);
      await clickTrace(page, "body", 0.1);
      const t2 = Number((await shown(page, "body")).traceCursor);
      const preview2 = numpyPreviewFrameAt(t2);
      assert.notEqual(preview2, preview);
      await until(page, "body", `v.movieFrame === ${preview2}`);
      assert.notEqual(await movieCanvas(page), canvasBefore, "the movie's picture changed");

      await wheel(page, "svg.tsnwb-raster", -500);
      await until(
        page,
        "body",
        `${SAME_DOMAINS} && v.traceDomain.join() !== ${JSON.stringify(before.traceDomain.join())}`,
      );
      v = await shown(page, "body");
      assert.ok(
        v.traceDomain[1]! - v.traceDomain[0]! < before.traceDomain[1]! - before.traceDomain[0]!,
      );
      await page.screenshot({ path: join(artifacts, "time-link-saved.png"), fullPage: true });
    } finally {
      await page.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("unlink() frees the views: the cursor goes, a zoom moves one view only", async function () {
    await s.run("(globalThis as any).link.unlink();");
    await s.page.waitForSelector(`${ROOT} .tsnwb-trace[data-linked="false"]`);
    const before = await shown(s.page, ROOT);
    assert.equal(before.traceCursor, "");
    await wheel(s.page, `${ROOT} svg.tsnwb-raster`, -400);
    await until(
      s.page,
      ROOT,
      `v.rasterDomain.join() !== ${JSON.stringify(before.rasterDomain.join())}`,
    );
    const after = await shown(s.page, ROOT);
    assert.deepEqual(after.traceDomain, before.traceDomain);
  });
});

describe("browser: a RoiView's traces in a time link (linkTime(roiView, movieView))", function () {
  this.timeout(180_000);
  let s: LiveSession;
  const CELL = "#cell-roilinked";
  const state = () =>
    s.page.evaluate(`(() => {
      const q = (x) => document.querySelector(${JSON.stringify(CELL)} + " " + x);
      const movie = q(".tsnwb-movie");
      return {
        traceLinked: q(".tsnwb-trace").dataset.linked || "",
        traceCursor: q(".tsnwb-trace .tsnwb-lanes-plot").dataset.cursor || "",
        movieFrame: Number(movie.dataset.frame),
        movieCursor: movie.dataset.cursor || "",
      };
    })()`) as Promise<{
      traceLinked: string;
      traceCursor: string;
      movieFrame: number;
      movieCursor: string;
    }>;

  before(async function () {
    s = await liveSession();
    await s.run(
      `
import { openNWB, nwbWidget, linkTime, display, TraceModel, roiTracesOf } from "tsnwb";
const roiFile = await openNWB(${JSON.stringify(FILE)});
const rroi = await nwbWidget(roiFile.get("/processing/ophys/ImageSegmentation/plane_segmentation"));
const rtr = await TraceModel.create([{ id: "marks", label: "marks", events: [0.5, 120] }], { title: "ROI traces" });
await rtr.linkRoiView(rroi as any, await roiTracesOf(roiFile.get("/processing/ophys/DfOverF/roi_response_series") as any));
(rroi as any).select([(rroi as any).get("rois").ids[0]]);
const rmv = await nwbWidget(roiFile.get(${JSON.stringify(SERIES)}));
const rlink = linkTime(rroi, rmv);
Object.assign(globalThis as any, { rroi, rtr, rmv, rlink });
display(rroi); display(rtr); display(rmv);`,
      "roilinked",
    );
    await s.page.waitForSelector(`${CELL} .tsnwb-trace[data-linked="true"] .tsnwb-lanes-plot`);
    await s.page.waitForSelector(`${CELL} .tsnwb-movie[data-linked="true"]`);
  });

  it("a click in the ROI's traces moves the movie to numpy's frame at the cursor", async function () {
    const full = await s.value<[number, number]>("(globalThis as any).rtr.get('xRange')");
    const movieEnd = h5py<number>(
      "import h5py, sys; print(float(h5py.File(sys.argv[1], 'r')[sys.argv[2] + '/timestamps'][-1]))",
      FILE,
      SERIES,
    );
    const fraction = (movieEnd / 2 - full[0]) / (full[1] - full[0]);
    await clickTrace(s.page, CELL, fraction);
    await s.page.waitForFunction(
      `document.querySelector(${JSON.stringify(CELL + " .tsnwb-trace .tsnwb-lanes-plot")}).dataset.cursor`,
    );
    const t = Number((await state()).traceCursor);
    assert.ok(Math.abs(t - movieEnd / 2) < (full[1] - full[0]) / 100, `cursor ${t}`);
    const [frame] = numpyFrameAt([t]);
    await s.page.waitForSelector(`${CELL} .tsnwb-movie[data-frame="${frame}"]`);
    assert.equal(Number((await state()).movieCursor), t);
  });

  it("moving the movie's slider moves the ROI's traces' cursor to that frame's time (h5py)", async function () {
    const slider = s.page.locator(`${CELL} input.tsnwb-frame-slider`);
    await slider.scrollIntoViewIfNeeded();
    await slider.evaluate((el) => {
      const input = el as HTMLInputElement;
      input.value = "2000";
      input.dispatchEvent(new Event("input"));
      input.dispatchEvent(new Event("change"));
    });
    const t = h5py<number>(
      "import h5py, sys; print(float(h5py.File(sys.argv[1], 'r')[sys.argv[2] + '/timestamps'][2000]))",
      FILE,
      SERIES,
    );
    await s.page.waitForFunction(
      `Number(document.querySelector(${JSON.stringify(CELL + " .tsnwb-trace .tsnwb-lanes-plot")}).dataset.cursor) === ${t}`,
    );
    await s.page.waitForTimeout(300);
    assert.equal(await s.value("(globalThis as any).rtr.get('cursor')"), t);
    await s.screenshot("time-link-roi");
  });
});

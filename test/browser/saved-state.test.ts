// What a notebook saves: the browser's widget manager state (application/vnd.jupyter.widget-state+json,
// as JupyterLab writes it into a notebook's metadata) keeps the binary state — ROI contours, image,
// lane overviews — and a page built from it alone, with no kernel, draws the same views.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { liveSession, sharedBrowser, artifacts, type LiveSession } from "./support/session.js";
import { kernelImport } from "./support/cells.js";
import { htmlPageFromState } from "../../kernel-ext/models/export/html-page.js";

interface SavedState {
  version_major: number;
  version_minor: number;
  state: Record<
    string,
    {
      model_name: string;
      state: Record<string, unknown>;
      buffers?: { path: (string | number)[]; data: string }[];
    }
  >;
}

describe("browser: saved widget state (notebook metadata) redraws without a kernel", function () {
  this.timeout(180_000);
  let s: LiveSession;
  let roiId: string;
  let traceId: string;
  let saved: SavedState;

  before(async function () {
    s = await liveSession();
    const cell = await s.run(
      `
${kernelImport("RoiModel", "TraceModel", "display")}
const sq = (r0: number, c0: number) => ({ rows: [r0, r0, r0 + 1, r0 + 1, r0 + 2], cols: [c0, c0 + 1, c0, c0 + 1, c0] });
const savedRois = RoiModel.create({ title: "saved ROIs", ids: [4, 8], masks: [sq(2, 3), sq(10, 12)],
  images: { mean: { data: Float32Array.from({ length: 20 * 30 }, (_, i) => i % 30), shape: [20, 30] } } });
const savedTrace = await TraceModel.create([{ id: "v", label: "v", unit: "V", values: Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i / 40)), rate: 100 }],
  { title: "saved trace", overviewPixels: 500 });
display(savedRois); display(savedTrace);`,
      "saved",
    );
    [roiId, traceId] = cell.outputs
      .filter((o): o is { widget: string; renderMs: number } => "widget" in o)
      .map((o) => o.widget);
    await s.page.waitForSelector("#cell-saved .tsnwb-trace[data-reply-id]");
    saved = (await s.page.evaluate(() =>
      (window as any).widgetManager.get_state({ drop_defaults: true }),
    )) as SavedState;
  });

  it("keeps every binary field as a buffer of exactly its bytes", function () {
    const roi = saved.state[roiId];
    const paths = (roi.buffers ?? []).map((b) => b.path.join("."));
    assert.deepEqual(
      paths.sort(),
      ["image.data", "rois.points", "rois.ringOffsets", "rois.roiOffsets"].sort(),
    );
    const offsets = Buffer.from(
      roi.buffers!.find((b) => b.path.join(".") === "rois.roiOffsets")!.data,
      "base64",
    );
    assert.equal(
      offsets.length,
      3 * 4,
      "roiOffsets: 2 ROIs + 1 uint32, not the whole message buffer",
    );
    const image = Buffer.from(
      roi.buffers!.find((b) => b.path.join(".") === "image.data")!.data,
      "base64",
    );
    assert.equal(image.length, 20 * 30 * 4);
    assert.deepEqual(
      Array.from(new Float32Array(image.buffer, image.byteOffset, 30)),
      Array.from({ length: 30 }, (_, i) => i),
    );
    const trace = saved.state[traceId];
    assert.deepEqual(
      (trace.buffers ?? []).map((b) => b.path.join(".")),
      ["lanes.0.overview.data"],
    );
  });

  it("a page made from the saved state alone draws the same views", async function () {
    const dir = mkdtempSync(join(tmpdir(), "tsnwb-saved-"));
    const page = await (await sharedBrowser()).newPage({ viewport: { width: 1000, height: 800 } });
    try {
      const state = {
        version_major: 2,
        version_minor: 0,
        state: { [roiId]: saved.state[roiId], [traceId]: saved.state[traceId] },
      };
      const file = join(dir, "saved.html");
      writeFileSync(
        file,
        htmlPageFromState(state, [roiId, traceId], { title: "from saved state" }),
      );
      await page.goto(pathToFileURL(file).href, { timeout: 120_000 });
      await page.waitForFunction(() => document.body.dataset.tsnwbRendered, null, {
        timeout: 120_000,
      });
      await page.screenshot({ path: join(artifacts, "saved-state.png"), fullPage: true });
      const live = await s.page.evaluate(() => ({
        outlines: [...document.querySelectorAll("#cell-saved path.tsnwb-roi")].map((p) =>
          p.getAttribute("d"),
        ),
        overview: Number(
          (document.querySelector("#cell-saved .tsnwb-trace .tsnwb-lane") as SVGGElement).dataset
            .points,
        ),
      }));
      const restored = await page.evaluate(() => ({
        outlines: [...document.querySelectorAll("path.tsnwb-roi")].map((p) => p.getAttribute("d")),
        points: Number(
          (document.querySelector(".tsnwb-trace .tsnwb-lane") as SVGGElement).dataset.points,
        ),
        decimated: (document.querySelector(".tsnwb-trace .tsnwb-lane") as SVGGElement).dataset
          .decimated,
      }));
      assert.deepEqual(restored.outlines, live.outlines);
      assert.equal(restored.outlines.length, 2);
      const overviewCount = (
        saved.state[traceId].state.lanes as { overview: { count: number } }[]
      )[0].overview.count;
      assert.equal(restored.points, overviewCount);
      assert.equal(restored.decimated, "true");
      assert.ok(live.overview > 0);
    } finally {
      await page.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

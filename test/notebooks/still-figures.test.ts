// Figures wherever a notebook is read: the six example notebooks through Debian's nbconvert (6.5.3,
// default settings, the kernelspec and nbconvert template from the real `tsnwb install --prefix`,
// found through JUPYTER_PATH / JUPYTER_CONFIG_PATH). Each notebook is executed once
// (`--execute --to notebook`) and that executed copy is both inspected (every widget output carries
// a still figure) and exported (`--to html`), then opened in headless Chromium with every request
// other than file:// blocked: each widget output area must show a drawn image with a non-zero size,
// and after the page's "Interactive views" button a live view drawn from the stored state (our
// bundle inlined by the template). Screenshots of both go to test-artifacts/notebooks/.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/chromium.js";
import { notebooksDir, repoRoot, WIDGET_STATE_MIME, WIDGET_VIEW_MIME, type Notebook } from "./support/notebook-run.js";

const run = promisify(execFile);
const artifacts = join(repoRoot, "test-artifacts", "notebooks");
const notebooks = readdirSync(notebooksDir).filter((n) => n.endsWith(".ipynb")).sort();

interface ShownView {
  model: string;
  image: "svg" | "png" | "none";
}

/** Widget outputs of an executed notebook: the model each shows and the still image it carries. */
function shownViews(nb: Notebook): ShownView[] {
  const state = nb.metadata.widgets?.[WIDGET_STATE_MIME]?.state ?? {};
  const views: ShownView[] = [];
  for (const cell of nb.cells) {
    for (const o of cell.outputs ?? []) {
      const view = o.data?.[WIDGET_VIEW_MIME];
      if (!view) continue;
      const svg = o.data!["image/svg+xml"];
      const png = o.data!["image/png"];
      if (svg !== undefined) assert.match(String(svg), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*width="[\d.]+" height="[\d.]+"/, "an SVG document with its size");
      if (png !== undefined) assert.equal(Buffer.from(String(png), "base64").subarray(1, 4).toString("latin1"), "PNG", "a PNG");
      views.push({ model: state[view.model_id]?.model_name ?? "(no stored state)", image: svg !== undefined ? "svg" : png !== undefined ? "png" : "none" });
    }
  }
  return views;
}

function summarize(views: ShownView[]): string {
  const counts = new Map<string, number>();
  for (const v of views) counts.set(`${v.model.replace(/Model$/, "")} (${v.image})`, (counts.get(`${v.model.replace(/Model$/, "")} (${v.image})`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} × ${k}`).join(", ");
}

interface AreaCheck {
  width: number;
  height: number;
  /** Visible images (img/svg) in the area, outside a live view. */
  images: { tag: string; width: number; height: number; loaded: boolean }[];
  /** The live view's box and whether it holds a drawing (svg, canvas, table), once made interactive. */
  live: { width: number; height: number; drawn: boolean } | null;
}

/** Page script measuring widget output areas (a string: the test runner's transpiler would add
 *  helpers to a function that the page does not have). */
const MEASURE_WIDGET_AREAS = `(() => {
  function visible(el) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.display !== "none" && style.visibility !== "hidden";
  }
  return [...document.querySelectorAll(".jupyter-widgets.jp-OutputArea-output")].map((a) => {
    const box = a.getBoundingClientRect();
    const images = [...a.querySelectorAll(":scope > img, :scope > svg")].filter(visible).map((el) => {
      const r = el.getBoundingClientRect();
      return { tag: el.tagName.toLowerCase(), width: r.width, height: r.height, loaded: el instanceof HTMLImageElement ? el.complete && el.naturalWidth > 0 : true };
    });
    const sub = a.querySelector(":scope > .widget-subarea");
    const live = sub ? { width: sub.getBoundingClientRect().width, height: sub.getBoundingClientRect().height, drawn: [...sub.querySelectorAll("svg, canvas, table")].some(visible) } : null;
    return { width: box.width, height: box.height, images, live };
  });
})()`;

describe("example notebooks through jupyter nbconvert --to html show every view's figure offline", function () {
  this.timeout(900_000);
  const prefix = mkdtempSync(join(tmpdir(), "tsnwb-nbconvert-"));
  const outDir = mkdtempSync(join(tmpdir(), "tsnwb-nbconvert-out-"));
  const env = {
    ...process.env,
    JUPYTER_PATH: join(prefix, "share", "jupyter"),
    JUPYTER_CONFIG_PATH: join(prefix, "etc", "jupyter"),
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  const nbconvert = (args: string[], cwd: string) =>
    run("/usr/bin/jupyter", ["nbconvert", ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
  const shown: Record<string, string> = {};
  let browser: Browser;

  before(async () => {
    await run(process.execPath, [join(repoRoot, "bin", "tsnwb.js"), "install", "--prefix", prefix]);
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    rmSync(prefix, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
    console.log("      exported notebooks (widget outputs by view, with the still image they carry):");
    for (const [name, text] of Object.entries(shown)) console.log(`        ${name}: ${text}`);
  });

  /**
   * Opens `html` offline and measures every widget output area: as loaded (still figures), then
   * after the page's "Interactive views" button (live views from the stored state). A screenshot of
   * each state goes to test-artifacts/notebooks/.
   */
  async function widgetAreas(html: string, shot: string): Promise<{ still: AreaCheck[]; interactive: AreaCheck[]; rendered: string | undefined }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.route("**/*", (route) => {
      const url = route.request().url();
      return url.startsWith("file:") || url.startsWith("data:") ? route.continue() : route.abort();
    });
    const measure = () => page.evaluate(MEASURE_WIDGET_AREAS) as Promise<AreaCheck[]>;
    try {
      await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
      await page.waitForFunction(() => [...document.images].every((i) => i.complete));
      await page.screenshot({ path: `${shot}.png`, fullPage: true });
      const still = await measure();
      await page.click(".tsnwb-live-button");
      await page.waitForFunction(() => document.body.dataset.tsnwbRendered, null, { timeout: 120_000 });
      const rendered = await page.evaluate(() => document.body.dataset.tsnwbRendered);
      await page.screenshot({ path: `${shot}-interactive.png`, fullPage: true });
      return { still, interactive: await measure(), rendered };
    } finally {
      await page.close();
    }
  }

  it("the one-step `jupyter nbconvert --execute --to html` draws a view's figure as the notebook left it (zoomed by a later cell)", async () => {
    const dir = join(outDir, "one-step");
    mkdirSync(dir);
    const cell = (source: string) => ({ cell_type: "code", metadata: {}, execution_count: null, outputs: [], source });
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "tsnwb", display_name: "TypeScript (NWB)", language: "typescript" } },
      cells: [
        cell(`import * as nwb from "tsnwb";\nconst s = Float64Array.from({ length: 2000 }, (_, i) => Math.sin(i / 100));`),
        cell(`const v = await nwb.traceView([{ label: "s", values: s, rate: 100 }], { title: "one step" }); v`),
        cell(`v.set({ xRange: [3, 4] }); "zoomed"`),
      ].map((c, i) => ({ ...c, id: `c${i}` })),
    };
    writeFileSync(join(dir, "one-step.ipynb"), JSON.stringify(nb));
    await nbconvert(["--execute", "--to", "html", "one-step.ipynb"], dir);
    const html = readFileSync(join(dir, "one-step.html"), "utf8");
    const figures = [...html.matchAll(/<div class="jupyter-widgets jp-OutputArea-output tsnwb-still-figure[^>]*>\s*<img class="tsnwb-still" src="data:image\/svg\+xml;base64,([^"]+)"/g)];
    assert.equal(figures.length, 1, "one widget output, drawn from its still figure");
    const svg = Buffer.from(figures[0][1], "base64").toString("utf8");
    const axis = svg.match(/<g class="axis axis-x">(.*?)<\/g>/s)![1];
    const ticks = [...axis.matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1]).slice(0, -1);
    assert.deepEqual(ticks, ["3.0", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9", "4.0"], "the x axis of the zoomed view");
    assert.ok(!html.includes("var element = document.getElementById"), "no lab widget-manager placeholder");
    assert.ok(!html.includes("@jupyter-widgets/html-manager@"), "no widget manager loaded from a CDN");
  });

  it("widget outputs without a still figure (other kernels' widgets) render exactly as with the lab template", async () => {
    const dir = join(outDir, "foreign");
    mkdirSync(dir);
    const modelId = "0123456789abcdef0123456789abcdef";
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: { name: "python3", display_name: "Python 3", language: "python" },
        widgets: { [WIDGET_STATE_MIME]: { version_major: 2, version_minor: 0, state: { [modelId]: { model_name: "IntSliderModel", model_module: "@jupyter-widgets/controls", model_module_version: "2.0.0", state: { value: 3 } } } } },
      },
      cells: [
        { id: "a", cell_type: "code", metadata: {}, execution_count: 1, source: "slider", outputs: [{ output_type: "display_data", metadata: {}, data: { [WIDGET_VIEW_MIME]: { version_major: 2, version_minor: 0, model_id: modelId }, "text/plain": "IntSlider(value=3)" } }] },
        { id: "b", cell_type: "code", metadata: {}, execution_count: 2, source: "1 + 1", outputs: [{ output_type: "execute_result", execution_count: 2, metadata: {}, data: { "text/plain": "2" } }] },
      ],
    };
    writeFileSync(join(dir, "foreign.ipynb"), JSON.stringify(nb));
    await nbconvert(["--to", "html", "--output", "ours", "foreign.ipynb"], dir);
    await nbconvert(["--to", "html", "--template", "lab", "--output", "lab", "foreign.ipynb"], dir);
    const normalize = (f: string) => readFileSync(join(dir, f), "utf8").replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "UUID");
    const ours = normalize("ours.html");
    assert.ok(ours.includes(`<script type="${WIDGET_VIEW_MIME}">`), "the widget view is left to the widget manager");
    assert.equal(ours, normalize("lab.html"));
  });

  for (const name of notebooks) {
    describe(name, () => {
      let nb: Notebook;
      let html: string;

      before(async () => {
        await nbconvert(["--execute", "--to", "notebook", "--output-dir", outDir, join(notebooksDir, name)], notebooksDir);
        const executed = join(outDir, name);
        nb = JSON.parse(readFileSync(executed, "utf8"));
        await nbconvert(["--to", "html", executed], outDir);
        html = executed.replace(/\.ipynb$/, ".html");
      });

      it("every widget output in the executed notebook carries a still figure of its view", () => {
        const views = shownViews(nb);
        shown[name] = `${views.length} views: ${summarize(views)}`;
        assert.ok(views.length > 0, "the notebook shows views");
        const without = views.filter((v) => v.image === "none");
        assert.deepEqual(without, [], "widget outputs without a still image");
        for (const v of views) assert.equal(v.image, ["RoiModel", "MovieModel", "RecordingModel"].includes(v.model) ? "png" : "svg", v.model);
      });

      it("the exported HTML, opened offline in Chromium, shows a drawn figure in every widget area; its button makes every view live", async () => {
        const page = readFileSync(html, "utf8");
        assert.equal((page.match(/<div id="[^"]+" class="jupyter-widgets jp-OutputArea-output ">\s*<script/g) ?? []).length, 0, "no view left as the lab template's empty widget-manager placeholder");
        assert.ok(!page.includes("@jupyter-widgets/html-manager@"), "no widget manager loaded from a CDN");
        const { still, interactive, rendered } = await widgetAreas(html, join(artifacts, basename(name, ".ipynb")));
        assert.equal(still.length, shownViews(nb).length, "one widget area per widget output");
        still.forEach((a, i) => {
          assert.ok(a.width > 0 && a.height > 0, `widget area ${i}: ${a.width}×${a.height}`);
          assert.equal(a.images.length, 1, `widget area ${i} shows one image`);
          const [img] = a.images;
          assert.ok(img.loaded && img.width >= 100 && img.height >= 50, `widget area ${i}: ${img.tag} ${img.width}×${img.height}, loaded ${img.loaded}`);
        });
        assert.equal(rendered, "true", "every view drawn live from the stored state");
        interactive.forEach((a, i) => {
          assert.equal(a.images.length, 0, `widget area ${i}: the still figure gives way to the live view`);
          assert.ok(a.live && a.live.width > 0 && a.live.height > 0 && a.live.drawn, `widget area ${i}: live view ${JSON.stringify(a.live)}`);
          // Within the page (1200 px wide), as the still figure was: a view that widened its own
          // output cell would show only part of its time axis.
          assert.ok(a.width <= still[i]!.width + 1, `widget area ${i}: ${a.width} px live vs ${still[i]!.width} px still`);
        });
      });
    });
  }
});

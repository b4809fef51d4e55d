// The prebuilt JupyterLab extension as a user gets it: `tsnwb install --prefix DIR` puts it in
// DIR/share/jupyter/labextensions/tsnwb-widgets, the server (jupyterlab_server, labextensions_path
// pointing there) lists it in the page config and serves it under /lab/extensions/, and a
// JupyterLab WITHOUT our source extension (build-federated/) loads it through module federation
// (app/federated-extensions.ts) and draws our views from the tsnwb kernel. plotly.js, a chunk of
// its own, is fetched from the extension only when the first plotly figure is drawn.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/chromium.js";
import { recordingReference, type RecordingReference } from "./harness/h5py-reference.js";
import { prepareLab } from "./harness/install.js";
import { installKernel, type NotebookKernel } from "./harness/kernels.js";
import { LabPage, notebookJson, outputText } from "./harness/lab-page.js";
import { federatedBuildDir } from "./harness/paths.js";
import { LabServer } from "./harness/server.js";
import { timings } from "./harness/timings.js";
import { openRecordingCell, pathArea, recording } from "./widget-specs.js";

const notebook = "prebuilt-extension.ipynb";
const COUPLING_CELL = 3;

function notebookCells(): string[] {
  return [
    openRecordingCell(),
    `await nwb.nwbWidget(at("/processing/ophys/ImageSegmentation/plane_segmentation"))`,
    `await nwb.traceView([{ id: "dff", label: "ΔF/F", values: dff.data.data, timestamps: dff.times }], { title: "ΔF/F (prebuilt extension)" })`,
    `const coupling = await nwb.CouplingModel.create([await nwb.couplingCellOfNWB(file)], { title: "coupling (prebuilt extension)" });\ncoupling`,
    `JSON.stringify(coupling.get("groups").map((g) => g.averages.map((a) => ({ events: a.eventCount, fit: a.fit !== null && a.fit !== undefined }))))`,
  ];
}

/** The installed extension: its package.json build info and which chunk holds what. */
interface Installed {
  dir: string;
  load: string;
  pluginChunk: string;
  plotlyChunk: string;
}

function inspectInstalled(dir: string): Installed {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const chunks = readdirSync(join(dir, "static")).filter((f) => f.endsWith(".js"));
  const holding = (needle: string) =>
    chunks.filter((f) => readFileSync(join(dir, "static", f), "utf8").includes(needle));
  const [pluginChunk] = holding('"tsnwb-widgets:plugin"');
  const [plotlyChunk] = holding("plotly.js v");
  assert.ok(
    pluginChunk && plotlyChunk,
    `plugin chunk ${pluginChunk}, plotly chunk ${plotlyChunk} in ${dir}/static`,
  );
  return { dir, load: pkg.jupyterlab._build.load, pluginChunk, plotlyChunk };
}

/** Files of our extension the page has fetched (Resource Timing), as static/<file>. */
function fetchedExtensionFiles(lab: LabPage): Promise<string[]> {
  return lab.page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.startsWith("/lab/extensions/tsnwb-widgets/"))
      .map((p) => p.slice("/lab/extensions/tsnwb-widgets/".length)),
  );
}

describe("JupyterLab 4 with the prebuilt extension installed by tsnwb install", function () {
  this.timeout(180_000);
  let server: LabServer;
  let kernel: NotebookKernel;
  let browser: Browser;
  let lab: LabPage;
  let installed: Installed;
  let ref: RecordingReference;

  before(async function () {
    this.timeout(600_000);
    const prepared = await prepareLab("federated");
    timings.record(
      "build (esbuild, no source extension)",
      prepared.buildStepSeconds * 1000,
      prepared.build.cached ? "cached" : "ran",
    );
    assert.deepEqual(prepared.build.sourceExtensions, [], "this app has no source extension");
    server = new LabServer();
    kernel = installKernel(join(server.tmp, "prefix"));
    if (!kernel.isTsnwb) {
      console.log("      skipped: needs the built tsnwb CLI (npm run build) for tsnwb install");
      this.skip();
    }
    const extDir = join(kernel.dataDir, "labextensions", "tsnwb-widgets");
    assert.ok(
      existsSync(join(extDir, "package.json")),
      `tsnwb install --prefix put no extension in ${extDir} (is dist/labextension built?)`,
    );
    installed = inspectInstalled(extDir);
    ref = recordingReference(recording);
    await server.start({
      jupyterPath: [kernel.dataDir],
      buildDir: federatedBuildDir,
      labextensionsPath: [join(kernel.dataDir, "labextensions")],
    });
    browser = await launchChromium();
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await server?.stop();
    timings.print();
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed" && lab)
      await lab.screenshot(
        `prebuilt-failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, "-")}`,
      );
  });

  it("loads tsnwb-widgets:plugin from the installed extension's remoteEntry, with no source extension of ours", async function () {
    const opened = await LabPage.open(browser, server);
    lab = opened.lab;
    timings.record("page load /lab?reset (prebuilt extension)", opened.loadMs);
    const info = await lab.buildInfo();
    assert.deepEqual(info.sourceExtensions, []);
    assert.deepEqual(info.sourcePluginIds, []);
    const entryUrl = `/lab/extensions/tsnwb-widgets/${installed.load}`;
    assert.deepEqual(info.federatedExtensions, [
      { name: "tsnwb-widgets", url: entryUrl, pluginIds: ["tsnwb-widgets:plugin"] },
    ]);
    const active = await lab.activePluginIds();
    for (const id of ["tsnwb-widgets:plugin", "@jupyter-widgets/jupyterlab-manager:plugin"])
      assert.ok(active.includes(id), `${id} is not active`);
    // The server serves the installed file (not the build in dist/), and the page fetched it.
    const served = await server.api(entryUrl);
    assert.equal(served.status, 200);
    assert.equal(await served.text(), readFileSync(join(installed.dir, installed.load), "utf8"));
    assert.ok((await fetchedExtensionFiles(lab)).includes(installed.load));
    assert.deepEqual(lab.consoleErrors, []);
    assert.deepEqual(lab.failedRequests, []);
  });

  it("draws a RoiView and a TraceView from the tsnwb kernel as h5py reads the recording, without fetching plotly.js", async function () {
    writeFileSync(join(server.rootDir, notebook), notebookJson(kernel, notebookCells()));
    timings.record("open notebook until kernel idle (prebuilt)", await lab.openNotebook(notebook));
    const started = Date.now();
    for (let i = 0; i < COUPLING_CELL; i++) {
      const outputs = await lab.runCell(notebook, i);
      const errors = outputs.filter((o) => o.output_type === "error" || o.name === "stderr");
      assert.deepEqual(errors, [], `cell ${i}: ${outputs.map(outputText).join("")}`);
    }
    await lab.page.waitForFunction(
      () =>
        document.querySelectorAll(".tsnwb-roi path.tsnwb-roi").length > 0 &&
        [...document.querySelectorAll(".tsnwb-trace g.tsnwb-lane")].some(
          (g) => Number((g as SVGGElement).dataset.points) > 0,
        ),
      null,
      { timeout: 60_000, polling: 200 },
    );
    timings.record("run RoiView + TraceView cells until drawn (prebuilt)", Date.now() - started);
    const drawn = await lab.page.evaluate(() => {
      const trace = document.querySelector(".tsnwb.tsnwb-trace")!;
      return {
        rois: [...document.querySelectorAll(".tsnwb-roi path.tsnwb-roi")].map((p) => ({
          id: Number(p.getAttribute("data-roi-id")),
          d: p.getAttribute("d")!,
        })),
        lanes: [...trace.querySelectorAll("g.tsnwb-lane")].map((g) => ({
          id: g.getAttribute("data-lane"),
          points: Number((g as SVGGElement).dataset.points),
        })),
        domain: (trace.querySelector(".tsnwb-x-axis") as SVGGElement).dataset.domain ?? "",
        title: trace.querySelector(".tsnwb-title")?.textContent,
      };
    });
    assert.deepEqual(
      drawn.rois.map((r) => r.id),
      ref.roiIds,
      "one contour per PlaneSegmentation row",
    );
    drawn.rois.forEach((r, i) =>
      assert.equal(
        pathArea(r.d),
        ref.roiPixelCounts[i],
        `ROI ${r.id}: contour area = its mask's pixel count`,
      ),
    );
    assert.equal(drawn.title, "ΔF/F (prebuilt extension)");
    assert.equal(drawn.lanes.length, 1);
    assert.ok(
      drawn.lanes[0].id === "dff" && drawn.lanes[0].points > 10,
      JSON.stringify(drawn.lanes),
    );
    const [t0, t1] = drawn.domain.split(",").map(Number);
    assert.ok(
      Math.abs(t0 - ref.dff.first) < 1e-3 && Math.abs(t1 - ref.dff.last) < 1e-3,
      `x axis ${drawn.domain} spans h5py's ΔF/F timestamps ${ref.dff.first}..${ref.dff.last}`,
    );
    const fetched = await fetchedExtensionFiles(lab);
    assert.ok(
      fetched.some((f) => f.startsWith(`static/${installed.pluginChunk}`)),
      `plugin chunk fetched: ${fetched}`,
    );
    assert.ok(
      !fetched.some((f) => f.startsWith(`static/${installed.plotlyChunk}`)),
      `plotly.js is not fetched before a plotly figure: ${fetched}`,
    );
    await lab.screenshot("prebuilt-extension-views");
    assert.deepEqual(lab.consoleErrors, []);
  });

  it("fetches plotly.js from the extension for the first CouplingView and draws every triggered average the kernel computed", async function () {
    const started = Date.now();
    const outputs = await lab.runCell(notebook, COUPLING_CELL);
    assert.deepEqual(
      outputs.filter((o) => o.output_type === "error" || o.name === "stderr"),
      [],
    );
    await lab.page.waitForSelector(".tsnwb.tsnwb-coupling .tsnwb-averages .main-svg", {
      timeout: 60_000,
    });
    timings.record("CouplingView until plotly drew (prebuilt)", Date.now() - started);
    const groups = JSON.parse(
      outputText((await lab.runCell(notebook, COUPLING_CELL + 1))[0])
        .trim()
        .replace(/^'(.*)'$/s, "$1"),
    ) as Array<Array<{ events: number; fit: boolean }>>;
    // Per AP class with events: the SEM band and the mean, plus the fitted curve when there is a fit.
    const expected = groups
      .flat()
      .reduce((n, a) => n + (a.events > 0 ? 2 + (a.fit ? 1 : 0) : 0), 0);
    assert.ok(expected > 0, `the kernel found events: ${JSON.stringify(groups)}`);
    const plotted = await lab.page.evaluate(() => {
      const el = document.querySelector(".tsnwb.tsnwb-coupling .tsnwb-averages") as HTMLElement & {
        data?: unknown[];
      };
      return {
        traces: el.data?.length ?? 0,
        drawn: el.querySelectorAll("g.scatterlayer g.trace").length,
      };
    });
    assert.deepEqual(plotted, { traces: expected, drawn: expected });
    const fetched = await fetchedExtensionFiles(lab);
    assert.ok(
      fetched.some((f) => f.startsWith(`static/${installed.plotlyChunk}`)),
      `plotly.js fetched from the extension: ${fetched}`,
    );
    await lab.screenshot("prebuilt-extension-coupling");
    assert.deepEqual(lab.consoleErrors, []);
    assert.deepEqual(lab.failedRequests, []);
  });
});

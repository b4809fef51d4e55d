// Our views inside JupyterLab, live from the tsnwb kernel: what they draw (checked against h5py),
// in the light and the dark theme; zoom → the kernel resamples; ROI click → the kernel's selection
// and the linked trace; save with widget state → reload → back (live, then from saved state after a
// kernel restart); a restart mid-session → the views say they lost the kernel.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "../support/net.js";
import {
  frameReference,
  recordingReference,
  type RecordingReference,
} from "./harness/h5py-reference.js";
import { contrastRatio } from "./harness/contrast.js";
import type { NotebookKernel } from "./harness/kernels.js";
import { type LabPage, notebookJson, outputText } from "./harness/lab-page.js";
import { repoRoot } from "./harness/paths.js";
import type { LabServer } from "./harness/server.js";
import { timings } from "./harness/timings.js";

export interface WidgetSuiteContext {
  lab(): LabPage;
  server(): LabServer;
  kernel(): NotebookKernel;
  /** repo-relative paths of the source extensions bundled into the app */
  sourceExtensions(): string[];
}

export const recording = join(repoRoot, "data", "recordings", "Allen_GCaMP6f_Emx1_102959_rec0.nwb");
const notebook = "views.ipynb";
const QUERY_CELL = 5;

/** The first cell of both view notebooks: opens the recording, defines `at(path)` and reads its ΔF/F. */
export function openRecordingCell(): string {
  return [
    `import * as nwb from "tsnwb";`,
    `const file = await nwb.openNWB(${JSON.stringify(recording)});`,
    `const at = (path: string): any => path.split("/").filter(Boolean).reduce((g: any, name) => g.get(name), file);`,
    `const dffSeries = at("/processing/ophys/DfOverF/roi_response_series");`,
    `const dff = await dffSeries.readSamples(0, dffSeries.numSamples);`,
    `"opened " + file.identifier;`,
  ].join("\n");
}

/**
 * The notebook, written against the public API (`import * as nwb from "tsnwb"`): open the
 * recording; a RoiView of its PlaneSegmentation; a TraceView of the filtered voltage and ΔF/F
 * linked to the RoiView's selection; a RasterView of the units; a MovieView of the two-photon
 * movie; and last, a cell that reports the kernel's side (run again by the tests).
 */
function notebookCells(): string[] {
  return [
    openRecordingCell(),
    `const roi = (await nwb.nwbWidget(at("/processing/ophys/ImageSegmentation/plane_segmentation"))) as nwb.RoiModel;\nroi`,
    [
      `const trace = await nwb.traceView(`,
      `  [`,
      `    { id: "filtered", label: "filtered voltage", source: await nwb.TimeSeriesLaneSource.open(at("/processing/ecephys/ElectricalSeries_processed")) },`,
      `    { id: "dff", label: "ΔF/F", values: dff.data.data, timestamps: dff.times },`,
      `  ],`,
      `  { title: "Allen 102959 rec0" },`,
      `);`,
      `await trace.linkRoiView(roi, (id) => ({ label: "ROI " + id, values: dff.data.data, timestamps: dff.times }));`,
      `trace`,
    ].join("\n"),
    `const raster = await nwb.nwbWidget(file.units);\nraster`,
    `const movie = await nwb.nwbWidget(at("/acquisition/TwoPhotonSeries_green"));\nmovie`,
    `JSON.stringify({ selected: roi.get("selected"), lanes: trace.get("lanes").map((l) => l.id), xRange: trace.get("xRange"), frame: movie.get("frame") })`,
  ];
}

interface KernelSide {
  selected: number[];
  lanes: string[];
  xRange: [number, number];
  frame: number;
}

async function kernelSide(lab: LabPage): Promise<KernelSide> {
  const outputs = await lab.runCell(notebook, QUERY_CELL);
  const text = outputs.map(outputText).join("").trim();
  return JSON.parse(text.replace(/^'(.*)'$/s, "$1")) as KernelSide;
}

/** How long the kernel may take to receive what the page sent (bounds a hang; asserts nothing). */
const KERNEL_SETTLE_MS = 30_000;

/**
 * Asks the kernel until `ok(kernel, page)` holds, where `page` is read from the page at the same
 * moment: the view sends its window once a gesture ends (d3-zoom ends a wheel gesture after a
 * quiet spell, which on a busy machine may come mid-gesture), so the kernel trails the page.
 */
async function kernelAgrees<T>(
  lab: LabPage,
  readPage: () => Promise<T>,
  ok: (kernel: KernelSide, page: T) => boolean,
  what: string,
): Promise<{ kernel: KernelSide; page: T }> {
  let last: { kernel: KernelSide; page: T } | undefined;
  try {
    return await waitFor(
      async () => {
        const page = await readPage();
        last = { kernel: await kernelSide(lab), page };
        return ok(last.kernel, last.page) ? last : undefined;
      },
      KERNEL_SETTLE_MS,
      what,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}; last seen ${JSON.stringify(last)}`, { cause: e });
  }
}

/** The window the live TraceView shows (the x axis' domain). */
const traceDomain = (lab: LabPage): Promise<[number, number]> =>
  lab.page.evaluate(
    () =>
      (document.querySelector(".tsnwb-trace .tsnwb-x-axis") as SVGGElement).dataset
        .domain!.split(",")
        .map(Number) as [number, number],
  );

/** The kernel's xRange is the window the page shows (up to float noise of the zoom transform). */
const sameXRange = (k: KernelSide, [d0, d1]: [number, number]): boolean =>
  Math.abs(k.xRange[0] - d0) < 1e-6 && Math.abs(k.xRange[1] - d1) < 1e-6;

/** Area enclosed by the rings of an SVG path made of M/L/Z commands (even-odd: islands minus holes). */
export function pathArea(d: string): number {
  let total = 0;
  for (const ring of d.split(/(?=M)/)) {
    const pts = [...ring.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
    let a = 0;
    for (let i = 0; i < pts.length; i += 2) {
      const j = (i + 2) % pts.length;
      a += pts[i] * pts[j + 1] - pts[j] * pts[i + 1];
    }
    total += a / 2;
  }
  return Math.abs(total);
}

/** Pearson correlation of two equally long series. */
export function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

interface Drawn {
  roiPaths: Array<{ id: string; d: string }>;
  canvas: { width: number; height: number; luminance: number[] } | null;
  lanes: Array<{ id: string; points: number; sliceRange: string; decimated: string }>;
  domain: string;
  raster: { rows: number; ticks: number; tickMarks: number };
  movie: { frame: number; luminance: number[]; label: string };
  titleColor: string;
  background: string;
}

/** What the RoiView and TraceView in the notebook have drawn, read from the DOM. */
function drawn(lab: LabPage): Promise<Drawn> {
  return lab.page.evaluate(() => {
    const roiView = document.querySelector(".tsnwb.tsnwb-roi")!;
    const traceView = document.querySelector(".tsnwb.tsnwb-trace")!;
    const rasterView = document.querySelector(".tsnwb.tsnwb-raster") as HTMLElement;
    const movieView = document.querySelector(".tsnwb.tsnwb-movie") as HTMLElement;
    const canvas = roiView.querySelector("canvas.tsnwb-image") as HTMLCanvasElement | null;
    const movieCanvas = movieView?.querySelector("canvas.tsnwb-image") as HTMLCanvasElement | null;
    // (No named helper functions in here: tsx's keepNames would reference a __name the page lacks.)
    const [roiLuminance, movieLuminance] = [canvas, movieCanvas].map((c) => {
      if (!c) return [];
      const px = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      const out: number[] = [];
      for (let i = 0; i < px.length; i += 4)
        out.push(0.2126 * px[i] + 0.7152 * px[i + 1] + 0.0722 * px[i + 2]);
      return out;
    });
    const canvasInfo = canvas
      ? { width: canvas.width, height: canvas.height, luminance: roiLuminance }
      : null;
    // The colour the output area really shows behind our view: the first ancestor with one.
    let bg = "rgba(0, 0, 0, 0)";
    for (let el: Element | null = roiView; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c !== "rgba(0, 0, 0, 0)" && c !== "transparent") {
        bg = c;
        break;
      }
    }
    return {
      roiPaths: [...roiView.querySelectorAll("path.tsnwb-roi")].map((p) => ({
        id: p.getAttribute("data-roi-id")!,
        d: p.getAttribute("d")!,
      })),
      canvas: canvasInfo,
      lanes: [...traceView.querySelectorAll("g.tsnwb-lane")].map((g) => ({
        id: g.getAttribute("data-lane")!,
        points: Number((g as SVGGElement).dataset.points),
        sliceRange: (g as SVGGElement).dataset.sliceRange ?? "",
        decimated: (g as SVGGElement).dataset.decimated ?? "",
      })),
      domain: (traceView.querySelector(".tsnwb-x-axis") as SVGGElement).dataset.domain ?? "",
      raster: {
        rows: Number(rasterView?.dataset.rows),
        ticks: Number(rasterView?.dataset.ticks),
        tickMarks:
          (rasterView?.querySelector("path.tsnwb-spike-ticks")?.getAttribute("d") ?? "").split("M")
            .length - 1,
      },
      movie: {
        frame: Number(movieView?.dataset.frame),
        luminance: movieLuminance,
        label: movieView?.querySelector(".tsnwb-frame-label")?.textContent ?? "",
      },
      titleColor: getComputedStyle(roiView.querySelector(".tsnwb-title")!).color,
      background: bg,
    };
  });
}

/** Reveals the outputs until `drawnYet` (evaluated in the page) holds. */
async function untilDrawn(lab: LabPage, drawnYet: () => boolean, what: string): Promise<void> {
  await waitFor(
    async () => {
      await lab.revealOutputs();
      return (await lab.page.evaluate(drawnYet)) ? true : undefined;
    },
    60_000,
    what,
  );
}

async function waitForViews(lab: LabPage): Promise<void> {
  await untilDrawn(
    lab,
    () => {
      const lanes = [...document.querySelectorAll(".tsnwb-trace g.tsnwb-lane")];
      const movie = document.querySelector(".tsnwb.tsnwb-movie") as HTMLElement | null;
      const raster = document.querySelector(".tsnwb.tsnwb-raster") as HTMLElement | null;
      return (
        document.querySelectorAll(".tsnwb-roi path.tsnwb-roi").length > 0 &&
        lanes.length >= 2 &&
        lanes.some((g) => Number((g as SVGGElement).dataset.points) > 0) &&
        raster?.dataset.rows !== undefined &&
        movie?.dataset.frame !== undefined
      );
    },
    "the four views drawn",
  );
}

/** Asserts the views show the recording as h5py reads it. */
function assertDrawsRecording(
  d: Drawn,
  ref: RecordingReference,
  { wholeRecording = true } = {},
): void {
  assert.deepEqual(
    d.roiPaths.map((p) => Number(p.id)),
    ref.roiIds,
    "one contour per PlaneSegmentation row, with its id",
  );
  d.roiPaths.forEach((p, i) =>
    assert.equal(
      pathArea(p.d),
      ref.roiPixelCounts[i],
      `ROI ${p.id}: contour area = its mask's pixel count`,
    ),
  );
  assert.ok(d.canvas, "the RoiView draws its background image on a canvas");
  assert.deepEqual([d.canvas.height, d.canvas.width], ref.frameShape);
  const r = pearson(d.canvas.luminance, ref.meanImage);
  assert.ok(
    r > 0.95,
    `the drawn background follows h5py's mean of the first ${ref.meanFrames} frames (r = ${r.toFixed(4)})`,
  );

  assert.equal(d.raster.rows, ref.unitSpikeCounts.length, "one raster row per unit");
  const spikes = ref.unitSpikeCounts.reduce((a, b) => a + b, 0);
  assert.equal(d.raster.ticks, spikes, "every spike h5py reads is a raster tick");
  assert.equal(d.raster.tickMarks, spikes, "…and a mark in the drawn path");
  assert.equal(
    d.movie.luminance.length,
    ref.frameShape[0] * ref.frameShape[1],
    "the MovieView draws a frame of the plane's size",
  );
  assert.match(d.movie.label, new RegExp(`frame ${d.movie.frame + 1} / ${ref.frameCount}`));

  const byId = new Map(d.lanes.map((l) => [l.id, l]));
  assert.ok(byId.has("filtered"), `a filtered-voltage lane: ${JSON.stringify(d.lanes)}`);
  // ΔF/F covers the whole session, so it has points in any window; the voltage only its first 30 s.
  assert.ok((byId.get("dff")?.points ?? 0) > 10, `lane dff has points: ${JSON.stringify(d.lanes)}`);
  if (!wholeRecording) return;
  assert.ok(
    (byId.get("filtered")?.points ?? 0) > 10,
    `lane filtered has points: ${JSON.stringify(d.lanes)}`,
  );
  const [t0, t1] = d.domain.split(",").map(Number);
  const ephysEnd = ref.ephys.start + (ref.ephys.samples - 1) / ref.ephys.rate;
  assert.ok(
    Math.abs(t0 - Math.min(ref.ephys.start, ref.dff.first)) < 1e-3,
    `x axis starts at the first sample (${t0})`,
  );
  assert.ok(
    Math.abs(t1 - Math.max(ephysEnd, ref.dff.last)) < 1e-3,
    `x axis ends at the last sample (${t1})`,
  );
}

/**
 * Where the TraceView's zoom overlay and x axis line (its range is exactly the plot's) are on the
 * page. A figure update from an earlier zoom may replace the view between two reads (the output
 * is re-rendered): both are read again until they come from one drawn view.
 */
function traceBoxes(lab: LabPage): Promise<{ overlay: Box; axis: Box }> {
  return waitFor(
    async () => {
      await lab.page
        .locator(".tsnwb-trace rect.tsnwb-overlay")
        .scrollIntoViewIfNeeded()
        .catch(() => undefined);
      const overlay = await lab.page.locator(".tsnwb-trace rect.tsnwb-overlay").boundingBox();
      const axis = await lab.page.locator(".tsnwb-trace .tsnwb-x-axis path.domain").boundingBox();
      return overlay && axis ? { overlay, axis } : undefined;
    },
    20_000,
    "the TraceView's overlay and axis on the page",
  );
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Wheel-zooms the TraceView and resolves once the kernel's reply to the last request is drawn. */
async function zoomTrace(
  lab: LabPage,
  domainBefore: string,
  zoomAt: number,
  timeout = 20_000,
): Promise<void> {
  const { overlay, axis } = await traceBoxes(lab);
  await lab.page.mouse.move(axis.x + axis.width * zoomAt, overlay.y + overlay.height / 2);
  for (let i = 0; i < 12; i++) await lab.page.mouse.wheel(0, -400);
  // The kernel's answer to the view's last window request covers the zoomed axis.
  await lab.page.waitForFunction(
    (domainBefore) => {
      const view = document.querySelector(".tsnwb-trace") as HTMLElement;
      const axis = view?.querySelector(".tsnwb-x-axis") as SVGGElement;
      if (
        !axis ||
        axis.dataset.domain === domainBefore ||
        view.dataset.replyId !== view.dataset.requestId
      )
        return false;
      const [d0, d1] = axis.dataset.domain!.split(",").map(Number);
      const [r0, r1] = (view.dataset.replyRange ?? "").split(",").map(Number);
      return Math.abs(r0 - d0) < 1e-9 && Math.abs(r1 - d1) < 1e-9;
    },
    domainBefore,
    { timeout, polling: 100 },
  );
}

/** Our views that JupyterLab's widget manager marks as cut off from the kernel. */
function disconnectedViews(lab: LabPage): Promise<number> {
  return lab.page.evaluate(
    () =>
      [...document.querySelectorAll(".tsnwb")].filter((v) =>
        v.closest(".jupyter-widgets-disconnected"),
      ).length,
  );
}

export function widgetSpecs(ctx: WidgetSuiteContext): void {
  let ref: RecordingReference;

  afterEach(async function () {
    if (this.currentTest?.state === "failed" && ctx.lab())
      await ctx
        .lab()
        .screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, "-")}`);
  });

  before(function () {
    if (!ctx.kernel().isTsnwb || !ctx.sourceExtensions().includes("widgets/src/plugin.ts")) {
      console.log(
        `      skipped: needs the tsnwb kernel (${ctx.kernel().isTsnwb ? "present" : "missing"}) and the committed widget plugin widgets/src/plugin.ts (${ctx.sourceExtensions().length ? "bundled" : "not bundled"})`,
      );
      this.skip();
    }
    ref = recordingReference(recording);
  });

  it("loads our widget plugin as a source extension", async function () {
    const info = await ctx.lab().buildInfo();
    assert.deepEqual(info.sourcePluginIds, ["tsnwb-widgets:plugin"]);
    assert.ok((await ctx.lab().activePluginIds()).includes("tsnwb-widgets:plugin"));
  });

  it("draws a RoiView, a linked TraceView, a RasterView and a MovieView from the tsnwb kernel (light theme), matching h5py", async function () {
    const lab = ctx.lab();
    writeFileSync(
      join(ctx.server().rootDir, notebook),
      notebookJson(ctx.kernel(), notebookCells()),
    );
    timings.record("open views notebook until kernel idle", await lab.openNotebook(notebook));
    const run = await lab.runAll(notebook);
    timings.record("run all cells (views notebook)", run.ms);
    const cells = await lab.cells(notebook);
    const errors = cells.flatMap((c) =>
      (c.outputs ?? []).filter((o) => o.output_type === "error" || o.name === "stderr"),
    );
    assert.deepEqual(errors, [], "no error output");
    assert.equal(run.ok, true);
    await waitForViews(lab);
    assert.equal(await lab.page.evaluate(() => document.body.dataset.jpThemeLight), "true");
    assertDrawsRecording(await drawn(lab), ref);
    await lab.screenshot("views-light");
    assert.deepEqual(lab.consoleErrors, []);
  });

  it("keeps view text legible in the dark theme (WCAG AA contrast against the output background)", async function () {
    const lab = ctx.lab();
    await lab.setTheme("JupyterLab Dark");
    try {
      const d = await drawn(lab);
      const ratio = contrastRatio(d.titleColor, d.background);
      assert.ok(
        ratio >= 4.5,
        `view text ${d.titleColor} on ${d.background}: contrast ${ratio.toFixed(2)} < 4.5`,
      );
    } finally {
      await lab.setTheme("JupyterLab Light");
    }
  });

  it("draws the same content in the dark theme", async function () {
    const lab = ctx.lab();
    await lab.setTheme("JupyterLab Dark");
    try {
      assert.equal(await lab.page.evaluate(() => document.body.dataset.jpThemeLight), "false");
      const d = await drawn(lab);
      assertDrawsRecording(d, ref);
      await lab.screenshot("views-dark");
    } finally {
      await lab.setTheme("JupyterLab Light");
    }
    assert.deepEqual(lab.consoleErrors, []);
  });

  it("zooming the TraceView makes the kernel resample the visible window", async function () {
    const lab = ctx.lab();
    const before = await drawn(lab);
    await zoomTrace(lab, before.domain, 0.1);
    const after = await drawn(lab);
    const [t0, t1] = after.domain.split(",").map(Number);
    const [f0, f1] = before.domain.split(",").map(Number);
    assert.ok(
      t1 - t0 < (f1 - f0) / 10,
      `zoomed in at least 10× (${before.domain} → ${after.domain})`,
    );
    // ΔF/F spans the whole axis: zoomed in this far it is sent at full resolution, i.e. every
    // sample h5py finds in [t0, t1] plus at most one neighbour on each side.
    const dffLane = after.lanes.find((l) => l.id === "dff")!;
    const inside = ref.dffTimes.filter((t) => t >= t0 && t <= t1).length;
    assert.equal(dffLane.decimated, "false");
    assert.ok(
      inside > 0 && dffLane.points >= inside && dffLane.points <= inside + 2,
      `ΔF/F: ${dffLane.points} points for ${inside} samples in view`,
    );
    assert.notEqual(
      dffLane.sliceRange,
      before.lanes.find((l) => l.id === "dff")!.sliceRange,
      "a new slice, not the overview",
    );
    // The view told the kernel its window (xRange is synced both ways).
    await kernelAgrees(lab, () => traceDomain(lab), sameXRange, "the kernel's xRange = the view's");
    await lab.screenshot("views-trace-zoomed");
  });

  it("wheel zoom keeps the time under the pointer where it is", async function () {
    const lab = ctx.lab();
    const { overlay, axis } = await traceBoxes(lab);
    const timeAt = (domain: string, x: number) => {
      const [t0, t1] = domain.split(",").map(Number);
      return t0 + ((x - axis.x) / axis.width) * (t1 - t0);
    };
    const x = axis.x + axis.width * 0.25;
    const before = (await drawn(lab)).domain;
    await lab.page.mouse.move(x, overlay.y + overlay.height / 2);
    await lab.page.mouse.wheel(0, -200);
    await lab.page.waitForFunction(
      (d) =>
        (document.querySelector(".tsnwb-trace .tsnwb-x-axis") as SVGGElement).dataset.domain !== d,
      before,
    );
    const after = (await drawn(lab)).domain;
    const [a0, a1] = after.split(",").map(Number);
    assert.ok(
      Math.abs(timeAt(after, x) - timeAt(before, x)) < (a1 - a0) * 0.01,
      `time under the pointer moved: ${timeAt(before, x)} → ${timeAt(after, x)}`,
    );
  });

  it("when the kernel redraws the still figure after a zoom, the re-rendered output holds one live view at that range, and the view it replaced stops following the model", async function () {
    const lab = ctx.lab();
    // The kernel sends update_display_data with the zoomed figure; JupyterLab's widget renderer
    // then empties the output and creates a new view of the same model.
    await lab.page.evaluate(
      () =>
        ((window as unknown as { oldTrace: Element }).oldTrace =
          document.querySelector(".tsnwb-trace")!),
    );
    await zoomTrace(lab, (await drawn(lab)).domain, 0.3);
    await lab.page.waitForFunction(
      () => {
        const now = document.querySelector(".tsnwb-trace");
        return (
          now !== null &&
          now !== (window as unknown as { oldTrace: Element }).oldTrace &&
          now.querySelector(".tsnwb-x-axis") !== null
        );
      },
      null,
      { timeout: 20_000, polling: 100 },
    );
    // (the kernel may redraw once more when the gesture's last window reaches it)
    const { kernel: k } = await kernelAgrees(
      lab,
      () => traceDomain(lab),
      sameXRange,
      "the kernel's xRange = the re-rendered view's window",
    );
    const swap = await lab.page.evaluate(() => {
      const old = (window as unknown as { oldTrace: HTMLElement }).oldTrace;
      const now = document.querySelector(".tsnwb-trace") as HTMLElement;
      const output = now.closest(".jp-OutputArea-output")!;
      return {
        viewsInOutput: output.querySelectorAll(".tsnwb-trace").length,
        oldAttached: old.isConnected,
        oldRequestId: old.dataset.requestId,
        domain: (now.querySelector(".tsnwb-x-axis") as SVGGElement).dataset.domain!,
      };
    });
    assert.equal(swap.viewsInOutput, 1, "one view in the re-rendered output");
    assert.equal(swap.oldAttached, false);
    const [d0, d1] = swap.domain.split(",").map(Number);
    assert.ok(
      Math.abs(d0 - k.xRange[0]) < 1e-6 && Math.abs(d1 - k.xRange[1]) < 1e-6,
      `the new view shows the kernel's xRange ${k.xRange}: ${swap.domain}`,
    );
    // Zooming the new view changes the model's xRange; a view still following the model would
    // ask the kernel for that window too.
    await zoomTrace(lab, swap.domain, 0.5);
    await new Promise((r) => setTimeout(r, 500));
    const oldRequestId = await lab.page.evaluate(
      () => (window as unknown as { oldTrace: HTMLElement }).oldTrace.dataset.requestId,
    );
    assert.equal(
      oldRequestId,
      swap.oldRequestId,
      "the replaced view sent no request after it was replaced",
    );
    // Back to the whole recording, where the next tests expect the view.
    await lab.page.locator(".tsnwb-trace .tsnwb-reset").first().click();
    await kernelAgrees(
      lab,
      () => traceDomain(lab),
      (k, d) => sameXRange(k, d) && d[1] - d[0] >= 30,
      "the reset zoom (the whole recording) to reach the kernel",
    );
    assert.deepEqual(lab.consoleErrors, []);
  });

  it("clicking an ROI selects it in the kernel and adds its trace to the linked TraceView", async function () {
    const lab = ctx.lab();
    const before = await kernelSide(lab);
    assert.deepEqual(before.selected, []);
    assert.ok(!before.lanes.includes(`roi:${ref.roiIds[0]}`));
    await lab.page.locator(`.tsnwb-roi path.tsnwb-roi[data-roi-id="${ref.roiIds[0]}"]`).click();
    await lab.page.waitForSelector(`.tsnwb-trace g.tsnwb-lane[data-lane="roi:${ref.roiIds[0]}"]`, {
      timeout: 20_000,
    });
    const after = await kernelSide(lab);
    assert.deepEqual(after.selected, [ref.roiIds[0]]);
    assert.deepEqual(after.lanes, ["filtered", "dff", `roi:${ref.roiIds[0]}`]);
    await lab.screenshot("views-roi-selected");
  });

  it("plays the movie: frames advance, each drawn as h5py reads it, and the kernel learns where it paused", async function () {
    const lab = ctx.lab();
    const play = lab.page.locator(".tsnwb.tsnwb-movie button.tsnwb-play");
    await play.scrollIntoViewIfNeeded();
    const start = (await drawn(lab)).movie.frame;
    await play.click();
    await lab.page.waitForFunction(
      (f0) =>
        Number((document.querySelector(".tsnwb.tsnwb-movie") as HTMLElement).dataset.frame) >=
        f0 + 5,
      start,
      { timeout: 30_000 },
    );
    await play.click(); // pause
    await lab.page.waitForFunction(() =>
      document.querySelector(".tsnwb.tsnwb-movie button.tsnwb-play")?.textContent?.includes("Play"),
    );
    const paused = await drawn(lab);
    assert.ok(
      paused.movie.frame >= start + 5,
      `played from frame ${start} to ${paused.movie.frame}`,
    );
    const r = pearson(paused.movie.luminance, frameReference(recording, paused.movie.frame));
    assert.ok(
      r > 0.95,
      `frame ${paused.movie.frame} as drawn follows h5py's frame (r = ${r.toFixed(4)})`,
    );
    const k = await kernelSide(lab);
    assert.equal(k.frame, paused.movie.frame, "the paused frame is synced to the kernel");
    await lab.screenshot("views-movie-paused");
  });

  it("saves the notebook with widget state, and after a page reload the views come back live from the kernel", async function () {
    const lab = ctx.lab();
    await lab.save(notebook);
    const saved = JSON.parse(readFileSync(join(ctx.server().rootDir, notebook), "utf8"));
    const state =
      saved.metadata?.widgets?.["application/vnd.jupyter.widget-state+json"]?.state ?? {};
    const ours = Object.values(
      state as Record<string, { model_module: string; model_name: string }>,
    ).filter((m) => m.model_module === "tsnwb-widgets");
    assert.deepEqual(
      ours.map((m) => m.model_name).sort(),
      ["MovieModel", "RasterModel", "RoiModel", "TraceModel"],
      "every view's model is saved in the notebook",
    );

    timings.record("page reload (warm)", await lab.reload());
    await lab.openNotebook(notebook);
    await waitForViews(lab);
    // (The window stays where the user zoomed it: xRange is part of the kernel's state.)
    assertDrawsRecording(await drawn(lab), ref, { wholeRecording: false });
    // Live: the restored TraceView's window requests are answered by the same kernel objects.
    await zoomTrace(lab, (await drawn(lab)).domain, 0.5);
    const k = await kernelSide(lab);
    assert.deepEqual(k.selected, [ref.roiIds[0]], "the kernel kept its state across the reload");
    await lab.screenshot("views-after-reload-live");
    assert.deepEqual(lab.consoleErrors, []);
  });

  it("after a kernel restart mid-session, the views say they lost the kernel instead of freezing", async function () {
    const lab = ctx.lab();
    await lab.restartKernel(notebook);
    const domain = (await drawn(lab)).domain;
    const overlay = lab.page.locator(".tsnwb-trace rect.tsnwb-overlay");
    await overlay.scrollIntoViewIfNeeded();
    const box = (await overlay.boundingBox())!;
    await lab.page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await lab.page.mouse.wheel(0, 400);
    // Either the request goes unanswered ("lost"), or the widget manager has already marked the
    // comm dead and the view says it has no kernel; both tell the user, neither freezes.
    await lab.page.waitForSelector(
      '.tsnwb-trace .tsnwb-status[data-status="lost"], .tsnwb-trace .tsnwb-status[data-status="static"]',
      { timeout: 30_000 },
    );
    const status = await lab.page.locator(".tsnwb-trace .tsnwb-status").textContent();
    assert.match(status ?? "", /lost|no kernel/i);
    assert.notEqual((await drawn(lab)).domain, domain, "the view still pans/zooms locally");
    // JupyterLab's widget manager marks both outputs disconnected too.
    assert.equal(await disconnectedViews(lab), 4, "all four views");
    await lab.screenshot("views-kernel-lost");
  });

  it("after the restart, a reload shows the views from the notebook's saved widget state, marked disconnected", async function () {
    const lab = ctx.lab();
    await lab.reload();
    await lab.openNotebook(notebook);
    await untilDrawn(
      lab,
      () =>
        [...document.querySelectorAll(".tsnwb.tsnwb-roi, .tsnwb.tsnwb-trace")].filter((v) =>
          v.closest(".jupyter-widgets-disconnected"),
        ).length === 2,
      "the RoiView and TraceView from saved state, marked disconnected",
    );
    const title = await lab.page.locator(".tsnwb-trace .tsnwb-title").textContent();
    assert.equal(title, "Allen 102959 rec0", "the TraceView's saved state (title) is back");
    // Every output scrolled into view, then: which of our views did the saved state bring back?
    await lab.revealOutputs();
    const kinds = await lab.page.evaluate(() =>
      [...document.querySelectorAll(".tsnwb")]
        .filter((v) => v.closest(".jupyter-widgets-disconnected"))
        .map((v) => v.className.match(/tsnwb-(\w+)/)?.[1]),
    );
    const errors = await lab.page.evaluate(() =>
      [
        ...document.querySelectorAll(
          ".jupyter-widgets.widget-error, .jp-RenderedText[data-mime-type*=error]",
        ),
      ].map((e) => e.textContent),
    );
    assert.deepEqual(
      kinds.sort(),
      ["movie", "raster", "roi", "trace"],
      `restored views (errors: ${JSON.stringify(errors)})`,
    );
    await lab.screenshot("views-from-saved-state");
  });

  it("the views restored from saved state draw their saved content (contours, image, overviews, raster, frame)", async function () {
    const lab = ctx.lab();
    await lab.reload();
    await lab.openNotebook(notebook);
    await waitForViews(lab);
    assertDrawsRecording(await drawn(lab), ref, { wholeRecording: false });
  });
}

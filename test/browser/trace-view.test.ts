// TraceView end to end: a cell in the real tsnwb kernel builds a TraceModel; Chromium draws it
// through html-manager; zooming sends window requests over the comm and draws the kernel's
// decimated (then full-resolution) slices.
import { strict as assert } from "node:assert";
import { liveSession, LOST_AFTER_MS, type LiveSession } from "./support/session.js";
import { kernelImport } from "./support/cells.js";

interface LaneInfo {
  points: number;
  decimated: string;
  domain: string;
  replyId: string;
  requestId: string;
  replyRange: string;
  replyPixels: number;
  vertices: number;
  status: string;
  statusKind: string;
}

async function laneInfo(s: LiveSession, laneId = "v"): Promise<LaneInfo> {
  return s.page.evaluate((laneId) => {
    const el = document.querySelector("#cell-trace .tsnwb-trace") as HTMLElement;
    const lane = el.querySelector(`.tsnwb-lane[data-lane="${laneId}"]`) as SVGGElement;
    const status = el.querySelector(".tsnwb-status") as HTMLElement;
    return {
      points: Number(lane.dataset.points),
      decimated: lane.dataset.decimated!,
      domain: (el.querySelector(".tsnwb-x-axis") as SVGGElement).dataset.domain!,
      replyId: el.dataset.replyId!,
      requestId: el.dataset.requestId!,
      replyRange: el.dataset.replyRange!,
      replyPixels: Number(el.dataset.replyPixels),
      vertices:
        ((lane.querySelector(".tsnwb-lane-path") as SVGPathElement).getAttribute("d") ?? "").split(
          /[ML]/,
        ).length - 1,
      status: status.textContent ?? "",
      statusKind: status.dataset.status ?? "",
    };
  }, laneId);
}

/** Waits until the view has drawn the reply to its newest request. */
async function settled(s: LiveSession): Promise<LaneInfo> {
  await s.page.waitForFunction(() => {
    const el = document.querySelector("#cell-trace .tsnwb-trace") as HTMLElement;
    return el.dataset.requestId && el.dataset.replyId === el.dataset.requestId;
  });
  return laneInfo(s);
}

/** The plot's interaction area, scrolled into view (mouse events only reach what is on screen). */
async function overlayBox(
  s: LiveSession,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const overlay = s.page.locator("#cell-trace .tsnwb-trace .tsnwb-overlay");
  await overlay.scrollIntoViewIfNeeded();
  return (await overlay.boundingBox())!;
}

const domainOf = (i: LaneInfo) => i.domain.split(",").map(Number) as [number, number];

describe("browser: TraceView against the tsnwb kernel", function () {
  this.timeout(120_000);
  let s: LiveSession;

  before(async function () {
    s = await liveSession();
    // 600 s at 1 kHz = 600,000 samples: the view must receive min/max-decimated windows.
    const cell = await s.run(
      `
${kernelImport("TraceModel")}
const rate = 1000, n = 600_000;
const v = new Float32Array(n);
for (let i = 0; i < n; i++) v[i] = Math.sin(2 * Math.PI * 0.5 * i / rate) + (i % 1000 === 0 ? 3 : 0);
const spikes = Float64Array.from({ length: 600 }, (_, k) => k + 0.5);
const traceWidget = await TraceModel.create(
  [{ id: "v", label: "voltage", unit: "V", values: v, rate }, { id: "spikes", label: "spikes", events: spikes }],
  { title: "synthetic <b>trace</b>" });
(globalThis as any).traceWidget = traceWidget;
traceWidget`,
      "trace",
    );
    s.widgetOf(cell);
    await s.page.waitForSelector(
      `#cell-trace .tsnwb-trace[data-reply-id] .tsnwb-lane[data-lane="v"]`,
    );
  });

  it("draws both lanes, decimated to the plot width, over the whole recording", async function () {
    const info = await settled(s);
    const text = await s.page.evaluate(() => {
      const el = document.querySelector("#cell-trace .tsnwb-trace") as HTMLElement;
      return {
        title: el.querySelector(".tsnwb-title")!.textContent,
        bold: el.querySelectorAll(".tsnwb-title b").length,
        ticks: Number(
          (el.querySelector('.tsnwb-lane[data-lane="spikes"]') as SVGGElement).dataset.points,
        ),
      };
    });
    await s.screenshot("trace-initial");
    assert.equal(text.title, "synthetic <b>trace</b>");
    assert.equal(text.bold, 0, "a title from a file is text, never markup");
    assert.equal(info.decimated, "true");
    assert.ok(info.replyPixels > 100, `pixels requested: ${info.replyPixels}`);
    // MinMax decimation: at most 4 points (first/min/max/last) per pixel bucket.
    assert.ok(
      info.points <= 4 * info.replyPixels && info.points >= info.replyPixels,
      `points ${info.points} for ${info.replyPixels} px`,
    );
    assert.equal(info.vertices, info.points, "every finite point is a vertex of the lane's path");
    assert.deepEqual(domainOf(info), [0, 599.999]);
    assert.equal(text.ticks, 600);
  });

  it("wheel-zooms: requests the new window, draws the kernel's reply and syncs xRange to the kernel", async function () {
    const before = await settled(s);
    const box = await overlayBox(s);
    await s.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 6; i++) await s.page.mouse.wheel(0, -300);
    const after = await settled(s);
    const [a0, a1] = domainOf(after);
    const [b0, b1] = domainOf(before);
    assert.ok(a1 - a0 < (b1 - b0) / 4, `zoomed in: ${a0}..${a1}`);
    assert.ok(a0 > b0 && a1 < b1, "zoomed around the mouse, inside the old window");
    // the time under the pointer (the plot's middle) stays where it was
    const middle = (b0 + b1) / 2;
    assert.ok(
      Math.abs((a0 + a1) / 2 - middle) < (a1 - a0) * 0.01,
      `time under the pointer moved: ${middle} → ${(a0 + a1) / 2}`,
    );
    assert.notEqual(after.replyId, before.replyId, "a new round trip happened");
    const [r0, r1] = after.replyRange.split(",").map(Number);
    assert.ok(
      Math.abs(r0 - a0) < 1e-9 && Math.abs(r1 - a1) < 1e-9,
      `reply window ${after.replyRange} = axis ${after.domain}`,
    );
    // the kernel learns the window once the gesture ends
    await s.page.waitForTimeout(400);
    const kernelRange = await s.value<[number, number]>(
      "(globalThis as any).traceWidget.get('xRange')",
    );
    assert.ok(
      Math.abs(kernelRange[0] - a0) < 1e-6 && Math.abs(kernelRange[1] - a1) < 1e-6,
      `kernel xRange ${kernelRange}`,
    );
    await s.screenshot("trace-zoomed");
  });

  it("shows full resolution when the kernel sets a narrow window (500 samples)", async function () {
    await s.run("(globalThis as any).traceWidget.set({ xRange: [100, 100.5] })");
    await s.page.waitForFunction(() => {
      const [a, b] = (
        document.querySelector("#cell-trace .tsnwb-trace .tsnwb-x-axis") as SVGGElement
      ).dataset
        .domain!.split(",")
        .map(Number);
      return Math.abs(a - 100) < 1e-9 && Math.abs(b - 100.5) < 1e-9;
    });
    const info = await settled(s);
    assert.equal(info.decimated, "false");
    // every source sample in [100, 100.5] (501 at 1 kHz) plus one neighbour each side
    assert.equal(info.points, 503);
    assert.equal(info.vertices, 503);
    assert.match(info.status, /full resolution/);
  });

  it("pans by dragging: the window moves by the dragged distance", async function () {
    const before = await settled(s);
    const box = await overlayBox(s);
    const y = box.y + box.height / 2;
    await s.page.mouse.move(box.x + box.width * 0.6, y);
    await s.page.mouse.down();
    await s.page.mouse.move(box.x + box.width * 0.4, y, { steps: 5 });
    await s.page.mouse.up();
    const after = await settled(s);
    const [b0, b1] = domainOf(before);
    const [a0, a1] = domainOf(after);
    const shift = (b1 - b0) * 0.2;
    assert.ok(
      Math.abs(a0 - b0 - shift) < (b1 - b0) * 0.01,
      `shifted by ${a0 - b0}, expected ${shift}`,
    );
    assert.ok(Math.abs(a1 - a0 - (b1 - b0)) < 1e-6, "same span");
  });

  it("shows the hover readout of every lane, as text", async function () {
    const box = await overlayBox(s);
    await s.page.mouse.move(box.x + box.width / 2, box.y + 20);
    const readout = await s.page.locator("#cell-trace .tsnwb-trace .tsnwb-readout").textContent();
    assert.match(
      readout!,
      /^t = [\d.]+ s\nvoltage: -?[\d.e-]+ V @ [\d.]+ s\nspikes: nearest event [\d.]+ s$/,
    );
  });

  it("locks and unlocks a lane's y range (per-lane autoscale), synced to the kernel", async function () {
    await s.page.click('#cell-trace .tsnwb-trace .tsnwb-autoscale[data-lane="v"]');
    await s.page.waitForTimeout(200);
    const fixed = await s.value<Record<string, [number, number] | null>>(
      "(globalThis as any).traceWidget.get('yRanges')",
    );
    const drawn = await s.page.evaluate(
      () =>
        (
          document.querySelector(
            '#cell-trace .tsnwb-trace .tsnwb-lane[data-lane="v"]',
          ) as SVGGElement
        ).dataset.yDomain,
    );
    assert.deepEqual(fixed.v, drawn!.split(",").map(Number));
    await s.page.click('#cell-trace .tsnwb-trace .tsnwb-autoscale[data-lane="v"]');
    await s.page.waitForTimeout(200);
    const auto = await s.value<Record<string, [number, number] | null>>(
      "(globalThis as any).traceWidget.get('yRanges')",
    );
    assert.equal(auto.v, null);
  });

  it("saves the figure as SVG (the kernel renderer's figure of the window shown) and as PNG", async function () {
    await settled(s);
    const svg = await s.download("#cell-trace .tsnwb-trace .tsnwb-save-svg");
    assert.equal(svg.name, "synthetic_b_trace_b.svg");
    const text = svg.data.toString("utf8");
    assert.match(text, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(
      text.includes("synthetic &lt;b&gt;trace&lt;/b&gt;"),
      "the title is escaped text in the SVG",
    );
    assert.ok(!text.includes("<b>"));
    const png = await s.download("#cell-trace .tsnwb-trace .tsnwb-save-png");
    assert.equal(png.name, "synthetic_b_trace_b.png");
    assert.deepEqual(
      [...png.data.subarray(0, 8)],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    );
    const width = png.data.readUInt32BE(16);
    const svgWidth = Number(/width="(\d+)"/.exec(text)![1]);
    assert.equal(width, 2 * svgWidth, "PNG at twice the SVG's size");
  });

  it("reset returns to the whole recording", async function () {
    await s.page.click("#cell-trace .tsnwb-trace .tsnwb-reset");
    const info = await settled(s);
    assert.deepEqual(domainOf(info), [0, 599.999]);
    assert.equal(info.decimated, "true");
  });

  it("says the connection is lost when the kernel stops answering, and recovers", async function () {
    // A busy cell keeps the kernel from answering (requests queue behind it).
    const busy = s.run("{ const until = Date.now() + 3000; while (Date.now() < until) {} }");
    await s.page.waitForTimeout(300);
    const box = await overlayBox(s);
    await s.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await s.page.mouse.wheel(0, -300);
    await s.page.waitForFunction(
      () =>
        (document.querySelector("#cell-trace .tsnwb-trace .tsnwb-status") as HTMLElement).dataset
          .status === "lost",
      null,
      { timeout: LOST_AFTER_MS + 2500 },
    );
    const lostText = await s.page.locator("#cell-trace .tsnwb-trace .tsnwb-status").textContent();
    assert.match(lostText!, /Lost connection to the kernel/);
    await s.screenshot("trace-lost-connection");
    await busy;
    const info = await settled(s);
    assert.equal(info.statusKind, "");
    assert.match(info.status, /points drawn/);
  });
});

// CouplingView on the four ground-truth recordings (2 × GCaMP6f, 2 × GCaMP6s): voltage, spikes and
// ΔF/F of one cell on a zoomable time axis beside event-triggered ΔF/F per AP count with fitted
// rise/decay, pooled per indicator (plotly.js).
import { strict as assert } from "node:assert";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { clickableRows } from "../support/heatmap-rows.js";
import { liveSession, type LiveSession } from "./support/session.js";
import { repoRoot } from "./support/jupyter-server.js";
import { h5py } from "./support/python.js";

const RECORDINGS = readdirSync(join(repoRoot, "data/recordings"))
  .filter((f) => f.endsWith(".nwb"))
  .map((f) => join(repoRoot, "data/recordings", f));
const ROOT = "#cell-coupling .tsnwb-coupling";

interface KernelGroup {
  label: string;
  averages: {
    apClass: string;
    eventCount: number;
    fit: { riseTime: number; decayTime: number } | null;
  }[];
}

describe("browser: CouplingView of GCaMP6s vs GCaMP6f recordings", function () {
  this.timeout(180_000);
  let s: LiveSession;

  before(async function () {
    s = await liveSession();
    await s.run(
      `
import { openNWB, CouplingModel, couplingCellOfNWB, display } from "tsnwb";
const files = await Promise.all(${JSON.stringify(RECORDINGS)}.map((p: string) => openNWB(p)));
const cells = [];
for (const f of files) cells.push(await couplingCellOfNWB(f));
const coupling = await CouplingModel.create(cells, { mode: "groups", title: "spikes → calcium" });
(globalThis as any).coupling = coupling;
display(coupling);`,
      "coupling",
    );
    await s.page.waitForSelector(`${ROOT}[data-reply-id]`);
    await s.page.waitForSelector(`${ROOT} .tsnwb-averages .main-svg`, { timeout: 120_000 });
  });

  it("draws one mean curve per group and AP class with events, and the fitted time constants", async function () {
    const groups = await s.value<KernelGroup[]>(
      "(globalThis as any).coupling.get('groups').map((g: any) => ({ label: g.label, averages: g.averages.map((a: any) => ({ apClass: a.apClass, eventCount: a.eventCount, fit: a.fit })) }))",
    );
    assert.deepEqual(groups.map((g) => g.label).sort(), ["GCaMP6f", "GCaMP6s"]);
    const expectedCurves = groups.reduce(
      (n, g) => n + g.averages.filter((a) => a.eventCount > 0).length,
      0,
    );
    const drawn = await s.page.$eval(`${ROOT} .tsnwb-averages`, (el) => ({
      curves: Number((el as HTMLElement).dataset.curves),
      annotations: [...el.querySelectorAll(".annotation-text")].map((t) => t.textContent ?? ""),
      legend: [...el.querySelectorAll(".legendtext")].map((t) => t.textContent),
    }));
    await s.screenshot("coupling");
    assert.ok(expectedCurves > 0);
    assert.equal(drawn.curves, expectedCurves);
    assert.deepEqual([...drawn.legend].sort(), ["GCaMP6f", "GCaMP6s"]);
    for (const g of groups) {
      for (const a of g.averages.filter((x) => x.fit)) {
        const rise = `rise ${Number((a.fit!.riseTime * 1000).toPrecision(4))} ms`;
        assert.ok(
          drawn.annotations.some((t) => t.startsWith(rise) && t.endsWith(`n=${a.eventCount}`)),
          `${g.label} ${a.apClass}: ${rise} in ${drawn.annotations.join(" | ")}`,
        );
      }
    }
  });

  it("the left panel zooms through the kernel like a TraceView", async function () {
    const lanes = await s.page.$$eval(`${ROOT} .tsnwb-lane`, (ls) =>
      ls.map((l) => (l as SVGGElement).dataset.kind),
    );
    assert.ok(lanes.includes("line") && lanes.includes("events"), `lanes: ${lanes}`);
    const before = await s.page.$eval(ROOT, (el) => (el as HTMLElement).dataset.replyId);
    const overlay = s.page.locator(`${ROOT} .tsnwb-overlay`);
    await overlay.scrollIntoViewIfNeeded();
    const box = (await overlay.boundingBox())!;
    await s.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await s.page.mouse.wheel(0, -600);
    await s.page.waitForFunction(
      ([root, prev]) => {
        const el = document.querySelector(root) as HTMLElement;
        return el.dataset.replyId !== prev && el.dataset.replyId === el.dataset.requestId;
      },
      [ROOT, before] as const,
    );
    const domain = await s.page.$eval(`${ROOT} .tsnwb-x-axis`, (g) =>
      (g as SVGGElement).dataset.domain!.split(",").map(Number),
    );
    const full = await s.value<[number, number]>("(globalThis as any).coupling.get('fullRange')");
    assert.ok(domain[1] - domain[0] < (full[1] - full[0]) / 2, `zoomed to ${domain}`);
  });

  it("choosing another cell makes the kernel swap the lanes", async function () {
    const cells = await s.value<{ label: string }[]>("(globalThis as any).coupling.get('cells')");
    assert.equal(cells.length, RECORDINGS.length);
    const lanesOf = () =>
      s.value<{ label: string; unit: string; sampleCount: number }[]>(
        "(globalThis as any).coupling.get('lanes').map((l: any) => ({ label: l.label, unit: l.unit, sampleCount: l.sampleCount }))",
      );
    const before = await lanesOf();
    const target =
      (await s.value<number>("(globalThis as any).coupling.get('cellIndex')")) === 2 ? "1" : "2";
    await s.page.selectOption(`${ROOT} select.tsnwb-cell`, target);
    await s.page.waitForFunction(
      ([root, n]) => document.querySelectorAll(`${root} .tsnwb-lane`).length === n,
      [ROOT, before.length] as const,
    );
    await s.page.waitForTimeout(500);
    assert.equal(
      await s.value<number>("(globalThis as any).coupling.get('cellIndex')"),
      Number(target),
    );
    const after = await lanesOf();
    assert.notDeepEqual(
      after.map((l) => l.sampleCount),
      before.map((l) => l.sampleCount),
      "another recording's lanes",
    );
    const labels = await s.page.$$eval(`${ROOT} .tsnwb-lane-label-box title`, (ts) =>
      ts.map((t) => t.textContent),
    );
    assert.deepEqual(
      labels,
      after.map((l) => (l.unit ? `${l.label} (${l.unit})` : l.label)),
    );
  });
});

describe("browser: CouplingView and AlignedView in a time link with a TraceView", function () {
  this.timeout(180_000);
  let s: LiveSession;
  const FILE = join(repoRoot, "data/recordings/Allen_GCaMP6f_Emx1_102959_rec0.nwb");
  const LINKED = "#cell-coupling-linked";
  /** The unit's spike times as h5py reads them. */
  const spikes = h5py<number[]>(
    `import h5py, json, sys
f = h5py.File(sys.argv[1], "r")
print(json.dumps(f["units/spike_times"][: f["units/spike_times_index"][0]].tolist()))`,
    FILE,
  );

  before(async function () {
    s = await liveSession();
    await s.run(
      `
import { openNWB, nwbWidget, CouplingModel, couplingCellOfNWB, alignedView, linkTime, display, TimeSeries } from "tsnwb";
const cf = await openNWB(${JSON.stringify(FILE)});
const dffSeries = cf.get("/processing/ophys/DfOverF/roi_response_series") as TimeSeries;
const ct = await nwbWidget(dffSeries);
const cc = await CouplingModel.create([await couplingCellOfNWB(cf)]);
const ca = await alignedView(dffSeries, { units: cf.units! }, { window: [-0.5, 1] });
const clink = linkTime(ct, cc, ca);
Object.assign(globalThis as any, { ct, cc, ca, clink });
display(ct); display(cc); display(ca);`,
      "coupling-linked",
    );
    await s.page.waitForSelector(`${LINKED} .tsnwb-trace[data-linked="true"] .tsnwb-lanes-plot`);
    await s.page.waitForSelector(`${LINKED} .tsnwb-coupling[data-linked="true"] .tsnwb-heatmap`);
    await s.page.waitForSelector(`${LINKED} .tsnwb-aligned[data-linked="true"] .tsnwb-heatmap`);
  });

  /** Clicks row `row` of the heat map in `view` (".tsnwb-coupling" or ".tsnwb-aligned"). */
  /** Clicks the row nearest `wanted` that a whole-pixel click cannot miss; returns that row. */
  async function clickRow(view: string, wanted: number, rows: number): Promise<number> {
    const map = s.page.locator(`${LINKED} ${view} image.tsnwb-heatmap`);
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    const candidates = clickableRows(box.y, box.height, rows);
    assert.ok(candidates.length > 0, `no clickable row in ${view}'s ${box.height} px heat map`);
    const { row, y } = candidates.reduce((best, c) =>
      Math.abs(c.row - wanted) < Math.abs(best.row - wanted) ? c : best,
    );
    await s.page.mouse.click(Math.round(box.x + box.width / 2), y);
    return row;
  }

  const traceCursor = () =>
    s.page.$eval(
      `${LINKED} .tsnwb-trace .tsnwb-lanes-plot`,
      (el) => (el as HTMLElement).dataset.cursor ?? "",
    );

  it("a click on an event row of the coupling view moves the trace's cursor to the event (h5py spike time)", async function () {
    const events = await s.value<{ time: number; event: number }[]>(
      "(globalThis as any).cc.get('events').trials",
    );
    assert.ok(events.length >= 3, `${events.length} event rows`);
    for (const wanted of [1, events.length - 1]) {
      const row = await clickRow(".tsnwb-coupling", wanted, events.length);
      const ev = events[row]!;
      assert.equal(ev.time, spikes[ev.event], "the row's onset is h5py's first spike of the event");
      await s.page.waitForFunction(
        ([sel, t]) => (document.querySelector(sel) as HTMLElement).dataset.cursor === String(t),
        [`${LINKED} .tsnwb-trace .tsnwb-lanes-plot`, ev.time] as const,
      );
      await s.page.waitForTimeout(300);
      assert.equal(await s.value<number>("(globalThis as any).ct.get('cursor')"), ev.time);
      // The aligned view outlines the rows of the event at the cursor (the same spike).
      const outlined = await s.page.$$eval(
        `${LINKED} .tsnwb-aligned rect.tsnwb-cursor-row`,
        (rs) => rs.length,
      );
      const alignedTimes = await s.value<number[]>(
        "(globalThis as any).ca.get('trials').map((t: any) => t.time)",
      );
      assert.equal(outlined, alignedTimes.filter((t) => t === ev.time).length);
    }
    await s.screenshot("coupling-linked");
  });

  it("a click on a trial row of the aligned view moves the trace's cursor to that trial's event", async function () {
    const trials = await s.value<{ time: number; event: number }[]>(
      "(globalThis as any).ca.get('trials')",
    );
    const row = await clickRow(".tsnwb-aligned", Math.floor(trials.length / 2), trials.length);
    assert.equal(trials[row]!.time, spikes[trials[row]!.event]);
    await s.page.waitForFunction(
      ([sel, t]) => (document.querySelector(sel) as HTMLElement).dataset.cursor === String(t),
      [`${LINKED} .tsnwb-trace .tsnwb-lanes-plot`, trials[row]!.time] as const,
    );
    assert.equal(Number(await traceCursor()), trials[row]!.time);
    // the aligned view's own axis stays time from the event: the link's window does not apply
    const lags = await s.value<number[]>("Array.from((globalThis as any).ca.get('lags'))");
    assert.ok(lags[0]! < 0 && lags[0]! >= -0.5 - 1e-6, `lags start at ${lags[0]}`);
  });
});

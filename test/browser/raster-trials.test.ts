// RasterView in trials mode: one unit's spikes aligned to events, one row per trial; choosing
// another unit in the view makes the kernel realign.
import { strict as assert } from "node:assert";
import { liveSession, type LiveSession } from "./support/session.js";
import { kernelImport } from "./support/cells.js";

const ROOT = "#cell-trials .tsnwb-raster";
const UNIT_A = Array.from({ length: 200 }, (_, i) => 0.05 * i + 0.013);
const UNIT_B = Array.from({ length: 50 }, (_, i) => 0.2 * i + 0.07);
const EVENTS = [1, 2.5, 4, 7.25];
const BEFORE = 0.2;
const AFTER = 0.5;

/** Spikes in [event − before, event + after) per trial: the rows the view must draw. */
function expectedTicks(spikes: number[]): number {
  return EVENTS.reduce(
    (n, e) => n + spikes.filter((t) => t >= e - BEFORE && t < e + AFTER).length,
    0,
  );
}

describe("browser: RasterView of trials aligned to events", function () {
  this.timeout(120_000);
  let s: LiveSession;

  before(async function () {
    s = await liveSession();
    await s.run(
      `
${kernelImport("RasterModel")}
const trialsRaster = RasterModel.create(
  [{ id: 1, label: "unit A", times: ${JSON.stringify(UNIT_A)} }, { id: 2, label: "unit B", times: ${JSON.stringify(UNIT_B)} }],
  { title: "aligned", align: { events: ${JSON.stringify(EVENTS)}, label: "stimulus", before: ${BEFORE}, after: ${AFTER} }, unitIndex: 0, binSize: 0.1 });
(globalThis as any).trialsRaster = trialsRaster;
trialsRaster`,
      "trials",
    );
    await s.page.waitForSelector(`${ROOT}[data-ticks]`);
  });

  it("draws one row per trial with the unit's spikes around each event", async function () {
    const r = await s.page.$eval(ROOT, (el) => ({
      rows: Number((el as HTMLElement).dataset.rows),
      ticks: Number((el as HTMLElement).dataset.ticks),
      unit: (el.querySelector("select.tsnwb-unit") as HTMLSelectElement).selectedOptions[0]
        ?.textContent,
      axis: [...el.querySelectorAll("svg > text")].map((t) => t.textContent),
    }));
    assert.equal(r.rows, EVENTS.length);
    assert.equal(r.ticks, expectedTicks(UNIT_A));
    assert.equal(r.unit, "unit A");
    assert.ok(r.axis.includes("time from stimulus (s)"), r.axis.join(" | "));
    await s.screenshot("raster-trials");
  });

  it("choosing another unit realigns in the kernel", async function () {
    await s.page.selectOption(`${ROOT} select.tsnwb-unit`, "1");
    await s.page.waitForFunction(
      ([root, n]) => Number((document.querySelector(root) as HTMLElement).dataset.ticks) === n,
      [ROOT, expectedTicks(UNIT_B)] as const,
    );
    assert.equal(await s.value("(globalThis as any).trialsRaster.get('unitIndex')"), 1);
  });
});

describe("browser: RasterView rows grouped and sorted by a table column", function () {
  this.timeout(120_000);
  let s: LiveSession;
  const GROUPED = "#cell-grouped .tsnwb-raster";
  const CONDITION = ["A", "B", "A", "B"];
  const AMPLITUDE = [3, 1, 2, 0];

  before(async function () {
    s = await liveSession();
    await s.run(
      `
${kernelImport("RasterModel")}
const groupedRaster = RasterModel.create(
  [{ id: 1, label: "unit A", times: ${JSON.stringify(UNIT_A)} }],
  { title: "grouped", align: { events: ${JSON.stringify(EVENTS)}, label: "stimulus", before: ${BEFORE}, after: ${AFTER} },
    columns: { condition: ${JSON.stringify(CONDITION)}, amplitude: ${JSON.stringify(AMPLITUDE)} }, groupBy: "condition" });
(globalThis as any).groupedRaster = groupedRaster;
groupedRaster`,
      "grouped",
    );
    await s.page.waitForSelector(`${GROUPED}[data-ticks]`);
  });

  const drawn = () =>
    s.page.$eval(GROUPED, (el) => ({
      groups: [...el.querySelectorAll(".tsnwb-raster-group-label")].map((t) => t.textContent),
      separators: el.querySelectorAll(".tsnwb-raster-group-separator").length,
      rows: [...el.querySelectorAll(".tsnwb-raster-rows text:not(.tsnwb-raster-group-label)")].map(
        (t) => t.textContent,
      ),
    }));

  it("draws the groups (labels, a separator) and reorders when sort by is chosen", async function () {
    let v = await drawn();
    assert.deepEqual(v.groups, ["condition A (2)", "condition B (2)"]);
    assert.equal(v.separators, 1);
    assert.deepEqual(v.rows, ["trial 0", "trial 2", "trial 1", "trial 3"]);
    await s.page.selectOption(`${GROUPED} select.tsnwb-sort-by`, "amplitude");
    await s.page.waitForFunction(
      (root) =>
        document.querySelector(root)!.querySelector(".tsnwb-raster-rows text")?.textContent ===
        "trial 2 · 2",
      GROUPED,
    );
    v = await drawn();
    // within A: amplitude 2 (trial 2) before 3 (trial 0); within B: 0 (trial 3) before 1 (trial 1)
    assert.deepEqual(v.rows, ["trial 2 · 2", "trial 0 · 3", "trial 3 · 0", "trial 1 · 1"]);
    assert.equal(
      await s.value<string>("(globalThis as any).groupedRaster.get('sortBy')"),
      "amplitude",
    );
    await s.screenshot("raster-grouped");
  });
});

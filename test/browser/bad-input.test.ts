// Bad input in the browser: each view draws what there is and says what is missing — NaN gaps and
// an empty lane, zero spikes, 10,000 ROIs with masks outside the image — and nothing breaks.
import { strict as assert } from "node:assert";
import { liveSession, type LiveSession } from "./support/session.js";
import { kernelImport } from "./support/cells.js";

const ROOT = "#cell-bad";

describe("browser: bad input is drawn as far as it goes, and said", function () {
  this.timeout(120_000);
  let s: LiveSession;

  before(async function () {
    s = await liveSession();
    await s.run(
      `
${kernelImport("TraceModel", "RasterModel", "RoiModel", "display")}
const gappy = Float32Array.from({ length: 3000 }, (_, i) => (i >= 1000 && i < 1200) || (i >= 2000 && i < 2100) ? NaN : Math.cos(i / 50));
const badTrace = await TraceModel.create([
  { id: "gappy", label: "with gaps", unit: "V", values: gappy, rate: 1000 },
  { id: "empty", label: "empty", unit: "V", values: new Float32Array(0), rate: 1000 },
], { title: "gaps" });
const silent = RasterModel.create([{ id: 7, label: "silent unit", times: [] }], { title: "no spikes" });
// 10,000 ROIs: a 100 × 100 grid of 2 × 2-pixel squares on a 400 × 400 plane, plus one mask wholly outside it
const masks: { rows: number[]; cols: number[] }[] = [];
for (let k = 0; k < 10_000; k++) {
  const r0 = 4 * Math.floor(k / 100), c0 = 4 * (k % 100);
  masks.push({ rows: [r0, r0, r0 + 1, r0 + 1], cols: [c0, c0 + 1, c0, c0 + 1] });
}
masks.push({ rows: [500, 501], cols: [500, 500] });
const many = RoiModel.create({ title: "10,000 ROIs", masks, imageSize: [400, 400] });
display(badTrace); display(silent); display(many);`,
      "bad",
    );
    await s.page.waitForSelector(`${ROOT} .tsnwb-trace[data-reply-id]`);
    await s.page.waitForSelector(`${ROOT} .tsnwb-roi .tsnwb-image-pane[data-roi-count]`);
  });

  it("a lane with NaN gaps is drawn with breaks; an empty lane says so", async function () {
    const lanes = await s.page.$$eval(`${ROOT} .tsnwb-trace .tsnwb-lane`, (gs) =>
      gs.map((g) => ({
        id: (g as SVGGElement).dataset.lane,
        note: g.querySelector(".tsnwb-lane-note")!.textContent,
        empty: g.querySelector(".tsnwb-lane-empty")!.textContent,
        moves: (g.querySelector(".tsnwb-lane-path")!.getAttribute("d") ?? "").split("M").length - 1,
      })),
    );
    assert.deepEqual(lanes[0], {
      id: "gappy",
      note: "2 NaN gaps (drawn as breaks)",
      empty: "",
      moves: 3,
    });
    assert.equal(lanes[1].id, "empty");
    assert.equal(lanes[1].note, "no samples");
    assert.equal(lanes[1].empty, "no samples");
    assert.equal(lanes[1].moves, 0);
  });

  it("a raster with zero spikes draws its row and says there are none", async function () {
    const r = await s.page.$eval(`${ROOT} .tsnwb-raster`, (el) => ({
      ticks: (el as HTMLElement).dataset.ticks,
      rows: (el as HTMLElement).dataset.rows,
      messages: [...el.querySelectorAll(".tsnwb-messages li")].map((li) => li.textContent),
    }));
    assert.equal(r.ticks, "0");
    assert.equal(r.rows, "1");
    assert.deepEqual(r.messages, ["no spikes in any unit"]);
  });

  it("10,000 ROIs are all outlined; the one outside the image is reported", async function () {
    const r = await s.page.$eval(`${ROOT} .tsnwb-roi`, (el) => ({
      drawn: Number((el.querySelector(".tsnwb-image-pane") as HTMLElement).dataset.roiCount),
      paths: el.querySelectorAll("path.tsnwb-roi").length,
      messages: [...el.querySelectorAll(".tsnwb-messages li")].map((li) => li.textContent),
    }));
    assert.equal(r.drawn, 10_000);
    assert.equal(r.paths, 10_001);
    assert.ok(
      r.messages.includes("ROI 10000: mask entirely outside the 400×400 image (not drawn)"),
      r.messages.join(" | "),
    );
    assert.ok(r.messages.includes("no mean or max image: ROI outlines only"));
    await s.screenshot("bad-input");
  });
});

// Views of real NWB objects picked by nwbWidget in the tsnwb kernel: a 600,000-sample
// ElectricalSeries zoomed to full resolution, the Units raster with its PSTH bin-size control,
// and a 178-row trials table paged from the browser — each checked against h5py.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { liveSession, type LiveSession } from "./support/session.js";
import { repoRoot } from "./support/jupyter-server.js";
import { h5py } from "./support/python.js";

const RECORDING = join(repoRoot, "data/recordings/Allen_GCaMP6f_Emx1_102959_rec0.nwb");
const DANDI = join(repoRoot, "data/nwb-fixtures/dandi-cli/sub-anm369963_ses-20170228.nwb");

describe("browser: views of real NWB objects (nwbWidget)", function () {
  this.timeout(120_000);
  let s: LiveSession;

  before(async function () {
    s = await liveSession();
    await s.run(
      `
import { openNWB, nwbWidget, display } from "tsnwb";
const rec = await openNWB(${JSON.stringify(RECORDING)});
const dandi = await openNWB(${JSON.stringify(DANDI)});
const ephys = await nwbWidget(rec.get("/acquisition/ElectricalSeries_raw"));
const raster = await nwbWidget(rec.get("/units"));
const trials = await nwbWidget(dandi.get("/intervals/trials"));
Object.assign(globalThis as any, { ephys, raster, trials });
display(ephys); display(raster); display(trials);`,
      "nwb",
    );
    await s.page.waitForSelector("#cell-nwb .tsnwb-trace[data-reply-id]");
    await s.page.waitForSelector("#cell-nwb .tsnwb-table[data-rows]");
  });

  it("ElectricalSeries: a 10 ms window at full resolution, scaled to volts like h5py", async function () {
    await s.run("(globalThis as any).ephys.set({ xRange: [12.5, 12.51] })");
    await s.page.waitForFunction(() => {
      const el = document.querySelector("#cell-nwb .tsnwb-trace") as HTMLElement;
      return el.dataset.replyRange === "12.5,12.51" && el.dataset.replyId === el.dataset.requestId;
    });
    const lane = await s.page.$eval(
      "#cell-nwb .tsnwb-trace .tsnwb-lane[data-kind='line']",
      (g) => ({
        points: Number((g as SVGGElement).dataset.points),
        decimated: (g as SVGGElement).dataset.decimated,
        yDomain: (g as SVGGElement).dataset.yDomain!.split(",").map(Number),
      }),
    );
    const ref = h5py<{ n: number; min: number; max: number }>(
      `
import h5py, json, sys, numpy as np
f = h5py.File(sys.argv[1], 'r'); d = f['/acquisition/ElectricalSeries_raw/data']
t = np.arange(d.shape[0]) / 20000.0
inside = np.nonzero((t >= 12.5) & (t <= 12.51))[0]
v = d[inside[0]:inside[-1] + 1].astype(float) * d.attrs['conversion']
print(json.dumps({'n': int(inside.size), 'min': float(v.min()), 'max': float(v.max())}))`,
      RECORDING,
    );
    assert.equal(lane.decimated, "false");
    assert.equal(lane.points, ref.n + 2, "every sample in the window plus one neighbour each side");
    // autoscale: the visible min/max padded by 5 % each side
    const pad = (ref.max - ref.min) * 0.05;
    assert.ok(
      Math.abs(lane.yDomain[0] - (ref.min - pad)) < 1e-9 &&
        Math.abs(lane.yDomain[1] - (ref.max + pad)) < 1e-9,
      `y domain ${lane.yDomain} vs ${ref.min}..${ref.max}`,
    );
    await s.screenshot("nwb-ephys-10ms");
  });

  it("Units raster: one tick per spike; the bin-size control makes the kernel recompute the PSTH", async function () {
    const spikes = h5py<number[]>(
      "import h5py, json, sys; f = h5py.File(sys.argv[1], 'r'); print(json.dumps(f['/units/spike_times'][:].tolist()))",
      RECORDING,
    );
    const ticks = await s.page.$eval("#cell-nwb .tsnwb-raster", (el) =>
      Number((el as HTMLElement).dataset.ticks),
    );
    assert.equal(ticks, spikes.length);
    await s.page.fill("#cell-nwb .tsnwb-raster input.tsnwb-bin-size", "2.5");
    await s.page.press("#cell-nwb .tsnwb-raster input.tsnwb-bin-size", "Enter");
    await s.page.waitForFunction(() => {
      const el = document.querySelector("#cell-nwb .tsnwb-raster") as HTMLElement;
      return el.querySelector(".tsnwb-status")!.textContent!.includes("bin 2.5 s");
    });
    const psth = await s.value<{ start: number; binSize: number; rate: Record<string, number> }>(
      "(globalThis as any).raster.get('psth')",
    );
    assert.equal(psth.binSize, 2.5);
    const rate = Object.values(psth.rate);
    // numpy's histogram over the same bins, divided by rows × bin width
    const ref = h5py<number[]>(
      `
import json, sys, numpy as np
spikes = np.array(json.loads(sys.argv[1])); start, width, n = float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
counts, _ = np.histogram(spikes, bins=start + width * np.arange(n + 1))
print(json.dumps((counts / width).tolist()))`,
      JSON.stringify(spikes),
      String(psth.start),
      "2.5",
      String(rate.length),
    );
    assert.equal(rate.length, ref.length);
    rate.forEach((r, i) => assert.ok(Math.abs(r - ref[i]) < 1e-4, `bin ${i}: ${r} vs ${ref[i]}`));
    const drawn = await s.page.$eval("#cell-nwb .tsnwb-raster", (el) => ({
      bins: Number((el as HTMLElement).dataset.bins),
      bars: (el.querySelector(".tsnwb-psth-bars")!.getAttribute("d") ?? "").split("M").length - 1,
    }));
    assert.equal(drawn.bins, rate.length);
    assert.equal(drawn.bars, rate.length, "one bar per bin");
  });

  it("trials table: Next pages through the kernel; cells are the file's values", async function () {
    const ref = h5py<{ ids: number[]; response: string[]; n: number }>(
      `
import h5py, json, sys
f = h5py.File(sys.argv[1], 'r'); t = f['/intervals/trials']
r = [x.decode() if isinstance(x, bytes) else str(x) for x in t['response'][:]]
print(json.dumps({'ids': t['id'][:].tolist(), 'response': r, 'n': int(t['id'].shape[0])}))`,
      DANDI,
    );
    const limit = await s.value<number>("(globalThis as any).trials.get('limit')");
    const page = () =>
      s.page.$eval("#cell-nwb .tsnwb-table", (el) => {
        const headers = [...el.querySelectorAll("th")].map((th) => th.textContent);
        const rows = [...el.querySelectorAll("tbody tr")].map((tr) =>
          [...tr.querySelectorAll("td")].map((td) => td.textContent),
        );
        return { headers, rows, label: el.querySelector(".tsnwb-page-label")!.textContent };
      });
    const first = await page();
    assert.equal(first.rows.length, Math.min(limit, ref.n));
    assert.match(first.label!, new RegExp(`rows 1–${first.rows.length} of ${ref.n}`));
    await s.page.click("#cell-nwb .tsnwb-table .tsnwb-next");
    await s.page.waitForFunction(
      (n) =>
        (
          document.querySelector("#cell-nwb .tsnwb-table .tsnwb-page-label") as HTMLElement
        ).textContent!.includes(`rows ${n + 1}–`),
      limit,
    );
    assert.equal(await s.value("(globalThis as any).trials.get('offset')"), limit);
    const second = await page();
    const responseCol = second.headers.indexOf("response");
    second.rows.forEach((row, i) => {
      assert.equal(Number(row[0]), ref.ids[limit + i]);
      assert.equal(row[responseCol], ref.response[limit + i]);
    });
  });
});

// The recording dashboard in Chromium against the kernel: its buttons, its keys (while it has
// focus) and clicks on the overview strip move the cursor to the next spike / isolated event that
// h5py + numpy find in the file, and every panel follows — both trace panels, the raster, the
// movie (the frame at the cursor, as numpy finds it from the frame timestamps) and the event panel.
import { strict as assert } from "node:assert";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { liveSession, artifacts, type LiveSession } from "./support/session.js";
import { repoRoot } from "./support/jupyter-server.js";
import { h5py } from "./support/python.js";
import { recordingReference, type RecordingReference } from "./support/recording-reference.js";
import {
  recordingShownJs,
  type RecordingShown,
  stripEventsJs,
} from "../support/recording-shown.js";

const FILE = join(repoRoot, "data/recordings/Allen_GCaMP6f_Emx1_102959_rec0.nwb");
const ROOT = "#cell-recording";

function numpyFrameAt(t: number): number {
  return h5py<number>(
    `import h5py, numpy as np, sys
ts = h5py.File(sys.argv[1], "r")["/acquisition/TwoPhotonSeries_green/timestamps"][:]
t = float(sys.argv[2])
# past the last frame by more than a frame period the movie has no frame at t (-1)
past = t > ts[-1] + (ts[-1] - ts[0]) / (len(ts) - 1)
print(-1 if past else int(np.searchsorted(ts, t, side="right") - 1))`,
    FILE,
    String(t),
  );
}

/** What every panel shows (test/support/recording-shown.ts). */
const PICK = recordingShownJs(ROOT);

const shown = (page: Page) => page.evaluate(PICK) as Promise<RecordingShown>;

/** Waits until every panel's cursor is `t`, and the movie's frame at the cursor is numpy's (-1
 *  past the movie's end: the movie then says it has no frame there). */
async function allAt(page: Page, t: number): Promise<RecordingShown> {
  const frame = numpyFrameAt(t);
  await page.waitForFunction(
    `(() => { const v = ${PICK}; const t = ${JSON.stringify(String(t))};
      return v.dashboard === t && v.voltage === t && v.dff === t && v.raster === t && v.movie === t && v.movieFrame === ${frame}; })()`,
  );
  return shown(page);
}

describe("browser: recording dashboard (nwb.recordingView)", function () {
  this.timeout(300_000);
  let s: LiveSession;
  let r: RecordingReference;

  before(async function () {
    r = recordingReference(FILE);
    s = await liveSession();
    await s.run(
      `
import { openNWB, recordingView, display } from "tsnwb";
const recFile = await openNWB(${JSON.stringify(FILE)});
const rec = await recordingView(recFile);
Object.assign(globalThis as any, { rec });
display(rec);`,
      "recording",
    );
    for (const p of ["voltage", "dff"])
      await s.page.waitForSelector(
        `${ROOT} .tsnwb-recording-panel[data-panel="${p}"] .tsnwb-trace[data-linked="true"] .tsnwb-lanes-plot`,
      );
    await s.page.waitForSelector(`${ROOT} .tsnwb-recording[data-linked="true"]`);
    await s.page.waitForSelector(`${ROOT} .tsnwb-movie[data-linked="true"]`);
    await s.page.waitForSelector(`${ROOT} .tsnwb-raster-rows`);
  });

  it("shows every panel, the spike ticks and event markers of the file", async function () {
    const counts = await s.page.evaluate(`({
      spikes: document.querySelectorAll("${ROOT} .tsnwb-recording-strip .tsnwb-spike").length,
      events: ${stripEventsJs(ROOT)},
      missing: document.querySelectorAll("${ROOT} .tsnwb-missing li").length,
    })`);
    assert.deepEqual(counts, {
      spikes: r.spikes.length,
      events: r.events.map(([t, , n]) => [t, n]),
      missing: 0,
    });
  });

  it("the buttons step to the next and previous spike; every panel follows", async function () {
    const root = s.page.locator(`${ROOT} .tsnwb-recording`);
    await root.scrollIntoViewIfNeeded();
    await s.page.click(`${ROOT} .tsnwb-next-spike`);
    await allAt(s.page, r.spikes[0]!);
    await s.page.click(`${ROOT} .tsnwb-next-spike`);
    await allAt(s.page, r.spikes[1]!);
    await s.page.click(`${ROOT} .tsnwb-prev-spike`);
    await allAt(s.page, r.spikes[0]!);
    // the kernel's link and members say the same, once the page's change has reached it
    const kernel = () =>
      s.value<number[]>(
        "[(globalThis as any).rec.link.get('cursor'), (globalThis as any).rec.get('cursor'), (globalThis as any).rec.members.dff.get('cursor')]",
      );
    let k = await kernel();
    for (let i = 0; i < 50 && k.some((c) => c !== r.spikes[0]); i++) k = await kernel();
    assert.deepEqual(k, [r.spikes[0], r.spikes[0], r.spikes[0]]);
  });

  it("keys while it has focus: 2 then ] → next 2-AP event, [ back, j/k spikes, z zooms to the event", async function () {
    await s.page.focus(`${ROOT} .tsnwb-recording`);
    await s.page.keyboard.press("2");
    await s.page.keyboard.press("]");
    const twos = r.events.filter(([t, , n]) => n === 2 && t > r.spikes[0]!);
    let v = await allAt(s.page, twos[0]![0]);
    assert.equal(v.apCount, "2");
    const i = r.events.findIndex(([t]) => t === twos[0]![0]);
    assert.match(
      v.eventText,
      new RegExp(
        `^event ${i + 1} at .* · 2 APs · peak ΔF/F ${String(Math.round(r.peak[i]! * 1000) / 1000).replace(".", "\\.")}`,
      ),
    );
    await s.page.keyboard.press("]");
    await allAt(s.page, twos[1]![0]);
    await s.page.keyboard.press("[");
    await allAt(s.page, twos[0]![0]);
    await s.page.keyboard.press("j");
    const next = r.spikes.find((t) => t > twos[0]![0])!;
    await allAt(s.page, next);
    await s.page.keyboard.press("k");
    await allAt(s.page, twos[0]![0]);
    await s.page.keyboard.press("z");
    const [before, after] = await s.value<[number, number]>(
      "(globalThis as any).rec.get('eventWindow')",
    );
    const want = [twos[0]![0] - before, twos[0]![1] + after];
    await s.page.waitForFunction(
      `(() => { const d = ${PICK}.domain; const w = ${JSON.stringify(want)}; return d.every((x, i) => Math.abs(x - w[i]) < 1e-9 * Math.max(1, Math.abs(x))); })()`,
    );
    v = await shown(s.page);
    assert.equal(v.dashboard, String(twos[0]![0]));
  });

  it("a click on an event marker of the strip jumps to it", async function () {
    // an event the movie covers, so the screenshot shows its frame
    const movieEnd = h5py<number>(
      `import h5py, sys; print(float(h5py.File(sys.argv[1], "r")["/acquisition/TwoPhotonSeries_green/timestamps"][-1]))`,
      FILE,
    );
    const covered = r.events.filter(([t0]) => t0 < movieEnd);
    // a marker of one event (close events share a marker that zooms: recording-saved.test.ts)
    const single = (await s.page.evaluate(
      `[...document.querySelectorAll("${ROOT} .tsnwb-recording-strip .tsnwb-event[data-count='1']")].map((c) => Number(c.dataset.index))`,
    )) as number[];
    const alone = covered.filter((e) => single.includes(r.events.indexOf(e)));
    const k = r.events.indexOf(alone[Math.floor(alone.length / 2)]!);
    const [t] = r.events[k]!;
    const marker = s.page.locator(`${ROOT} .tsnwb-recording-strip .tsnwb-event[data-index="${k}"]`);
    await marker.scrollIntoViewIfNeeded();
    const box = (await marker.boundingBox())!;
    await s.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const v = await allAt(s.page, t);
    assert.match(v.eventText, new RegExp(`^event ${k + 1} at `));
    const shot = join(artifacts, "recording-dashboard.png");
    mkdirSync(artifacts, { recursive: true });
    await s.page.locator(`${ROOT} .tsnwb-recording`).screenshot({ path: shot });
    // docs/images/recording-dashboard.png is this screenshot (copied when the README's is renewed)
    if (process.env.TSNWB_UPDATE_DOCS_IMAGES)
      copyFileSync(shot, join(repoRoot, "docs/images/recording-dashboard.png"));
  });
});

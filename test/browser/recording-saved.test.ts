// The recording dashboard in a page made from the saved widget state, with no kernel: its buttons,
// keys and clicks on the overview strip still move every panel over the data embedded at save time
// (the trace overviews, the raster, the movie's preview frames) to the spike / isolated event that
// h5py + numpy find in the file; the event panel shows numpy's AP count and peak ΔF/F; a panel that
// needs the kernel for the requested time says so.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Locator, Page } from "playwright-core";
import { liveSession, sharedBrowser, artifacts } from "./support/session.js";
import { repoRoot } from "./support/jupyter-server.js";
import { h5py } from "./support/python.js";
import { recordingReference, type RecordingReference } from "./support/recording-reference.js";
import {
  recordingShownJs,
  type RecordingShown,
  stripEventsJs,
  stripMarkersJs,
  type StripMarker,
} from "../support/recording-shown.js";
import { htmlPageFromState } from "../../kernel-ext/models/export/html-page.js";
import { contrastRatio } from "../jupyterlab/harness/contrast.js";

/** JupyterLab Dark's values (@jupyterlab/theme-dark-extension/style/variables.css) of the theme
 *  variables the dashboard's styles use, with the page drawn on its background like a notebook. */
const JUPYTERLAB_DARK = `:root {
  --jp-layout-color0: #111; --jp-layout-color1: #212121; --jp-layout-color2: #424242; --jp-layout-color3: #616161;
  --jp-ui-font-color0: rgba(255, 255, 255, 1); --jp-ui-font-color1: rgba(255, 255, 255, 0.87);
  --jp-ui-font-color2: rgba(255, 255, 255, 0.54); --jp-ui-font-color3: rgba(255, 255, 255, 0.38);
  --jp-content-font-color1: rgba(255, 255, 255, 1); --jp-border-color1: #616161; --jp-border-color2: #424242;
  --jp-brand-color1: #2196f3; --jp-brand-color3: #bbdefb; --jp-warn-color0: #f57c00; --jp-error-color1: #f44336;
}
body { background: var(--jp-layout-color0); color: var(--jp-ui-font-color1); }`;

const FILE = join(repoRoot, "data/recordings/Allen_GCaMP6f_Emx1_102959_rec0.nwb");
const SERIES = "/acquisition/TwoPhotonSeries_green";

/** numpy's movie frame at `t` (-1 past the last frame by more than a frame period) and the preview
 *  frame (contract/movie-preview.ts: 120 frames, index round(k (N-1) / 119)) nearest to `t`. */
function numpyFrames(t: number): { frame: number; preview: number } {
  return h5py<{ frame: number; preview: number }>(
    `import h5py, numpy as np, json, sys
ts = h5py.File(sys.argv[1], "r")[sys.argv[2] + "/timestamps"][:]
t = float(sys.argv[3])
past = t > ts[-1] + (ts[-1] - ts[0]) / (len(ts) - 1)
n = min(120, len(ts))
idx = np.floor(np.arange(n) * (len(ts) - 1) / (n - 1) + 0.5).astype(int)
print(json.dumps({"frame": -1 if past else int(np.searchsorted(ts, t, side="right") - 1),
  "preview": int(idx[np.argmin(np.abs(ts[idx] - t))])}))`,
    FILE,
    SERIES,
    String(t),
  );
}

/** What every panel shows (test/support/recording-shown.ts). */
const PICK = recordingShownJs();

const shown = (page: Page) => page.evaluate(PICK) as Promise<RecordingShown>;

/** Waits until every panel's cursor is `t` and the movie shows numpy's frame there — the preview
 *  frame nearest to it, said to be a preview unless it is the frame at `t`; or no frame past the
 *  movie's end, said so. */
async function allAt(page: Page, t: number): Promise<RecordingShown> {
  const { frame, preview } = numpyFrames(t);
  const T = JSON.stringify(String(t));
  const movie =
    frame < 0
      ? "v.movieHidden === 'true'"
      : `v.previewFrame === ${preview} && v.movieHidden === 'false'`;
  await page.waitForFunction(
    `(() => { const v = ${PICK};
      return v.dashboard === ${T} && v.voltage === ${T} && v.dff === ${T} && v.raster === ${T} && v.movie === ${T} && v.movieFrame === ${frame} && ${movie}; })()`,
  );
  const v = await shown(page);
  if (frame < 0) assert.match(v.movieNote, /^no frame at the cursor .* this movie covers /);
  else if (preview !== frame)
    assert.match(v.movieNote, /^preview frame at t=.* s .*; the full movie needs the kernel$/);
  else assert.equal(v.movieNote, "");
  return v;
}

/** A mouse click at the centre of `target` on screen (a spike tick is a line of no width, which
 *  Playwright's own click deems invisible). */
async function clickCentre(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** The peak ΔF/F as the event panel prints it (3 decimals). */
const printed = (x: number) => String(Math.round(x * 1000) / 1000).replace(".", "\\.");

describe("browser: the recording dashboard in a saved page (no kernel)", function () {
  this.timeout(300_000);
  let r: RecordingReference;
  let page: Page;
  let dir: string;

  before(async function () {
    r = recordingReference(FILE);
    const s = await liveSession();
    const cell = await s.run(
      `
import { openNWB, recordingView, display } from "tsnwb";
const savedRecFile = await openNWB(${JSON.stringify(FILE)});
const savedRec = await recordingView(savedRecFile);
Object.assign(globalThis as any, { savedRec });
display(savedRec);`,
      "recsaved",
    );
    await s.run("await (globalThis as any).savedRec.members.movie.loadPreview();");
    const id = s.widgetOf(cell);
    await s.page.waitForSelector(`#cell-recsaved .tsnwb-movie[data-linked="true"]`);
    await s.page.waitForSelector(`#cell-recsaved .tsnwb-raster-rows`);
    const saved = (await s.page.evaluate(
      "window.widgetManager.get_state({ drop_defaults: true })",
    )) as { state: Record<string, unknown> };
    dir = mkdtempSync(join(tmpdir(), "tsnwb-recsaved-"));
    const file = join(dir, "recording.html");
    writeFileSync(file, htmlPageFromState(saved, [id], { title: "recording, saved" }));
    page = await (await sharedBrowser()).newPage({ viewport: { width: 1200, height: 1600 } });
    await page.goto(pathToFileURL(file).href, { timeout: 120_000 });
    await page.waitForFunction("document.body.dataset.tsnwbRendered", null, { timeout: 120_000 });
    await page.waitForSelector(".tsnwb-recording[data-linked='true']");
    for (const p of ["voltage", "dff"])
      await page.waitForSelector(
        `.tsnwb-recording-panel[data-panel="${p}"] .tsnwb-trace[data-linked="true"] .tsnwb-lanes-plot`,
      );
    await page.waitForSelector(".tsnwb-movie[data-linked='true']");
    await page.waitForSelector(".tsnwb-raster-rows");
  });

  after(async function () {
    await page?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("a click on the strip's first spike tick, then the spike buttons, move every panel (h5py)", async function () {
    await clickCentre(page, page.locator(".tsnwb-recording-strip .tsnwb-spike").first());
    await allAt(page, r.spikes[0]!);
    await page.click(".tsnwb-next-spike");
    await allAt(page, r.spikes[1]!);
    await page.click(".tsnwb-next-spike");
    await allAt(page, r.spikes[2]!);
    await page.click(".tsnwb-prev-spike");
    await allAt(page, r.spikes[1]!);
  });

  it("at the last spike, past the movie's frames, the movie says it has no frame there", async function () {
    const last = r.spikes[r.spikes.length - 1]!;
    assert.equal(numpyFrames(last).frame, -1, "the recording's last spike is after the movie");
    await clickCentre(page, page.locator(".tsnwb-recording-strip .tsnwb-spike").last());
    await allAt(page, last);
    await page.click(".tsnwb-prev-spike");
    await allAt(page, r.spikes[r.spikes.length - 2]!);
    await page.click(".tsnwb-ap-0");
    await page.click(".tsnwb-prev-event");
    const lastEvent = r.events.filter(([t]) => t < r.spikes[r.spikes.length - 2]! - 1e-6).at(-1)!;
    await allAt(page, lastEvent[0]);
    // back to the start for the next tests
    await clickCentre(page, page.locator(".tsnwb-recording-strip .tsnwb-spike").first());
    await allAt(page, r.spikes[0]!);
    await page.click(".tsnwb-next-spike");
    await allAt(page, r.spikes[1]!);
  });

  it("event markers: one row per AP class, close events merged into one marker with their count; none overlap; a click zooms to them", async function () {
    const markers = (await page.evaluate(stripMarkersJs())) as StripMarker[];
    // every numpy event in exactly one marker, with its AP count, and a marker holds one class only
    assert.deepEqual(
      await page.evaluate(stripEventsJs()),
      r.events.map(([t, , n]) => [t, n]),
    );
    const row = (n: number) => Math.min(n, 3);
    for (const m of markers) assert.equal(new Set(m.apCounts.map(row)).size, 1, `${m.times}`);
    // distinguishable: no two markers' boxes on screen overlap
    for (const [i, a] of markers.entries())
      for (const b of markers.slice(i + 1)) {
        const apart =
          a.box[2]! <= b.box[0]! ||
          b.box[2]! <= a.box[0]! ||
          a.box[3]! <= b.box[1]! ||
          b.box[3]! <= a.box[1]!;
        assert.ok(apart, `markers at ${a.times} and ${b.times} overlap: ${a.box} / ${b.box}`);
      }
    const merged = markers.find((m) => m.count > 1);
    assert.ok(merged, "at this width some events of one class are too close to tell apart");
    await page.locator(".tsnwb-recording-strip").scrollIntoViewIfNeeded();
    const box = (await page
      .locator(`.tsnwb-recording-strip .tsnwb-event[data-indices="${merged.indices.join(",")}"]`)
      .boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const first = r.events[merged.indices[0]!]!;
    const last = r.events[merged.indices.at(-1)!]!;
    const want = [first[0] - 0.2, last[1] + 1];
    await page.waitForFunction(
      `(() => { const v = ${PICK}; const w = ${JSON.stringify(want)}; const ok = (d) => d.every((x, i) => Math.abs(x - w[i]) < 1e-9 * Math.max(1, Math.abs(x))); return ok(v.domain) && ok(v.rasterDomain); })()`,
    );
    await allAt(page, first[0]);
    assert.equal((await shown(page)).eventIndex, String(merged.indices[0]));
    // a single event's dot, clicked by its screen position, jumps to that event
    const lone = markers.find(
      (m) =>
        m.count === 1 && m.times[0]! > r.spikes[1]! + 1e-6 && m.indices[0] !== merged.indices[0],
    )!;
    const dot = (await page
      .locator(`.tsnwb-recording-strip .tsnwb-event[data-indices="${lone.indices[0]}"]`)
      .boundingBox())!;
    await page.mouse.click(dot.x + dot.width / 2, dot.y + dot.height / 2);
    const v = await allAt(page, lone.times[0]!);
    assert.equal(v.eventIndex, String(lone.indices[0]));
    assert.ok(Math.abs(Number(v.peakDff) - r.peak[lone.indices[0]!]!) < 1e-9);
    // back to the second spike for the next tests
    await clickCentre(page, page.locator(".tsnwb-recording-strip .tsnwb-spike").nth(1));
    await allAt(page, r.spikes[1]!);
  });

  it("keys: 1 then ] steps through the 1-AP events; the event panel shows numpy's AP count and peak ΔF/F", async function () {
    await page.focus(".tsnwb-recording");
    await page.keyboard.press("1");
    const ones = r.events
      .map((e, i) => ({ e, i }))
      .filter(({ e: [t, , n] }) => n === 1 && t > r.spikes[1]! + 1e-6);
    for (const { e, i } of ones.slice(0, 2)) {
      await page.keyboard.press("]");
      const v = await allAt(page, e[0]);
      assert.equal(v.apCount, "1");
      assert.equal(v.eventIndex, String(i));
      assert.ok(Math.abs(Number(v.peakDff) - r.peak[i]!) < 1e-9, `${v.peakDff} vs ${r.peak[i]}`);
      assert.match(
        v.eventText,
        new RegExp(`^event ${i + 1} at .* · 1 AP · peak ΔF/F ${printed(r.peak[i]!)}`),
      );
    }
    await page.keyboard.press("[");
    await allAt(page, ones[0]!.e[0]);
  });

  it("event buttons by AP class (2, 3+) land on numpy's events; zoom shows the event's window and says the trace needs the kernel for detail", async function () {
    await page.click(".tsnwb-ap-2");
    const cursor = Number((await shown(page)).dashboard);
    const two = r.events.findIndex(([t, , n]) => n === 2 && t > cursor + 1e-6);
    assert.ok(two >= 0, "the file has a 2-AP event after the cursor");
    await page.click(".tsnwb-next-event");
    let v = await allAt(page, r.events[two]![0]);
    assert.equal(v.apCount, "2");
    assert.ok(Math.abs(Number(v.peakDff) - r.peak[two]!) < 1e-9);
    await page.click(".tsnwb-zoom-event");
    const want = [r.events[two]![0] - 0.2, r.events[two]![1] + 1];
    await page.waitForFunction(
      `(() => { const v = ${PICK}; const w = ${JSON.stringify(want)}; const ok = (d) => d.every((x, i) => Math.abs(x - w[i]) < 1e-9 * Math.max(1, Math.abs(x))); return ok(v.domain) && ok(v.rasterDomain); })()`,
    );
    v = await shown(page);
    assert.equal(v.dashboard, String(r.events[two]![0]));
    assert.match(v.dffStatus, /no kernel/);
    await page.click(".tsnwb-ap-3");
    const three = r.events.findIndex(([t, , n]) => n >= 3 && t > r.events[two]![0] + 1e-6);
    if (three >= 0) {
      await page.click(".tsnwb-next-event");
      v = await allAt(page, r.events[three]![0]);
      assert.equal(v.apCount, String(r.events[three]![2]));
      assert.ok(Math.abs(Number(v.peakDff) - r.peak[three]!) < 1e-9);
    }
    await page.screenshot({ path: join(artifacts, "recording-saved.png"), fullPage: true });
  });

  it("dark theme (JupyterLab Dark's variables): the dashboard's text ≥ 4.5:1 and its marks ≥ 3:1 on the background (WCAG)", async function () {
    await page.addStyleTag({ content: JUPYTERLAB_DARK });
    const v = (await page.evaluate(`(() => {
      const root = document.querySelector(".tsnwb-recording");
      const bgOf = (el) => {
        for (let a = el; a; a = a.parentElement) {
          const c = getComputedStyle(a).backgroundColor;
          if (c !== "rgba(0, 0, 0, 0)" && c !== "transparent") return c;
        }
        return "rgb(255, 255, 255)";
      };
      const seen = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
      const own = (e) => !e.closest(".tsnwb-recording-panels");
      const texts = [...root.querySelectorAll(".tsnwb-recording-strip text")].filter((e) => seen(e) && e.textContent.trim())
        .map((e) => ({ what: "strip " + e.textContent.trim(), colour: getComputedStyle(e).fill, bg: e.closest(".tsnwb-event-group") ? getComputedStyle(e.closest(".tsnwb-event-group").querySelector("rect")).fill : bgOf(e) }))
        .concat([...root.querySelectorAll(".tsnwb-title, .tsnwb-event-panel, .tsnwb-spike-source, .tsnwb-missing li, .tsnwb-keys, .tsnwb-status, .tsnwb-recording-nav button")]
          .filter((e) => own(e) && seen(e) && e.textContent.trim())
          .map((e) => ({ what: e.className + " " + e.textContent.trim().slice(0, 24), colour: getComputedStyle(e).color, bg: bgOf(e) })));
      const marks = [...root.querySelectorAll(".tsnwb-recording-strip .tsnwb-spike, .tsnwb-recording-strip .tsnwb-cursor-line")].filter(seen)
        .map((e) => ({ what: e.getAttribute("class"), colour: getComputedStyle(e).stroke, bg: bgOf(e) }))
        .concat([...root.querySelectorAll(".tsnwb-recording-strip circle.tsnwb-event, .tsnwb-recording-strip .tsnwb-event-group rect")].filter(seen)
          .map((e) => ({ what: "event marker", colour: e.tagName === "rect" ? getComputedStyle(e).stroke : getComputedStyle(e).fill, bg: bgOf(e) })));
      return { texts, marks, body: getComputedStyle(document.body).backgroundColor };
    })()`)) as {
      texts: { what: string; colour: string; bg: string }[];
      marks: { what: string; colour: string; bg: string }[];
      body: string;
    };
    assert.equal(v.body, "rgb(17, 17, 17)", "the dark background is on");
    assert.ok(
      v.texts.some((t) => t.what.startsWith("strip 1 AP")),
      "row labels measured",
    );
    assert.ok(
      v.texts.some((t) => t.what.includes("tsnwb-event-panel")),
      "event panel measured",
    );
    assert.ok(
      v.marks.some((m) => m.what === "event marker"),
      "event markers measured",
    );
    const bad = [
      ...v.texts
        .map((t) => ({ ...t, ratio: contrastRatio(t.colour, t.bg), min: 4.5 }))
        .filter((t) => t.ratio < t.min),
      ...v.marks
        .map((m) => ({ ...m, ratio: contrastRatio(m.colour, m.bg), min: 3 }))
        .filter((m) => m.ratio < m.min),
    ].map((b) => `${b.what}: ${b.colour} on ${b.bg} = ${b.ratio.toFixed(2)} < ${b.min}`);
    const low = (xs: { colour: string; bg: string }[]) =>
      Math.min(...xs.map((x) => contrastRatio(x.colour, x.bg))).toFixed(2);
    console.log(
      `      dark theme: text ≥ ${low(v.texts)} (${v.texts.length}), marks ≥ ${low(v.marks)} (${v.marks.length})`,
    );
    await page.screenshot({ path: join(artifacts, "recording-saved-dark.png"), fullPage: true });
    assert.deepEqual(bad, [], "colours below the WCAG contrast");
  });
});

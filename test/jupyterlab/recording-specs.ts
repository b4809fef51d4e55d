// The recording dashboard (`nwb.recordingView(file)`) in JupyterLab: its overview strip shows the
// file's unit spike times and the isolated AP-count events (Huang et al. 2021 windows) exactly as
// h5py + numpy find them (test/widgets/reference/recording.py); the next-spike button and the
// "2" + "]" keys move every panel's cursor (voltage, ΔF/F, raster, movie at numpy's frame) to
// h5py's time; "z" zooms to the event and the ΔF/F panel then draws every sample h5py has there;
// the dark theme keeps it legible; saved with widget state and reopened with the kernel shut down,
// its navigation still moves every panel.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "../support/net.js";
import {
  recordingShownJs,
  type RecordingShown,
  stripEventsJs,
} from "../support/recording-shown.js";
import { contrastRatio } from "./harness/contrast.js";
import {
  dashboardReference,
  type DashboardReference,
  frameTimesReference,
} from "./harness/h5py-reference.js";
import { type LabPage, notebookJson } from "./harness/lab-page.js";
import { frameAtTime } from "./harness/linked-members.js";
import { screenshotFailures, skipWithoutViews } from "./harness/spec-hooks.js";
import { timings } from "./harness/timings.js";
import type { LinkedTimeSuiteContext } from "./linked-time-specs.js";
import { openRecordingCell, recording } from "./widget-specs.js";

const notebook = "recording-dashboard.ipynb";
const MOVIE = "/acquisition/TwoPhotonSeries_green";
const DFF = "/processing/ophys/DfOverF/roi_response_series";
/** How long the page may take to follow a gesture (bounds a hang; asserts nothing). */
const SETTLE_MS = 30_000;

export function recordingSpecs(ctx: LinkedTimeSuiteContext): void {
  let lab: LabPage;
  let root: string;
  let ref: DashboardReference;
  let frameTimes: number[];
  let movieEnd: number;
  let dffTimes: number[];
  /** where the cursor is when the notebook is saved */
  let savedCursor: number;

  /** What every panel shows (test/support/recording-shown.ts). */
  const shown = async (): Promise<RecordingShown> =>
    (await lab.page.evaluate(recordingShownJs(root))) as RecordingShown;

  /** numpy's movie frame at t (-1 past the movie's last frame by more than a frame period). */
  const numpyFrame = (t: number) => (t >= movieEnd ? -1 : frameAtTime(frameTimes, t));

  /** Waits until every panel's cursor is at t (the movie at numpy's frame there); returns it. */
  async function allAt(t: number): Promise<RecordingShown> {
    let last: RecordingShown | undefined;
    try {
      return await waitFor(
        async () => {
          last = await shown();
          const v = last;
          const at = [v.dashboard, v.voltage, v.dff, v.raster, v.movie].every(
            (c) => c === String(t),
          );
          return at && v.movieFrame === numpyFrame(t) ? v : undefined;
        },
        SETTLE_MS,
        `every panel's cursor at ${t} s (movie frame ${numpyFrame(t)})`,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}; the page shows ${JSON.stringify(last)}`, {
        cause: e,
      });
    }
  }

  const press = async (...keys: string[]): Promise<void> => {
    await lab.page.focus(`${root} .tsnwb-recording`);
    for (const k of keys) await lab.page.keyboard.press(k);
  };

  screenshotFailures(() => lab);

  before(async function () {
    this.timeout(300_000);
    skipWithoutViews(this, ctx.kernel(), ctx.sourceExtensions());
    ref = dashboardReference(recording);
    frameTimes = frameTimesReference(recording, MOVIE);
    movieEnd = frameTimes.at(-1)! + (frameTimes.at(-1)! - frameTimes[0]!) / (frameTimes.length - 1);
    dffTimes = frameTimesReference(recording, DFF);
    lab = await ctx.lab();
    writeFileSync(
      join(ctx.server().rootDir, notebook),
      notebookJson(ctx.kernel(), [
        openRecordingCell(),
        `const rec = await nwb.recordingView(file);\nrec`,
      ]),
    );
    timings.record("open dashboard notebook until kernel idle", await lab.openNotebook(notebook));
    const run = await lab.runAll(notebook);
    timings.record("run all cells (dashboard notebook)", run.ms);
    assert.equal(run.ok, true, "Run All reported a failed cell");
    root = await lab.panelSelector(notebook);
    await lab.page.locator(`${root} .tsnwb-recording`).scrollIntoViewIfNeeded();
    await waitFor(
      async () => ((await shown()).linked === "true" ? true : undefined),
      60_000,
      "the dashboard drawn and linked",
    );
  });

  after(async function () {
    if (lab) await lab.closeNotebook(notebook);
  });

  it("draws every panel; the strip's spike ticks and isolated-event markers are h5py's spike times and numpy's events; nwbWidget(file) makes the same dashboard", async function () {
    await lab.page.waitForSelector(`${root} .tsnwb-recording .tsnwb-raster-rows`, {
      timeout: SETTLE_MS,
    });
    const strip = (await lab.page.evaluate(`(() => {
  const q = (s) => [...document.querySelectorAll(${JSON.stringify(root)} + " .tsnwb-recording " + s)];
  return {
    panels: q(".tsnwb-recording-panel").map((p) => p.dataset.panel).sort(),
    spikes: q(".tsnwb-recording-strip .tsnwb-spike").map((c) => Number(c.dataset.time)),
    // a marker holds one event, or several too close to tell apart
    events: ${stripEventsJs(`${root} .tsnwb-recording`)},
    missing: q(".tsnwb-missing li").map((li) => li.textContent),
  };
})()`)) as { panels: string[]; spikes: number[]; events: number[][]; missing: string[] };
    assert.deepEqual(strip.panels, ["dff", "movie", "raster", "voltage"]);
    assert.deepEqual(strip.missing, [], "nothing reported missing");
    assert.deepEqual(
      [...strip.spikes].sort((a, b) => a - b),
      ref.spikes,
      "a tick per unit spike time",
    );
    assert.deepEqual(
      strip.events,
      ref.events.map(([t, , n]) => [t, n]),
      "an isolated-event marker per numpy event (onset, AP count)",
    );
    assert.ok(
      new Set(ref.events.map(([, , n]) => Math.min(n, 3))).size === 3,
      "events of every AP class",
    );
    const made = await lab.execute(
      notebook,
      `[await nwb.nwbWidget(file), rec].map((m) => m instanceof nwb.RecordingModel).join(",")`,
    );
    assert.equal(made.replace(/'/g, ""), "true,true", "nwbWidget(file) is a RecordingModel too");
    await lab.screenshot("dashboard-light");
  });

  it("next spike (button) and the next 2-AP event (keys 2 then ]) move every panel's cursor to h5py's time, the movie to numpy's frame; the event panel shows numpy's AP count and peak ΔF/F", async function () {
    await lab.page.locator(`${root} .tsnwb-next-spike`).click();
    await allAt(ref.spikes[0]!);
    await lab.page.locator(`${root} .tsnwb-next-spike`).click();
    await allAt(ref.spikes[1]!);
    await lab.page.locator(`${root} .tsnwb-prev-spike`).click();
    await allAt(ref.spikes[0]!);
    await press("2", "]");
    const twos = ref.events.filter(([t, , n]) => n === 2 && t > ref.spikes[0]!);
    assert.ok(twos.length >= 2, "the file has 2-AP events to step through");
    const v = await allAt(twos[0]![0]);
    const i = ref.events.indexOf(twos[0]!);
    assert.equal(v.apCount, "2");
    assert.ok(
      Math.abs(Number(v.peakDff) - ref.peak[i]!) <= 1e-9 * Math.max(1, Math.abs(ref.peak[i]!)),
      `peak ΔF/F ${v.peakDff} vs numpy ${ref.peak[i]}`,
    );
    await press("]");
    await allAt(twos[1]![0]);
    await press("[");
    await allAt(twos[0]![0]);
    await press("j");
    await allAt(ref.spikes.find((t) => t > twos[0]![0])!);
    await press("k");
    await allAt(twos[0]![0]);
    const k = await waitFor(
      async () => {
        const text = await lab.execute(
          notebook,
          `JSON.stringify([rec.link.get("cursor"), rec.get("cursor")])`,
        );
        const c = JSON.parse(text.replace(/^'(.*)'$/s, "$1")) as number[];
        return c.every((x) => x === twos[0]![0]) ? c : undefined;
      },
      SETTLE_MS,
      "the kernel's link and dashboard at the event",
    );
    assert.deepEqual(k, [twos[0]![0], twos[0]![0]]);
  });

  it("z zooms every panel to the event's window; the ΔF/F panel then draws every sample h5py has in it", async function () {
    const onset = Number((await shown()).dashboard);
    const event = ref.events.find(([t]) => t === onset)!;
    const [before, after] = JSON.parse(
      (await lab.execute(notebook, `JSON.stringify(rec.get("eventWindow"))`)).replace(
        /^'(.*)'$/s,
        "$1",
      ),
    ) as [number, number];
    await press("z");
    const want = [event[0] - before, event[1] + after];
    const v = await waitFor(
      async () => {
        const s = await shown();
        const zoomed = s.domain.every((x, j) => Math.abs(x - want[j]!) < 1e-9 * Math.max(1, x));
        return zoomed && s.dffLane?.decimated === "false" ? s : undefined;
      },
      SETTLE_MS,
      `the ΔF/F panel at ${want} with the kernel's samples`,
    );
    const inside = dffTimes.filter((t) => t >= want[0]! && t <= want[1]!).length;
    assert.ok(
      inside > 0 && v.dffLane!.points >= inside && v.dffLane!.points <= inside + 2,
      `ΔF/F: ${v.dffLane!.points} points drawn for the ${inside} samples h5py has in ${want}`,
    );
    await lab.screenshot("dashboard-event-zoomed");
  });

  it("dark theme: the dashboard's text and marks stand out from the background (WCAG)", async function () {
    await lab.setTheme("JupyterLab Dark");
    try {
      const measured = (await lab.page.evaluate(`(() => {
  const el = document.querySelector(${JSON.stringify(root)} + " .tsnwb-recording");
  // the background a text is drawn on: its own (a toggled button has one) or its nearest ancestor's
  const backgroundOf = (e) => {
    for (let a = e; a; a = a.parentElement) {
      const c = a instanceof HTMLElement ? getComputedStyle(a).backgroundColor : "transparent";
      if (c !== "rgba(0, 0, 0, 0)" && c !== "transparent") return c;
    }
    return "rgba(0, 0, 0, 0)";
  };
  const bg = backgroundOf(el);
  const seen = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const texts = [...el.querySelectorAll(".tsnwb-recording-nav button, .tsnwb-recording-nav label, .tsnwb-event-panel, .tsnwb-spike-source, .tsnwb-title, .tsnwb-frame-label, svg text")]
    .filter((e) => seen(e) && e.textContent.trim())
    .map((e) => ({ what: (e.getAttribute("class") || e.tagName) + " " + e.textContent.trim().slice(0, 20), colour: e.tagName === "text" ? getComputedStyle(e).fill : getComputedStyle(e).color, bg: e.tagName === "text" ? bg : backgroundOf(e) }));
  const marks = [...el.querySelectorAll(".tsnwb-recording-strip .tsnwb-spike, .tsnwb-cursor-line, .tsnwb-spike-ticks")].filter(seen)
    .map((e) => ({ what: e.getAttribute("class"), colour: getComputedStyle(e).stroke }));
  return { bg, texts, marks };
})()`)) as {
        bg: string;
        texts: Array<{ what: string; colour: string; bg: string }>;
        marks: Array<{ what: string; colour: string }>;
      };
      assert.equal(await lab.page.evaluate(() => document.body.dataset.jpThemeLight), "false");
      assert.ok(measured.texts.length > 0 && measured.marks.length > 0, "text and marks found");
      const bad = [
        ...measured.texts
          .filter((t) => contrastRatio(t.colour, t.bg) < 4.5)
          .map((t) => `${t.what}: ${t.colour} on ${t.bg}`),
        ...measured.marks
          .filter((m) => m.colour !== "none" && contrastRatio(m.colour, measured.bg) < 3)
          .map((m) => `${m.what}: ${m.colour}`),
      ];
      assert.deepEqual(bad, [], `colours below the WCAG contrast on ${measured.bg}`);
      await lab.screenshot("dashboard-dark");
    } finally {
      await lab.setTheme("JupyterLab Light");
    }
  });

  it("saved with widget state and reopened with the kernel shut down, next spike and next event still move every panel", async function () {
    this.timeout(300_000);
    savedCursor = Number((await shown()).dashboard);
    await lab.save(notebook);
    await lab.closeNotebook(notebook); // shuts its kernel down
    await lab.load();
    // (the widget manager restores saved state once a kernel session is ready: a fresh kernel,
    // holding none of these models, shut down before anything is checked; it is idle before the
    // notebook opens, as linked-time-specs.ts explains)
    await lab.startSession(notebook, ctx.kernel().name);
    await lab.openNotebook(notebook);
    await lab.activate(notebook);
    root = await lab.panelSelector(notebook);
    await lab.page.locator(`${root} .jp-OutputArea-output`).last().scrollIntoViewIfNeeded();
    await waitFor(
      async () => ((await shown()).linked === "true" ? true : undefined),
      60_000,
      "the saved dashboard, linked",
    );
    await lab.shutdownKernel(notebook);
    assert.equal(await lab.kernelId(notebook), null, "the notebook has no kernel");
    await allAt(savedCursor);
    await lab.page.locator(`${root} .tsnwb-next-spike`).click();
    const spike = ref.spikes.find((t) => t > savedCursor)!;
    await allAt(spike);
    const next3 = ref.events.find(([t, , n]) => n >= 3 && t > spike);
    assert.ok(next3, `a 3+-AP event after ${spike} s`);
    await press("3", "]");
    await allAt(next3[0]);
    await lab.screenshot("dashboard-saved-no-kernel");
  });
}

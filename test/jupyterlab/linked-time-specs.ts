// Linked time in JupyterLab: a notebook opens a recording, shows a TraceView (ΔF/F), a RasterView
// of the units, a MovieView of the two-photon movie, a RoiView (it joins through the TraceView
// showing its selection), a CouplingView and an AlignedView of ΔF/F around the unit's spikes, and
// joins them with `nwb.linkTime`. Then, with the kernel: the cursor moved in each member moves
// every other member (the movie to the frame h5py's timestamps put at the cursor; a heat-map row
// click to h5py's spike time, with the rows at the cursor outlined), a zoom in one moves the
// others' window, playing the movie moves the cursor frame by frame, the dark theme keeps the
// linked views legible; saved with widget state and reopened with the kernel shut down, the link
// still moves the members and the movie says which frame needs the kernel; last, `unlink()` frees
// them. Members are described in harness/linked-members.ts: every check runs over every member
// (or pair) listed there.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "../support/net.js";
import { contrastRatio } from "./harness/contrast.js";
import {
  frameReference,
  frameTimesReference,
  spikeTimesReference,
} from "./harness/h5py-reference.js";
import type { NotebookKernel } from "./harness/kernels.js";
import { type LabPage, notebookJson } from "./harness/lab-page.js";
import {
  frameAtTime,
  type LinkedMember,
  linkedMembers,
  type LinkReference,
  type MemberShown,
  alignedMember,
  couplingMember,
  rasterMember,
  readMembers,
  traceMember,
} from "./harness/linked-members.js";
import type { LabServer } from "./harness/server.js";
import { screenshotFailures, skipWithoutViews } from "./harness/spec-hooks.js";
import { timings } from "./harness/timings.js";
import { openRecordingCell, pearson, recording } from "./widget-specs.js";

export interface LinkedTimeSuiteContext {
  /** the JupyterLab page, opened if no earlier test did */
  lab(): Promise<LabPage>;
  server(): LabServer;
  kernel(): NotebookKernel;
  sourceExtensions(): string[];
}

const notebook = "linked-time.ipynb";
/** The movie frame the cursor is on when the notebook is saved. */
const SAVED_FRAME = 200;
const MOVIE = "/acquisition/TwoPhotonSeries_green";
/** How long the page and the kernel may take to agree (bounds a hang; asserts nothing). */
const SETTLE_MS = 30_000;

type Shown = Record<string, MemberShown>;

/** One model in a notebook's saved widget state (binary fields as base64 buffers). */
interface SavedModel {
  model_name: string;
  state: Record<string, unknown>;
  buffers?: Array<{ path: (string | number)[]; data: string; encoding: string }>;
}

/** The Uint32 buffer saved at `path` of a model (little-endian, as the page's typed arrays). */
function savedUint32(model: SavedModel, path: string[]): number[] {
  const buffer = model.buffers?.find((b) => b.path.join("/") === path.join("/"));
  if (!buffer) throw new Error(`no saved buffer ${path.join("/")} in ${model.model_name}`);
  const bytes = Buffer.from(buffer.data, "base64");
  return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readUInt32LE(i * 4));
}

interface KernelLink {
  link: { cursor: number | null; window: [number, number] | null; members: number };
  [member: string]: Record<string, unknown>;
}

function notebookCells(members: LinkedMember[]): string[] {
  return [
    openRecordingCell(),
    ...members.map((m) => m.cell),
    `const link = nwb.linkTime(${members.map((m) => m.variable).join(", ")});\nlink`,
  ];
}

function kernelQuery(members: LinkedMember[]): string {
  const parts = members.map((m) => `${m.kind}: ${m.kernelJs}`);
  return `JSON.stringify({ link: { cursor: link.get("cursor"), window: link.get("window"), members: link.get("members").length }, ${parts.join(", ")} })`;
}

/** Windows equal up to float noise of a zoom transform (relative 1e-9 of the span). */
function sameWindow(a: [number, number] | null, b: [number, number] | null): boolean {
  if (!a || !b) return false;
  const tol = Math.abs(b[1] - b[0]) * 1e-9;
  return Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol;
}

const windowOf = (s: MemberShown): [number, number] | null =>
  s.window ? (s.window.split(",").map(Number) as [number, number]) : null;

/** Luminance of the pixels the MovieView has drawn, row-major. */
function movieLuminance(lab: LabPage, root: string): Promise<number[]> {
  return lab.page.evaluate(
    `(() => { const c = document.querySelector(${JSON.stringify(`${root} .tsnwb-movie canvas.tsnwb-image`)});
  const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data; const out = [];
  for (let i = 0; i < px.length; i += 4) out.push(0.2126 * px[i] + 0.7152 * px[i + 1] + 0.0722 * px[i + 2]);
  return out; })()`,
  ) as Promise<number[]>;
}

export function linkedTimeSpecs(ctx: LinkedTimeSuiteContext): void {
  const members = linkedMembers;
  const withWindow = members.filter((m) => m.zoom);
  const byKind = (kind: string) => members.find((m) => m.kind === kind)!;
  let lab: LabPage;
  let root: string;
  let ref: LinkReference;
  let frameTimes: number[];
  /** the last frame's time plus one frame period: past it the movie has no frame */
  let movieEnd: number;
  let savedCursor: number;
  /** the movie frames saved as previews with the notebook */
  let previewIndices: number[];
  /** console errors logged before this block (earlier blocks share the page) */
  let errorsBefore = 0;
  const newConsoleErrors = () => lab.consoleErrors.slice(errorsBefore);

  /** The members not drawn in `v` (JupyterLab renders an output only near the viewport). */
  const undrawn = (v: Record<string, MemberShown | null>) =>
    members.filter((m) => !v[m.kind]).map((m) => m.kind);

  async function shown(): Promise<Shown> {
    const v = await readMembers(lab, root, members);
    const missing = undrawn(v);
    if (missing.length) throw new Error(`not drawn: the ${missing.join(", ")} view(s)`);
    return v as Shown;
  }

  /** Polls what the members show until every member is drawn and `ok` holds; returns it. A
   *  member not drawn yet is scrolled to: a reopened notebook renders its outputs as they come
   *  near the viewport, and the fold moves as the outputs above it are drawn. */
  async function until(ok: (v: Shown) => boolean, what: string): Promise<Shown> {
    let missing: string[] = [];
    try {
      return await waitFor(
        async () => {
          const v = await readMembers(lab, root, members);
          missing = undrawn(v);
          if (missing.length) {
            await showOutputs();
            return undefined;
          }
          return ok(v as Shown) ? (v as Shown) : undefined;
        },
        SETTLE_MS,
        what,
      );
    } catch (e) {
      if (!missing.length) throw e;
      throw new Error(`${(e as Error).message}; never drawn: the ${missing.join(", ")} view(s)`, {
        cause: e,
      });
    }
  }

  async function kernelLink(): Promise<KernelLink> {
    const text = await lab.execute(notebook, kernelQuery(members));
    return JSON.parse(text.trim().replace(/^'(.*)'$/s, "$1")) as KernelLink;
  }

  /** Polls the kernel's models until `ok` holds (the page sends changes after a gesture settles). */
  async function kernelUntil(ok: (k: KernelLink) => boolean, what: string): Promise<KernelLink> {
    let last: KernelLink | undefined;
    try {
      return await waitFor(
        async () => {
          last = await kernelLink();
          return ok(last) ? last : undefined;
        },
        SETTLE_MS,
        what,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}; the kernel has ${JSON.stringify(last)}`, {
        cause: e,
      });
    }
  }

  /** Scrolls this notebook's outputs into view (JupyterLab draws them near the viewport only). */
  const showOutputs = () => lab.revealOutputs(root);

  /** The movie frame h5py's timestamps put at time t, or -1 outside the movie. */
  const numpyFrame = (t: number) =>
    t < frameTimes[0]! || t >= movieEnd ? -1 : frameAtTime(frameTimes, t);

  /** Every member shows the same cursor, the movie the frame at it, and each heat map outlines
   *  the rows whose event (h5py's spike time) is at it (to the views' float tolerance). */
  function assertOneCursor(v: Shown, t: number): void {
    for (const m of members)
      assert.equal(v[m.kind]!.cursor, String(t), `the ${m.kind}'s cursor: ${JSON.stringify(v)}`);
    assert.equal(Number(v.movie!.extra!.cursorFrame), numpyFrame(t), "the movie's frame at t");
    const atCursor = (event: number) =>
      Math.abs(ref.spikeTimes[event]! - t) <= 1e-9 * Math.max(1, Math.abs(t));
    for (const m of members.filter((m) => v[m.kind]!.extra?.rowEvents !== undefined)) {
      const events = v[m.kind]!.extra!.rowEvents!.split(",").map(Number);
      assert.ok(events.length > 1, `the ${m.kind}'s heat map names its rows' events`);
      assert.equal(
        Number(v[m.kind]!.extra!.outlined),
        events.filter(atCursor).length,
        `the ${m.kind}'s rows outlined at the cursor ${t}`,
      );
    }
  }

  screenshotFailures(() => lab);

  before(async function () {
    this.timeout(300_000);
    skipWithoutViews(this, ctx.kernel(), ctx.sourceExtensions());
    frameTimes = frameTimesReference(recording, MOVIE);
    movieEnd = frameTimes.at(-1)! + (frameTimes.at(-1)! - frameTimes[0]!) / (frameTimes.length - 1);
    ref = { frameTimes, spikeTimes: spikeTimesReference(recording, 0) };
    lab = await ctx.lab();
    errorsBefore = lab.consoleErrors.length;
    writeFileSync(
      join(ctx.server().rootDir, notebook),
      notebookJson(ctx.kernel(), notebookCells(members)),
    );
    timings.record("open linked-time notebook until kernel idle", await lab.openNotebook(notebook));
    const run = await lab.runAll(notebook);
    timings.record("run all cells (linked-time notebook)", run.ms);
    assert.equal(run.ok, true, "Run All reported a failed cell");
    root = await lab.panelSelector(notebook);
    await showOutputs();
    await until(
      (v) => members.every((m) => v[m.kind]!.linked === "true"),
      "every member view drawn and linked",
    );
  });

  after(async function () {
    if (lab) await lab.closeNotebook(notebook);
  });

  it("links the members: each view says it is linked, the kernel's link lists them all", async function () {
    const k = await kernelLink();
    assert.equal(k.link.members, members.length);
    const line = await lab.page.locator(`${root} .tsnwb-time-link-line`).textContent();
    assert.match(line ?? "", new RegExp(`^time link of ${members.length} views`));
    assert.deepEqual(newConsoleErrors(), []);
  });

  // (no nested describe blocks: mocha would run them after every test of this block)
  // Distinct cursor times inside the movie (so its frame is checked too), one per member.
  const targets = [0.23, 0.61, 0.87, 0.42, 0.75, 0.34];
  for (const [i, member] of members.filter((m) => m.moveCursor).entries()) {
    const kind = member.kind;
    it(`moving the cursor in the ${kind} moves every member's cursor there (the movie to h5py's frame at it), and the kernel's`, async function () {
      const t0 = frameTimes[0]! + targets[i % targets.length]! * (movieEnd - frameTimes[0]!);
      const before = await shown();
      const target = await member.moveCursor!(lab, root, t0, ref);
      const v = await until(
        (s) =>
          s[kind]!.cursor !== before[kind]!.cursor &&
          members.every((m) => s[m.kind]!.cursor === s[kind]!.cursor) &&
          s.movie!.extra!.frame === s.movie!.extra!.cursorFrame,
        `every cursor to follow the ${kind}`,
      );
      const t = Number(v[kind]!.cursor);
      assert.ok(
        Math.abs(t - target.expected) <= target.tolerance,
        `cursor ${t} where the gesture put it (${target.expected} ± ${target.tolerance})`,
      );
      assertOneCursor(v, t);
      assert.equal(v.movie!.extra!.frameHidden, "false", "the movie shows the frame");
      assert.match(
        v.movie!.extra!.label,
        new RegExp(`frame ${numpyFrame(t) + 1} / ${frameTimes.length}`),
      );
      const k = await kernelUntil((k) => k.link.cursor === t, "the kernel's link cursor");
      for (const m of members) assert.equal(k[m.kind]!.cursor, t, `the kernel's ${m.kind} cursor`);
      assert.equal(k.movie!.frame, numpyFrame(t), "the kernel's movie frame");
    });
  }

  it("a cursor past the movie's last frame: the movie hides its frame and says what it covers", async function () {
    const [d0, d1] = windowOf((await shown()).trace!)!;
    assert.ok(d1 > movieEnd + 1, `the trace runs past the movie (${d0}–${d1} s)`);
    await traceMember.moveCursor!(lab, root, (movieEnd + d1) / 2, ref);
    const v = await until((s) => s.movie!.extra!.frameHidden === "true", "the movie to hide");
    const t = Number(v.trace!.cursor);
    assertOneCursor(v, t);
    assert.equal(v.movie!.extra!.cursorFrame, "-1");
    assert.match(v.movie!.note, /^no frame at the cursor \(.* s\): this movie covers .*–.* s$/);
    await lab.screenshot("linked-cursor-past-movie");
  });

  for (const [i, member] of withWindow.entries()) {
    const kind = member.kind;
    // alternately in and out, so the window stays wide enough for the next member
    const zoomIn = i % 2 === 0;
    it(`zooming ${zoomIn ? "in" : "out"} in the ${kind} moves every member's window, and the kernel's`, async function () {
      const before = await shown();
      const spanBefore = windowOf(before[kind]!)!;
      await member.zoom!(lab, root, zoomIn ? -600 : 400);
      const v = await until(
        (s) =>
          s[kind]!.window !== before[kind]!.window &&
          withWindow.every((m) => sameWindow(windowOf(s[m.kind]!), windowOf(s[kind]!))),
        `every window to follow the ${kind}`,
      );
      const w = windowOf(v[kind]!)!;
      const [span, was] = [w[1] - w[0], spanBefore[1] - spanBefore[0]];
      assert.ok(zoomIn ? span < was * 0.9 : span > was * 1.1, `zoomed: ${was} s → ${span} s`);
      const k = await kernelUntil((k) => sameWindow(k.link.window, w), "the kernel's window");
      for (const m of withWindow)
        assert.ok(
          sameWindow(k[m.kind]!.window as [number, number], w),
          `the kernel's ${m.kind} window ${JSON.stringify(k[m.kind])} vs ${w}`,
        );
    });
  }

  it("pressing play on the movie moves every cursor frame by frame to the frame's time (h5py), and pause leaves the kernel there", async function () {
    const movie = byKind("movie");
    // start early in the movie so playback runs forward (at the end it wraps to frame 1)
    await movie.moveCursor!(lab, root, frameTimes[100]!, ref);
    await until((s) => s.movie!.extra!.frame === "100", "the movie at frame 101");
    const play = lab.page.locator(`${root} .tsnwb-movie button.tsnwb-play`);
    await play.scrollIntoViewIfNeeded();
    await play.click();
    const seen: number[] = [];
    for (let n = 0; n < 5; n++) {
      const last = seen.at(-1) ?? 100;
      const v = await until((s) => Number(s.movie!.extra!.frame) > last, "the next frame");
      const frame = Number(v.movie!.extra!.frame);
      // one snapshot of the page: the frame drawn and every cursor at that moment
      assertOneCursor(v, frameTimes[frame]!);
      seen.push(frame);
    }
    await play.click();
    await lab.page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes("Play"),
      `${root} .tsnwb-movie button.tsnwb-play`,
    );
    const paused = await shown();
    const frame = Number(paused.movie!.extra!.frame);
    assert.ok(frame >= seen.at(-1)!, `paused at frame ${frame} after ${seen}`);
    assertOneCursor(paused, frameTimes[frame]!);
    const k = await kernelUntil(
      (k) => k.link.cursor === frameTimes[frame] && k.movie!.frame === frame,
      "the kernel at the paused frame",
    );
    assert.equal(k.trace!.cursor, frameTimes[frame]);
    await lab.screenshot("linked-movie-paused");
  });

  it("dark theme: the linked views' text, cursor line and spike ticks stand out from the background (WCAG)", async function () {
    // the cursor in every time axis' window, so its line is drawn
    const [d0, d1] = windowOf((await shown()).trace!)!;
    await traceMember.moveCursor!(lab, root, d0 + (d1 - d0) * 0.5, ref);
    await lab.setTheme("JupyterLab Dark");
    try {
      const colours = await lab.page.evaluate(
        `(() => [...document.querySelectorAll(${JSON.stringify(members.map((m) => `${root} ${m.selector}`).join(", "))})].map((el) => {
  let bg = "rgba(0, 0, 0, 0)";
  for (let a = el; a; a = a.parentElement) {
    const c = getComputedStyle(a).backgroundColor;
    if (c !== "rgba(0, 0, 0, 0)" && c !== "transparent") { bg = c; break; }
  }
  const seen = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const texts = [...el.querySelectorAll("svg text")].filter((e) => seen(e) && e.textContent.trim()).map((e) => ({ what: "svg text " + e.textContent.trim().slice(0, 20), colour: getComputedStyle(e).fill }))
    .concat([...el.querySelectorAll(".tsnwb-title, .tsnwb-frame-label, .tsnwb-status, .tsnwb-toolbar label")].filter((e) => seen(e) && e.textContent.trim()).map((e) => ({ what: e.className + " " + e.textContent.trim().slice(0, 20), colour: getComputedStyle(e).color })));
  const marks = [...el.querySelectorAll(".tsnwb-cursor-line, .tsnwb-spike-ticks")].filter(seen).map((e) => ({ what: e.getAttribute("class"), colour: getComputedStyle(e).stroke }));
  return { kind: el.className, bg, texts, marks };
}))()`,
      );
      const views = colours as Array<{
        kind: string;
        bg: string;
        texts: Array<{ what: string; colour: string }>;
        marks: Array<{ what: string; colour: string }>;
      }>;
      assert.equal(views.length, members.length, "every member measured");
      assert.equal(await lab.page.evaluate(() => document.body.dataset.jpThemeLight), "false");
      const bad: string[] = [];
      const lowest: string[] = [];
      let cursorLines = 0;
      for (const v of views) {
        assert.ok(v.texts.length > 0, `${v.kind}: text found`);
        // WCAG 1.4.3: text 4.5:1; 1.4.11: graphical marks needed to read the figure 3:1
        const textRatios = v.texts.map((t) => contrastRatio(t.colour, v.bg));
        const markRatios = v.marks.map((m) => contrastRatio(m.colour, v.bg));
        v.texts.forEach((t, i) => {
          if (textRatios[i]! < 4.5)
            bad.push(`${v.kind}: ${t.what}: ${t.colour} on ${v.bg} = ${textRatios[i]!.toFixed(2)}`);
        });
        v.marks.forEach((m, i) => {
          if (m.what.includes("cursor")) cursorLines++;
          if (markRatios[i]! < 3)
            bad.push(`${v.kind}: ${m.what}: ${m.colour} on ${v.bg} = ${markRatios[i]!.toFixed(2)}`);
        });
        const low = (r: number[]) => (r.length ? Math.min(...r).toFixed(2) : "—");
        lowest.push(
          `${v.kind.split(" ").at(-1)}: text ≥ ${low(textRatios)} (${v.texts.length}), marks ≥ ${low(markRatios)} (${v.marks.length})`,
        );
      }
      console.log(`      dark-theme contrast on ${views[0]!.bg}: ${lowest.join("; ")}`);
      assert.equal(cursorLines, withWindow.length, "a cursor line in each time axis");
      assert.deepEqual(bad, [], "colours below the WCAG contrast");
      await lab.screenshot("linked-dark");
    } finally {
      await lab.setTheme("JupyterLab Light");
    }
  });

  it("saves the notebook with the link, its members, the window and the cursor in the widget state", async function () {
    // the whole recording in view, and the cursor on a movie frame (saved with its pixels)
    await lab.page.locator(`${root} ${traceMember.selector} .tsnwb-reset`).click();
    const full = await until(
      (s) =>
        withWindow.every((m) => sameWindow(windowOf(s[m.kind]!), windowOf(s.trace!))) &&
        s.trace!.window !== null,
      "every window at the trace's whole recording",
    );
    // Zooming out when the whole recording is shown leaves it whole: the units span less time
    // than the trace's recording, and the raster once narrowed the shared window to their span.
    // (The raster handles a wheel event synchronously: its window has moved once it returns.)
    await rasterMember.zoom!(lab, root, 400);
    const out = await shown();
    for (const m of withWindow)
      assert.ok(
        sameWindow(windowOf(out[m.kind]!), windowOf(full.trace!)),
        `the ${m.kind}'s window ${out[m.kind]!.window} after zooming out from ${full.trace!.window}`,
      );
    await byKind("movie").moveCursor!(lab, root, frameTimes[SAVED_FRAME]!, ref);
    savedCursor = frameTimes[SAVED_FRAME]!;
    await until((s) => s.movie!.extra!.frame === String(SAVED_FRAME), "the movie at the frame");
    const fullWindow = windowOf(full.trace!)!;
    await kernelUntil(
      (k) =>
        k.link.cursor === savedCursor &&
        k.movie!.frame === SAVED_FRAME &&
        sameWindow(k.link.window, fullWindow),
      "the kernel at the cursor and window shown",
    );
    await lab.save(notebook);
    const saved = JSON.parse(readFileSync(join(ctx.server().rootDir, notebook), "utf8"));
    const state = (saved.metadata?.widgets?.["application/vnd.jupyter.widget-state+json"]?.state ??
      {}) as Record<string, SavedModel>;
    const links = Object.entries(state).filter(([, m]) => m.model_name === "TimeLinkModel");
    assert.equal(links.length, 1, "one link model saved");
    const [linkId, link] = links[0]!;
    const memberIds = (link.state.members as string[]).map((r) => r.replace(/^IPY_MODEL_/, ""));
    assert.equal(memberIds.length, members.length);
    for (const id of memberIds) {
      assert.equal(
        state[id]?.state.timeLink,
        `IPY_MODEL_${linkId}`,
        `member ${id} refers to the link`,
      );
      assert.equal(state[id]?.state.cursor, savedCursor, `member ${id}'s saved cursor`);
    }
    assert.equal(link.state.cursor, savedCursor);
    // the movie keeps a bounded set of preview frames for pages with no kernel: evenly spaced
    // frame indices, round(k·(N−1)/(n−1)) for n = min(120, N) of the movie's N frames
    const movieModel = memberIds
      .map((id) => state[id]!)
      .find((m) => m.model_name === "MovieModel")!;
    previewIndices = savedUint32(movieModel, ["previewFrames", "indices"]);
    const n = Math.min(120, frameTimes.length);
    assert.deepEqual(
      previewIndices,
      Array.from({ length: n }, (_, k) => Math.round((k * (frameTimes.length - 1)) / (n - 1))),
    );
  });

  it("reopened with the kernel shut down, the saved link still moves the members (clicks, zoom, heat-map rows); the movie shows the saved preview frame nearest the cursor (h5py's pixels) and says the full movie needs the kernel", async function () {
    const oldKernel = await lab.kernelId(notebook);
    await lab.closeNotebook(notebook); // shuts its kernel down
    // (a fresh /lab?reset: a plain reload would restore the workspace, other notebooks included)
    timings.record("page load /lab?reset (linked-time, no kernel)", await lab.load());
    // JupyterLab's widget manager restores saved widgets only once a kernel session is ready (its
    // restoreWidgets asks the kernel first), so the notebook opens on a fresh kernel, which holds
    // none of these models, and that kernel is shut down before anything is checked. The kernel is
    // started, and idle, before the notebook opens: while a kernel is still starting, an output
    // that @jupyter-widgets/jupyterlab-manager 5.0.16 cannot find a model for within 2 s, just as
    // its restore from the kernel alone completes, says "model not found" for good and is never
    // retried (an upstream race a slow machine hits; the model arrives a moment later).
    await lab.startSession(notebook, ctx.kernel().name);
    await lab.openNotebook(notebook);
    await lab.activate(notebook);
    root = await lab.panelSelector(notebook);
    await showOutputs();
    await until(
      (s) => members.every((m) => s[m.kind]!.linked === "true"),
      "the saved views, linked",
    );
    await lab.shutdownKernel(notebook);
    assert.equal(await lab.kernelId(notebook), null, "the notebook has no kernel");
    assert.ok(!(await lab.runningKernelIds()).includes(oldKernel!), "the old kernel is gone");

    const before = await until((s) => s.movie!.extra!.frame !== "", "the saved movie frame");
    assertOneCursor(before, savedCursor);
    const savedFrame = numpyFrame(savedCursor);
    assert.equal(before.movie!.extra!.frame, String(savedFrame), "the saved frame is drawn");
    assert.equal(before.movie!.extra!.frameHidden, "false");
    const pixels = await movieLuminance(lab, root);
    const r = pearson(pixels, frameReference(recording, savedFrame));
    assert.ok(
      r > 0.95,
      `the saved frame as drawn follows h5py's frame ${savedFrame} (r = ${r.toFixed(4)})`,
    );
    assert.match(
      before.movie!.extra!.status,
      new RegExp(
        `^Saved view \\(no kernel\\): ${previewIndices.length} preview frames \\(\\d+×\\d+, 8-bit\\) follow the linked cursor; the full movie needs the kernel\\.$`,
      ),
    );

    // a click in the trace moves the raster's cursor, and the movie to the preview frame nearest it
    const t0 = frameTimes[0]! + 0.5 * (movieEnd - frameTimes[0]!);
    const target = await traceMember.moveCursor!(lab, root, t0, ref);
    const v = await until(
      (s) => s.trace!.cursor !== String(savedCursor) && s.movie!.extra!.previewFrame !== "",
      "the members to follow the trace",
    );
    const t = Number(v.trace!.cursor);
    assert.ok(
      Math.abs(t - target.expected) <= target.tolerance,
      `cursor ${t} where the click put it (${target.expected} ± ${target.tolerance})`,
    );
    assertOneCursor(v, t);
    const gap = (i: number) => Math.abs(frameTimes[i]! - t);
    const nearest = previewIndices.reduce((best, i) => (gap(i) < gap(best) ? i : best));
    assert.equal(v.movie!.extra!.previewFrame, String(nearest), "the preview nearest the cursor");
    assert.equal(v.movie!.extra!.frame, String(nearest));
    assert.equal(v.movie!.extra!.frameHidden, "false");
    const preview = pearson(await movieLuminance(lab, root), frameReference(recording, nearest));
    assert.ok(
      preview > 0.95,
      `preview ${nearest} follows h5py's frame (r = ${preview.toFixed(4)})`,
    );
    assert.match(
      v.movie!.note,
      nearest === numpyFrame(t)
        ? /^$/
        : new RegExp(
            `^preview frame at t=[^ ]+ s \\(frame ${nearest + 1}, nearest to the cursor at [^ ]+ s\\); the full movie needs the kernel$`,
          ),
    );

    // the raster moves the others' cursor too, and its zoom every window
    const [r0, r1] = windowOf(v.raster!)!;
    await rasterMember.moveCursor!(lab, root, r0 + (r1 - r0) * 0.7, ref);
    const rv = await until((s) => s.raster!.cursor !== String(t), "the trace to follow the raster");
    assertOneCursor(rv, Number(rv.raster!.cursor));
    const w0 = windowOf(rv.trace!)!;
    await rasterMember.zoom!(lab, root, -500);
    const z = await until(
      (s) =>
        !sameWindow(windowOf(s.trace!), w0) &&
        withWindow.every((m) => sameWindow(windowOf(s[m.kind]!), windowOf(s.raster!))),
      "every window to follow the raster's zoom",
    );
    const w = windowOf(z.trace!)!;
    assert.ok(w[1] - w[0] < w0[1] - w0[0], "zoomed in");

    // a heat-map row click (coupling's events, aligned's trials) moves every cursor to its spike
    for (const [i, m] of [couplingMember, alignedMember].entries()) {
      const was = (await shown()).trace!.cursor;
      const at = frameTimes[0]! + (0.3 + 0.4 * i) * (movieEnd - frameTimes[0]!);
      const row = await m.moveCursor!(lab, root, at, ref);
      const hv = await until(
        (s) =>
          s.trace!.cursor !== was && members.every((x) => s[x.kind]!.cursor === s.trace!.cursor),
        `every cursor to follow a row of the ${m.kind}`,
      );
      assert.equal(Number(hv[m.kind]!.cursor), row.expected, `h5py's spike time of the row`);
      assertOneCursor(hv, row.expected);
    }
    await lab.screenshot("linked-saved-no-kernel");
  });

  it("unlink() frees the members: no cursor, a zoom moves one view only, the movie plays alone", async function () {
    this.timeout(300_000);
    // a new kernel runs the notebook again: live views, linked
    await lab.startKernel(notebook, ctx.kernel().name);
    assert.equal((await lab.runAll(notebook)).ok, true);
    await showOutputs();
    await until((s) => members.every((m) => s[m.kind]!.linked === "true"), "live views, linked");
    await lab.execute(notebook, "link.unlink()");
    const before = await until(
      (s) => members.every((m) => s[m.kind]!.linked === "false"),
      "every member unlinked",
    );
    for (const m of members)
      assert.equal(before[m.kind]!.cursor, "", `the ${m.kind} has no cursor`);
    const k = await kernelLink();
    assert.equal(k.link.members, 0);
    // a zoom in one view (drawn, so the page has handled it) leaves the others' windows alone
    await rasterMember.zoom!(lab, root, -400);
    const after = await until(
      (s) => s.raster!.window !== before.raster!.window,
      "the raster zoomed",
    );
    assert.equal(after.trace!.window, before.trace!.window, "the trace's window did not move");
    // playing the movie moves no cursor
    const play = lab.page.locator(`${root} .tsnwb-movie button.tsnwb-play`);
    const f0 = Number(after.movie!.extra!.frame);
    await play.click();
    const playing = await until(
      (s) => Number(s.movie!.extra!.frame) >= f0 + 3,
      "the movie playing",
    );
    await play.click();
    for (const m of members)
      assert.equal(playing[m.kind]!.cursor, "", `the ${m.kind} has no cursor`);
    assert.deepEqual(newConsoleErrors(), []);
  });
}

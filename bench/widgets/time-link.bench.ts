// Linked time in Chromium, through the real stack (tsnwb kernel, jupyter server, Chromium), on a
// synthetic 512×512 movie written by our NWB writer (the bundled movies are 24–32 px) with three
// traces on its clock:
//  (a) a click in one TraceView moves the cursor of 4 linked views (3 traces + the movie): time
//      from the click to every view showing the new cursor (DOM updated, in the page's clock), to
//      the next painted frame, and to the movie's new frame arriving from the kernel; p50/p95
//      (goal p50 ≤ 16 ms, one frame);
//  (b) movie playback at 512×512 with the 3 traces linked (their cursors follow every frame):
//      frames painted per second, with the same movie unlinked in the same run as the reference
//      (goal ≥ 30 frames/s).
// Run after `npm run build`: npx tsx bench/widgets/time-link.bench.ts [--quick]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeSession, liveSession } from "../../test/browser/support/session.js";
import { writeSyntheticMovie } from "./synthetic-movie.js";

const QUICK = process.argv.includes("--quick");
const CLICKS = QUICK ? 10 : 60;
const PLAY_MS = QUICK ? 2000 : 6000;
const RATE = 30;

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

/** Page-side: clicks the first linked trace at `fractions` and times each cursor update. */
const CURSOR_TIMES = `async (fractions) => {
  const root = document.querySelector("#cell-bench-link");
  const traces = [...root.querySelectorAll(".tsnwb-trace")];
  const movie = root.querySelector(".tsnwb-movie");
  const overlay = traces[0].querySelector("rect.tsnwb-overlay");
  const box = overlay.getBoundingClientRect();
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const out = { dom: [], painted: [], frame: [] };
  for (const f of fractions) {
    const before = movie.dataset.frame;
    const t0 = performance.now();
    overlay.dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: box.left + f * box.width, clientY: box.top + box.height / 2 }));
    const cursor = traces[0].querySelector(".tsnwb-lanes-plot").dataset.cursor;
    const all = () => traces.every((t) => t.querySelector(".tsnwb-lanes-plot").dataset.cursor === cursor) && movie.dataset.cursor === cursor;
    while (!all()) await new Promise((r) => setTimeout(r, 0));
    out.dom.push(performance.now() - t0);
    out.painted.push((await nextFrame()) - t0);
    const wanted = movie.dataset.cursorFrame;
    while (wanted !== before && movie.dataset.frame !== wanted) await new Promise((r) => setTimeout(r, 1));
    out.frame.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 30));
  }
  return out;
}`;

/** Page-side: plays movie `index` of the cell for `ms` and counts painted frames and the traces'
 *  cursor moves. */
const PLAY = `async ([index, ms]) => {
  const root = document.querySelector("#cell-bench-link");
  const movie = root.querySelectorAll(".tsnwb-movie")[index];
  const lane = root.querySelector(".tsnwb-trace .tsnwb-lanes-plot");
  let frames = 0, cursors = 0;
  const seen = new Set();
  const mo = new MutationObserver((list) => {
    for (const m of list) {
      if (m.target === movie && m.attributeName === "data-frame") { frames++; seen.add(movie.dataset.frame); }
      if (m.target === lane && m.attributeName === "data-cursor") cursors++;
    }
  });
  mo.observe(movie, { attributes: true });
  mo.observe(lane, { attributes: true });
  movie.querySelector(".tsnwb-play").click();
  await new Promise((r) => setTimeout(r, 500));
  frames = 0; cursors = 0; seen.clear();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const elapsed = performance.now() - t0;
  const counted = { frames, cursors, distinct: seen.size };
  movie.querySelector(".tsnwb-play").click();
  mo.disconnect();
  return { fps: (counted.frames * 1000) / elapsed, cursorsPerS: (counted.cursors * 1000) / elapsed, distinct: counted.distinct };
}`;

const dir = mkdtempSync(join(tmpdir(), "tsnwb-bench-link-"));
try {
  const frames = QUICK ? 120 : 300;
  const t = Date.now();
  const file = await writeSyntheticMovie(join(dir, "movie512.nwb"), {
    frames,
    height: 512,
    width: 512,
    rate: RATE,
    traces: 3,
    compress: false,
  });
  console.log(
    `synthetic movie: ${frames} frames of 512×512 uint16 at ${RATE} Hz + 3 traces, written by writeNWB in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
  const s = await liveSession();
  await s.page.setViewportSize({ width: 1200, height: 2400 });
  try {
    await s.run(
      `
import { openNWB, nwbWidget, linkTime, display } from "tsnwb";
const bf = await openNWB(${JSON.stringify(file)});
const bt = [];
for (const k of [0, 1, 2]) bt.push(await nwbWidget(bf.get("/acquisition/trace_" + k)));
const bm = await nwbWidget(bf.get("/acquisition/movie"));
const bu = await nwbWidget(bf.get("/acquisition/movie"));
const blink = linkTime(...bt, bm);
for (const w of [...bt, bm, bu]) display(w);`,
      "bench-link",
    );
    await s.page.waitForSelector(`#cell-bench-link .tsnwb-movie[data-linked="true"][data-frame]`);
    await s.page.waitForFunction(
      `document.querySelectorAll("#cell-bench-link .tsnwb-trace[data-linked='true'] .tsnwb-lanes-plot").length === 3`,
    );
    // a window of 4 s, so every click lands on a frame of the movie
    const fractions = Array.from({ length: CLICKS }, (_, k) => 0.05 + ((k * 37) % 90) / 100);
    const a = (await s.page.evaluate(`(${CURSOR_TIMES})(${JSON.stringify(fractions)})`)) as {
      dom: number[];
      painted: number[];
      frame: number[];
    };
    const line = (xs: number[]) =>
      `p50 ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms`;
    console.log(
      `(a) cursor moved in one TraceView → 4 linked views (3 traces + 512×512 movie), n=${CLICKS}:`,
    );
    console.log(`    every view shows the new cursor (DOM):   ${line(a.dom)}`);
    console.log(`    … and painted (next animation frame):   ${line(a.painted)}`);
    console.log(`    … and the movie's frame from the kernel: ${line(a.frame)}`);
    console.log(
      `    ratio p50/goal ${(pct(a.painted, 0.5) / 16).toFixed(2)} (painted; goal p50 ≤ 16 ms; no other front end links views here)`,
    );
    const linked = (await s.page.evaluate(`(${PLAY})([0, ${PLAY_MS}])`)) as {
      fps: number;
      cursorsPerS: number;
      distinct: number;
    };
    const alone = (await s.page.evaluate(`(${PLAY})([1, ${PLAY_MS}])`)) as typeof linked;
    console.log(
      `(b) playback of the 512×512 movie (fps setting ${RATE}): linked to 3 traces ${linked.fps.toFixed(1)} frames/s ` +
        `(traces' cursor moved ${linked.cursorsPerS.toFixed(1)}/s); unlinked ${alone.fps.toFixed(1)} frames/s`,
    );
    console.log(
      `    ratio linked/unlinked ${(linked.fps / alone.fps).toFixed(2)} (reference: the same movie unlinked, same run); ratio linked/goal ${(linked.fps / 30).toFixed(2)} (goal ≥ 30 frames/s)`,
    );
  } finally {
    await closeSession();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

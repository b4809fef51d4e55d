// Linked time in Chromium, through the real stack (tsnwb kernel, jupyter server, Chromium), on a
// synthetic 512×512 movie written by our NWB writer (the bundled movies are 24–32 px) with three
// traces on its clock:
//  (a) a click in one TraceView moves the cursor of 4 linked views (3 traces + the movie): time
//      from the click to every view showing the new cursor (DOM updated, in the page's clock), to
//      the next painted frame, and to the movie's new frame arriving from the kernel; p50/p95
//      (goal p50 ≤ 16 ms, one frame);
//  (b) movie playback at 512×512 with the 3 traces linked (their cursors follow every frame):
//      frames painted per second, with the same movie unlinked in the same run as the reference
//      (goal ≥ 30 frames/s); measured twice: in the Chromium Playwright drives, and in a Chromium
//      no DevTools client is attached to (as a user's browser is: an attached client is sent
//      every WebSocket frame, base64-encoded, which costs two processes CPU per movie frame).
// Run after `npm run build`: npx tsx bench/widgets/time-link.bench.ts [--quick]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { closeSession, liveSession } from "../../test/browser/support/session.js";
import { startJupyterServer } from "../../test/browser/support/jupyter-server.js";
import { startPageServer } from "../../test/browser/support/page-server.js";
import { CHROMIUM_ARGS } from "../../test/support/chromium.js";
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

/** The notebook cell: 3 traces and a movie linked, and the same movie unlinked. */
const cellCode = (file: string) => `
import { openNWB, nwbWidget, linkTime, display } from "tsnwb";
const bf = await openNWB(${JSON.stringify(file)});
const bt = [];
for (const k of [0, 1, 2]) bt.push(await nwbWidget(bf.get("/acquisition/trace_" + k)));
const bm = await nwbWidget(bf.get("/acquisition/movie"));
const bu = await nwbWidget(bf.get("/acquisition/movie"));
const blink = linkTime(...bt, bm);
for (const w of [...bt, bm, bu]) display(w);`;

interface Played {
  fps: number;
  cursorsPerS: number;
  distinct: number;
}

/** The linked movie and the unlinked one at the movie's rate; `ceiling`: the linked one set to
 *  twice that rate (how many frames/s the whole path keeps up with). */
interface Playbacks {
  linked: Played;
  alone: Played;
  ceiling?: Played;
}

/** (b) in a Chromium started with no DevTools client: the page (bench/widgets/page) runs the cell
 *  and both playbacks itself and POSTs what it measured. */
async function unattachedPlayback(file: string): Promise<Playbacks> {
  const server = await startJupyterServer();
  let received: (body: string) => void = () => {};
  const result = new Promise<string>((r) => (received = r));
  const pages = await startPageServer({ onResult: (body) => received(body) });
  const profile = mkdtempSync(join(tmpdir(), "tsnwb-bench-chromium-"));
  const settings = {
    connect: { baseUrl: server.baseUrl, token: server.token, kernelName: server.kernelName },
    code: cellCode(file),
    name: "bench-link",
    ms: PLAY_MS,
    fasterCode: `bm.set({ fps: ${2 * RATE} });`,
  };
  const url = `${new URL(pages.url).origin}/bench/playback.html#${encodeURIComponent(JSON.stringify(settings))}`;
  const browser = spawn(
    "/usr/bin/chromium",
    [...CHROMIUM_ARGS, "--headless", `--user-data-dir=${profile}`, "--window-size=1200,2400", url],
    { stdio: "ignore" },
  );
  try {
    const timeout = setTimeout(
      () => received(JSON.stringify({ error: "no result in 300 s" })),
      300_000,
    );
    const r = JSON.parse(await result) as Playbacks | { error: string };
    clearTimeout(timeout);
    if ("error" in r) throw new Error(`unattached playback: ${r.error}`);
    return r;
  } finally {
    browser.kill();
    await pages.close();
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
}

const played = (label: string, r: Playbacks) => {
  console.log(
    `(b) ${label}: playback of the 512×512 movie (fps setting ${RATE}): linked to 3 traces ${r.linked.fps.toFixed(1)} frames/s ` +
      `(traces' cursor moved ${r.linked.cursorsPerS.toFixed(1)}/s); unlinked ${r.alone.fps.toFixed(1)} frames/s`,
  );
  console.log(
    `    ratio linked/unlinked ${(r.linked.fps / r.alone.fps).toFixed(2)} (reference: the same movie unlinked, same run); ratio linked/goal ${(r.linked.fps / 30).toFixed(2)} (goal ≥ 30 frames/s)`,
  );
  if (r.ceiling)
    console.log(
      `    ceiling: the linked movie set to ${2 * RATE} frames/s plays ${r.ceiling.fps.toFixed(1)} frames/s (${r.ceiling.distinct} distinct frames)`,
    );
};

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
  played("no DevTools client attached", await unattachedPlayback(file));
  const s = await liveSession();
  await s.page.setViewportSize({ width: 1200, height: 2400 });
  try {
    await s.run(cellCode(file), "bench-link");
    await s.page.addScriptTag({ url: "/bench/playback.js" });
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
    const playOne = (index: number) =>
      s.page.evaluate(
        `tsnwbBench.play("#cell-bench-link", ${index}, ${PLAY_MS})`,
      ) as Promise<Played>;
    const linked = await playOne(0);
    const alone = await playOne(1);
    played("Chromium driven by Playwright", { linked, alone });
  } finally {
    await closeSession();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

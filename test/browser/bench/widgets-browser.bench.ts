// End-to-end front-end benchmark (not part of `npm test`; run: npx tsx test/browser/bench/widgets-browser.bench.ts
// after `npm run build`). Through the real stack — tsnwb kernel, jupyter server, Chromium:
//  1. zoom round trip on a 24 M-sample trace (40 kHz × 10 min): wheel event → window request →
//     kernel decimation → reply drawn; p50/p95 of the view's measured round trip (goal ≤ 100 ms p50);
//  2. time to create and draw a RoiView of 2,000 ROI contours (goal ≤ 1 s).
// No reference can be measured in the same run (no other front end draws these views here): the
// ratios printed are to the goals, and say so. --quick: 8 zoom steps, 200 ROIs.
import { liveSession, closeSession } from "../support/session.js";
import { kernelImport } from "../support/cells.js";

const QUICK = process.argv.includes("--quick");
const STEPS = QUICK ? 8 : 60;
const ROIS = QUICK ? 200 : 2000;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const s = await liveSession();
try {
  const t0 = Date.now();
  await s.run(
    `
${kernelImport("TraceModel")}
const rate = 40_000, n = 24_000_000;
const v = new Float32Array(n);
for (let i = 0; i < n; i++) v[i] = Math.sin(i / 4000) + 0.1 * Math.sin(i / 7);
const big = await TraceModel.create([{ id: "v", label: "Vm", unit: "V", values: v, rate }], { title: "24 M samples" });
big`,
    "bench-trace",
  );
  console.log(
    `24 M-sample TraceModel built and shown in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const root = "#cell-bench-trace .tsnwb-trace";
  await s.page.waitForSelector(`${root}[data-reply-id]`);
  const overlay = s.page.locator(`${root} .tsnwb-overlay`);
  await overlay.scrollIntoViewIfNeeded();
  const box = (await overlay.boundingBox())!;
  const trips: number[] = [];
  for (let k = 0; k < STEPS; k++) {
    // zoom in 8 steps then out 8 steps, at varying positions: windows from 10 min down to ~ms
    const dir = Math.floor(k / 8) % 2 === 0 ? -1 : 1;
    await s.page.mouse.move(
      box.x + box.width * (0.2 + (0.6 * ((k * 37) % 11)) / 10),
      box.y + box.height / 2,
    );
    await s.page.mouse.wheel(0, dir * 400);
    await s.page.waitForFunction((r) => {
      const el = document.querySelector(r) as HTMLElement;
      return el.dataset.requestId && el.dataset.replyId === el.dataset.requestId;
    }, root);
    trips.push(Number(await s.page.$eval(root, (el) => (el as HTMLElement).dataset.roundTripMs)));
  }
  console.log(
    `zoom round trip (wheel → request → kernel decimation → reply drawn), n=${trips.length}: ` +
      `p50 ${quantile(trips, 0.5).toFixed(1)} ms, p95 ${quantile(trips, 0.95).toFixed(1)} ms (goal p50 ≤ 100 ms)`,
  );
  console.log(
    `  ratio p50/goal ${(quantile(trips, 0.5) / 100).toFixed(2)} (to the goal: no reference front end is measured here)`,
  );

  const cell = await s.run(
    `
${kernelImport("RoiModel")}
// ${ROIS} disk-shaped ROIs (radius 5 px) on a 512 × 512 plane
const masks: { rows: number[]; cols: number[] }[] = [];
for (let k = 0; k < ${ROIS}; k++) {
  const cr = 8 + 11 * Math.floor(k / 45), cc = 8 + 11 * (k % 45);
  const rows: number[] = [], cols: number[] = [];
  for (let r = -5; r <= 5; r++) for (let c = -5; c <= 5; c++) if (r * r + c * c <= 25) { rows.push(cr + r); cols.push(cc + c); }
  masks.push({ rows, cols });
}
const mean = Float32Array.from({ length: 512 * 512 }, (_, i) => (i * 7919) % 255);
RoiModel.create({ title: "${ROIS} ROIs", masks, images: { mean: { data: mean, shape: [512, 512] } } })`,
    "bench-roi",
  );
  const out = cell.outputs.find((o): o is { widget: string; renderMs: number } => "widget" in o)!;
  const drawn = await s.page.$eval(
    "#cell-bench-roi .tsnwb-image-pane",
    (el) => (el as HTMLElement).dataset.roiCount,
  );
  console.log(
    `RoiView with ${drawn} ROI contours (+ 512×512 image): created and drawn in ${out.renderMs.toFixed(0)} ms (goal for 2,000 ≤ 1000 ms)`,
  );
  console.log(
    `  ratio time/goal ${(out.renderMs / 1000).toFixed(2)} (to the goal: no reference front end is measured here)`,
  );
} finally {
  await closeSession();
}

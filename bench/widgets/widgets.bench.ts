// Widget benchmarks, ours and the reference side by side in one run:
//  1. zoom round trip on a 24 M-sample (40 kHz × 10 min) trace served from an NWB file: window
//     request → decimated buffers, model side (goal ≤ 100 ms p50); reference: h5py read + numpy
//     min/max of the same windows.
//  2. 2,000 ROI contours traced and drawn to SVG (goal ≤ 1 s); reference: matplotlib contour + SVG.
// Run: npx tsx bench/widgets/widgets.bench.ts [--quick]   (writes its 96 MB test file to the OS temp
// folder; --quick: a 60 s trace, 12 windows, 200 ROIs)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { TimeSeries } from "../../kernel-ext/nwb/neurodata/base/time-series.js";
import { traceViewOfTimeSeries } from "../../kernel-ext/models/nwb/trace-from-nwb.js";
import { RoiModel } from "../../kernel-ext/models/roi/roi-model.js";
import { renderRoiSvg } from "../../render/roi.js";

const PY = "/usr/bin/python3";
const QUICK = process.argv.includes("--quick");
const RATE = 40_000;
const SAMPLES = QUICK ? 2_400_000 : 24_000_000;
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const work = join(tmpdir(), "tsnwb-bench-widgets");
mkdirSync(work, { recursive: true });
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const py = (script: string, args: string[]) =>
  JSON.parse(execFileSync(PY, [here(script), ...args], { encoding: "utf8", maxBuffer: 1 << 28 }));

// Deterministic zoom path: a user zooming in from the whole trace to 10 ms and panning.
function windows(duration: number, pixels: number, count: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let k = 0; k < count; k++) {
    const span = duration / 10 ** ((k % 6) * 0.8 + rand() * 0.5); // the whole trace … ~10 ms
    const t0 = rand() * (duration - span);
    out.push([t0, t0 + span, pixels]);
  }
  return out;
}

async function zoomBench(): Promise<void> {
  const file = join(work, `trace-${SAMPLES / 1e6}M.nwb`);
  if (!existsSync(file)) {
    console.log(`writing ${file} (${SAMPLES / 1e6} M float32 samples) …`);
    execFileSync(PY, [here("make_trace_nwb.py"), file, String(SAMPLES)]);
  }
  const nwb = await openNWB(file);
  try {
    const ts = nwb.ctx.find("/acquisition/ElectricalSeries_raw");
    if (!(ts instanceof TimeSeries)) throw new Error("bench file: no TimeSeries");
    let t = performance.now();
    const model = await traceViewOfTimeSeries(ts);
    const firstPaint = performance.now() - t;
    const duration = SAMPLES / RATE;
    const wins = windows(duration, 1500, QUICK ? 12 : 60);
    const ours: number[] = [];
    for (const [k, [t0, t1, pixels]] of wins.entries()) {
      t = performance.now();
      const a = await model.window({ type: "window", requestId: k, t0, t1, pixels });
      ours.push(performance.now() - t);
      if (a.content.type !== "window") throw new Error(JSON.stringify(a.content));
    }
    model.close();
    const wf = join(work, "windows.json");
    writeFileSync(wf, JSON.stringify(wins));
    const ref: number[] = py("numpy_zoom.py", [file, "/acquisition/ElectricalSeries_raw/data", wf]);
    console.log(
      `\nZoom round trip, model side, ${SAMPLES.toLocaleString("en")} samples (40 kHz × ${duration} s), ${wins.length} windows at 1500 px`,
    );
    console.log(
      `  first view (whole-trace overview, loads the channel once): ${firstPaint.toFixed(0)} ms`,
    );
    console.log(
      `  tsnwb window request → decimated buffers: p50 ${pct(ours, 0.5).toFixed(1)} ms, p95 ${pct(ours, 0.95).toFixed(1)} ms   (goal p50 ≤ 100 ms)`,
    );
    console.log(
      `  h5py read + numpy min/max (reference):    p50 ${pct(ref, 0.5).toFixed(1)} ms, p95 ${pct(ref, 0.95).toFixed(1)} ms`,
    );
    console.log(
      `  zoom: ratio tsnwb/reference p50 ${(pct(ours, 0.5) / pct(ref, 0.5)).toFixed(2)}, p95 ${(pct(ours, 0.95) / pct(ref, 0.95)).toFixed(2)}`,
    );
  } finally {
    await nwb.close();
  }
}

function roiBench(): void {
  let seed = 3;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const count = QUICK ? 200 : 2000;
  const masks = Array.from({ length: count }, () => {
    const cx = 8 + rand() * 496,
      cy = 8 + rand() * 496,
      rad = 3 + rand() * 4;
    const rows: number[] = [],
      cols: number[] = [];
    for (let y = Math.floor(cy - rad); y <= cy + rad; y++)
      for (let x = Math.floor(cx - rad); x <= cx + rad; x++)
        if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= rad * rad) {
          rows.push(y);
          cols.push(x);
        }
    return { rows, cols };
  });
  const image = {
    data: Float32Array.from({ length: 512 * 512 }, (_, i) => (i * 7919) % 255),
    shape: [512, 512] as [number, number],
  };
  const runs: number[] = [];
  let bytes = 0;
  for (let k = 0; k < (QUICK ? 2 : 5); k++) {
    const t = performance.now();
    const m = RoiModel.create({ masks, images: { mean: image } });
    const svg = renderRoiSvg(m.state);
    runs.push(performance.now() - t);
    bytes = svg.length;
    m.close();
  }
  const mf = join(work, "masks.json");
  writeFileSync(mf, JSON.stringify(masks.map((m) => [m.rows, m.cols])));
  const ref: number = py("matplotlib_rois.py", [mf, join(work, "rois-matplotlib.svg")]);
  console.log(
    `\n${count.toLocaleString("en")} ROI contours on a 512×512 mean image → SVG (${(bytes / 1e6).toFixed(1)} MB)`,
  );
  console.log(
    `  tsnwb trace + render: median of ${runs.length} ${pct(runs, 0.5).toFixed(0)} ms   (goal for 2,000 ROIs ≤ 1000 ms)`,
  );
  console.log(`  matplotlib contour per ROI + savefig SVG (reference): ${ref.toFixed(0)} ms`);
  console.log(`  ROI contours: ratio tsnwb/reference ${(pct(runs, 0.5) / ref).toFixed(3)}`);
}

await zoomBench();
roiBench();

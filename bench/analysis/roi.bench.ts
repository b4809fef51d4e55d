// ROI trace extraction throughput (frames/s) on a 512×512 uint16 movie, chunked, vs numpy on the
// same movie in the same run.
//   npx tsx bench/analysis/roi.bench.ts [--quick]   (--quick: 32 frames)
import { writeFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractRoiTraces, type RoiMask } from "../../kernel-ext/analysis/index.js";
import { uniform } from "../../test/support/random.js";
import { python, timeAsync } from "./support.js";

const H = 512,
  W = 512,
  N = process.argv.includes("--quick") ? 32 : 300;
const u = uniform(3);
const movie = new Uint16Array(N * H * W);
for (let i = 0; i < movie.length; i++) movie[i] = (u() * 4096) | 0;
// 50 disc-shaped somata (radius 7 px, ~150 px each) plus one large 128×128 neuropil-like region.
const masks: RoiMask[] = [];
const all: Array<{ x: number[]; y: number[] }> = [];
for (let r = 0; r < 50; r++) {
  const cx = 20 + Math.floor(u() * 470),
    cy = 20 + Math.floor(u() * 470);
  const x: number[] = [],
    y: number[] = [];
  for (let dy = -7; dy <= 7; dy++)
    for (let dx = -7; dx <= 7; dx++)
      if (dx * dx + dy * dy <= 49) {
        x.push(cx + dx);
        y.push(cy + dy);
      }
  masks.push({ x, y });
  all.push({ x, y });
}
{
  const x: number[] = [],
    y: number[] = [];
  for (let yy = 192; yy < 320; yy++)
    for (let xx = 192; xx < 320; xx++) {
      x.push(xx);
      y.push(yy);
    }
  masks.push({ x, y });
  all.push({ x, y });
}
const reader = async (start: number, count: number) =>
  movie.subarray(start * H * W, (start + count) * H * W);
const dir = mkdtempSync(join(tmpdir(), "tsnwb-bench-"));
try {
  await extractRoiTraces(reader, masks, { nFrames: 32, height: H, width: W, chunkFrames: 16 }); // JIT warm-up
  const ours = await timeAsync(() =>
    extractRoiTraces(reader, masks, { nFrames: N, height: H, width: W, chunkFrames: 16 }),
  );
  writeFileSync(join(dir, "movie.u16"), movie);
  writeFileSync(join(dir, "masks.json"), JSON.stringify(all));
  writeFileSync(
    join(dir, "ours.f64"),
    Float64Array.from(ours.result.flatMap((t) => Array.from(t))),
  );
  const ref = python<{ ms: number; maxdiff: number }>(
    `
import sys, json, time
import numpy as np
d = sys.argv[1]
m = np.fromfile(d + "/movie.u16", dtype=np.uint16).reshape(${N}, ${H}, ${W})
masks = json.load(open(d + "/masks.json"))
ours = np.fromfile(d + "/ours.f64").reshape(len(masks), ${N})
best = 1e9
for _ in range(3):
    t0 = time.process_time()
    out = np.empty((len(masks), ${N}))
    for s in range(0, ${N}, 16):
        chunk = m[s:s+16].astype(np.float64)
        for k, mk in enumerate(masks):
            out[k, s:s+16] = chunk[:, mk["y"], mk["x"]].mean(axis=1)
    best = min(best, time.process_time() - t0)
print(json.dumps({"ms": best * 1000, "maxdiff": float(np.abs(out - ours).max())}))
`,
    [dir],
  );
  const pixels = all.reduce((s, m) => s + m.x.length, 0);
  console.log(
    `ROI extraction: ${N} frames of ${H}×${W} uint16, ${masks.length} ROIs (${pixels} mask pixels), chunks of 16 frames, best of 3, CPU time`,
  );
  console.log(`ours  ${ours.ms.toFixed(1)} ms = ${((N / ours.ms) * 1000).toFixed(0)} frames/s`);
  console.log(
    `numpy ${ref.ms.toFixed(1)} ms = ${((N / ref.ms) * 1000).toFixed(0)} frames/s   (fancy indexing per ROI per chunk)`,
  );
  console.log(
    `ratio ours/numpy time ${(ours.ms / ref.ms).toFixed(2)};  max |ours − numpy| = ${ref.maxdiff.toExponential(1)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

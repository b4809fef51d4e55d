// Our NWB reader vs h5py on the same files, same reads, one run: a full read of a 100 MB float32
// dataset (contiguous, chunked, gzip), a 1% time window, and one column of the 2-D series.
// Run: npx tsx bench/nwb/read-bench.ts   (needs /usr/bin/python3 with h5py; ~1 GB of temp space)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { TimeSeries } from "../../kernel-ext/nwb/time-series.js";

const here = dirname(fileURLToPath(import.meta.url));
const py = join(here, "h5py_read_bench.py");
const LAYOUTS = ["contiguous", "chunked", "gzip"] as const;
const REPEATS = { full: 5, window: 40, column: 3 };
const ROWS = 250_000;
const WINDOW = ROWS / 100;

async function medianMs(fn: (i: number) => Promise<unknown>, n: number): Promise<number> {
  await fn(0); // warm-up, as on the h5py side
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return n % 2 ? ts[(n - 1) / 2] : (ts[n / 2 - 1] + ts[n / 2]) / 2;
}

const dir = mkdtempSync(join(tmpdir(), "tsnwb-bench-"));
try {
  console.log(`writing 3 × 100 MB benchmark files with h5py in ${dir} …`);
  execFileSync("/usr/bin/python3", [py, "make", dir], { stdio: "inherit" });
  const ref = JSON.parse(execFileSync("/usr/bin/python3", [py, "time", dir], { encoding: "utf8" })) as Record<string, Record<string, number>> & { starts: number[] };
  const rows: string[][] = [];
  for (const layout of LAYOUTS) {
    const nwb = await openNWB(join(dir, `${layout}.nwb`));
    const ts = nwb.acquisition.get("ts");
    if (!(ts instanceof TimeSeries)) throw new Error("benchmark file has no TimeSeries");
    const rate = ts.rate as number;
    const ours = {
      full: await medianMs(() => ts.data.read(), REPEATS.full),
      window: await medianMs((i) => ts.readWindow(ref.starts[i] / rate, (ref.starts[i] + WINDOW) / rate, { raw: true }), REPEATS.window),
      column: await medianMs(() => ts.data.slice(null, 37), REPEATS.column),
    };
    await nwb.close();
    for (const k of ["full", "window", "column"] as const) {
      const h = ref[layout][k];
      rows.push([layout, k, h.toFixed(1), ours[k].toFixed(1), (h / ours[k]).toFixed(2)]);
    }
  }
  const header = ["layout", "read", "h5py ms", "tsnwb ms", "speed vs h5py"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padStart(widths[i])).join("  ");
  console.log(`\n${fmt(header)}\n${rows.map(fmt).join("\n")}`);
  console.log("\nspeed vs h5py = h5py time / our time (goal: full reads ≥ 0.8, 1% windows ≥ 0.5)");
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Our NWB reader vs h5py on the same files, same reads, one run: a full read of a 100 MB float32
// dataset (contiguous, chunked, gzip), a 1% time window, and one column of the 2-D series.
// The two readers alternate read by read (h5py in a Python subprocess), so both see the same
// machine load; each figure is a median of steady-state reads.
//
// Warm-up: both readers first repeat each kind of read (WARMUP times). A fresh Node process
// allocates every result in memory it has never used, until its GC starts recycling freed
// results (after ~32 MB of them); on this VM the first touch of such memory costs ~5 µs per 4 KiB
// page, so the first ~30 window reads take ~1.3 ms instead of ~0.1 ms. numpy reuses a freed
// buffer at once, so h5py never shows this. The cold figure is printed too.
// Then the peak memory of one whole read of each file (peak-memory.ts).
// Run: npx tsx bench/nwb/read-bench.ts [--quick]   (needs /usr/bin/python3 with h5py; ~300 MB of
// temp space; --quick: 3 × 10 MB files and a few reads of each kind)
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { TimeSeries } from "../../kernel-ext/nwb/neurodata/base/time-series.js";
import { printPeakMemory, printRawSeriesPeakMemory } from "./peak-memory.js";

const here = dirname(fileURLToPath(import.meta.url));
const py = join(here, "h5py_read_bench.py");
const LAYOUTS = ["contiguous", "chunked", "gzip"] as const;
const KINDS = ["full", "window", "column"] as const;
const QUICK = process.argv.includes("--quick");
const REPEATS: Record<(typeof KINDS)[number], number> = QUICK
  ? { full: 2, window: 11, column: 3 }
  : { full: 5, window: 101, column: 9 };
const WARMUP: Record<(typeof KINDS)[number], number> = QUICK
  ? { full: 1, window: 5, column: 1 }
  : { full: 1, window: 60, column: 3 };
const ROWS = QUICK ? 25_000 : 250_000;
const WINDOW = ROWS / 100;

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const dir = mkdtempSync(join(tmpdir(), "tsnwb-bench-"));
console.log(`writing 3 × ${(ROWS * 400) / 1e6} MB benchmark files with h5py in ${dir} …`);
execFileSync("/usr/bin/python3", [py, "make", dir, String(ROWS)], { stdio: "inherit" });
const child = spawn("/usr/bin/python3", [py, "serve", dir, String(ROWS)], {
  stdio: ["pipe", "pipe", "inherit"],
});
try {
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const h5py = async (layout: string, kind: string, start: number): Promise<number> => {
    child.stdin.write(`${layout} ${kind} ${start}\n`);
    const r = await lines.next();
    if (r.done) throw new Error("the h5py side exited");
    return Number(r.value);
  };
  let seed = 1;
  const nextStart = () => {
    seed = (seed * 48271) % 2147483647;
    return seed % (ROWS - WINDOW);
  };
  const rows: string[][] = [];
  for (const layout of LAYOUTS) {
    const nwb = await openNWB(join(dir, `${layout}.nwb`));
    const ts = nwb.acquisition.get("ts");
    if (!(ts instanceof TimeSeries)) throw new Error("benchmark file has no TimeSeries");
    const rate = ts.rate as number;
    const ours = async (kind: string, start: number): Promise<number> => {
      const t0 = performance.now();
      if (kind === "full") await ts.data.read();
      else if (kind === "window")
        await ts.readWindow(start / rate, (start + WINDOW) / rate, { raw: true });
      else await ts.data.slice(null, 37);
      return performance.now() - t0;
    };
    /** Median ms of `n` reads of `kind` by each reader, alternating, at the same random starts. */
    const alternate = async (kind: string, n: number): Promise<[number, number]> => {
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < n; i++) {
        const start = nextStart();
        a.push(await h5py(layout, kind, start));
        b.push(await ours(kind, start));
      }
      return [median(a), median(b)];
    };
    for (const kind of KINDS) {
      const [coldH, coldO] = await alternate(kind, WARMUP[kind]);
      const [h, o] = await alternate(kind, REPEATS[kind]);
      rows.push([
        layout,
        kind,
        h.toFixed(2),
        o.toFixed(2),
        (h / o).toFixed(2),
        `${coldH.toFixed(2)} / ${coldO.toFixed(2)}`,
      ]);
    }
    await nwb.close();
  }
  const header = [
    "layout",
    "read",
    "h5py ms",
    "tsnwb ms",
    "speed vs h5py",
    "warm-up h5py / tsnwb ms",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padStart(widths[i])).join("  ");
  console.log(`\n${fmt(header)}\n${rows.map(fmt).join("\n")}`);
  console.log(
    "\nspeed vs h5py = h5py time / our time (goals: full reads ≥ 0.8, 1% windows ≥ 0.5); medians of steady-state reads",
  );
  console.log("warm-up = median of the first reads of each kind (see the comment at the top)");
  for (const layout of LAYOUTS) {
    const of = rows.filter((r) => r[0] === layout);
    console.log(
      `${layout}: ratio tsnwb/h5py time ${of.map((r) => `${r[1]} ${(Number(r[3]) / Number(r[2])).toFixed(2)}`).join(", ")}`,
    );
  }
  printPeakMemory(dir, LAYOUTS);
  printRawSeriesPeakMemory(dir);
} finally {
  child.stdin.end();
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}

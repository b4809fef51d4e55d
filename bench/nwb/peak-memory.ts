// Peak memory of one whole-dataset read, ours vs h5py: each reader reads /acquisition/ts/data of
// the read bench's 100 MB float32 files (contiguous, chunked, chunked + gzip) once, in a fresh
// process; the figure is the growth of the peak resident set over the resident set after opening
// (the result itself is 100 MB in both). ratio = our growth / h5py's.
// Run: npx tsx bench/nwb/peak-memory.ts [--quick]   (needs /usr/bin/python3 with h5py; ~300 MB of temp space)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const LAYOUTS = ["contiguous", "chunked", "gzip"] as const;
const ROWS = process.argv.includes("--quick") ? 25_000 : 250_000;

interface Peak {
  base: number;
  peak: number;
  bytes: number;
}

if (process.argv[2] === "--child") {
  // One read in this process (spawned fresh per layout, so no earlier read's memory is counted).
  const { openNWB } = await import("../../kernel-ext/nwb/open-nwb.js");
  const file = await openNWB(process.argv[3]!);
  const ts = file.get("acquisition/ts") as import("../../kernel-ext/nwb/neurodata/base/time-series.js").TimeSeries;
  const base = process.memoryUsage().rss;
  const values = await ts.data.read();
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ base, peak, bytes: (values.data as ArrayBufferView).byteLength }));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "tsnwb-peak-"));
try {
  console.log(`writing 3 × ${(ROWS * 400) / 1e6} MB files with h5py in ${dir} …`);
  execFileSync("/usr/bin/python3", [join(here, "h5py_read_bench.py"), "make", dir, String(ROWS)], { stdio: "inherit" });
  const run = (cmd: string, args: string[]): Peak => JSON.parse(execFileSync(cmd, args, { encoding: "utf8" }).trim().split("\n").pop()!) as Peak;
  const mb = (b: number) => (b / 1e6).toFixed(1);
  console.log("layout       result MB   h5py growth MB   ours growth MB   ratio");
  for (const layout of LAYOUTS) {
    const path = join(dir, `${layout}.nwb`);
    const py = run("/usr/bin/python3", [join(here, "h5py_peak_memory.py"), path]);
    const ours = run(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child", path]);
    const [gp, go] = [py.peak - py.base, ours.peak - ours.base];
    console.log(`${layout.padEnd(12)} ${mb(ours.bytes).padStart(9)}   ${mb(gp).padStart(14)}   ${mb(go).padStart(14)}   ${(go / gp).toFixed(2)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

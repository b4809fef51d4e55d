// Peak memory of one whole-dataset read, ours vs h5py: each reader reads /acquisition/ts/data of
// the read bench's 100 MB float32 files (contiguous, chunked, chunked + gzip) once, in a fresh
// process; the figure is the growth of the peak resident set over the resident set after opening
// (the result itself is 100 MB in both). ratio = our growth / h5py's. read-bench.ts runs it on
// the files it wrote (so `npm run bench` includes it). With --quick (10 MB) the peak can come from
// loading the code rather than the read: those figures are a smoke run only. On its own:
// Run: npx tsx bench/nwb/peak-memory.ts [--quick]   (needs /usr/bin/python3 with h5py; ~300 MB of temp space)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const self = fileURLToPath(import.meta.url);

interface Peak {
  base: number;
  peak: number;
  bytes: number;
}

/** Our read of `path`, in this process: prints the JSON Peak. */
async function childRead(path: string): Promise<void> {
  const { openNWB } = await import("../../kernel-ext/nwb/open-nwb.js");
  const { TimeSeries } = await import("../../kernel-ext/nwb/neurodata/base/time-series.js");
  const ts = (await openNWB(path)).get("acquisition/ts");
  if (!(ts instanceof TimeSeries)) throw new Error(`${path}: no TimeSeries at /acquisition/ts`);
  const base = process.memoryUsage().rss;
  const values = await ts.data.read();
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ base, peak, bytes: (values.data as ArrayBufferView).byteLength }));
}

/** Prints the table and one ratio line for the files `<layout>.nwb` in `dir` (written by h5py_read_bench.py make). */
export function printPeakMemory(dir: string, layouts: readonly string[]): void {
  const run = (cmd: string, args: string[]): Peak =>
    JSON.parse(execFileSync(cmd, args, { encoding: "utf8" }).trim().split("\n").pop()!) as Peak;
  const mb = (b: number) => (b / 1e6).toFixed(1);
  const ratios: string[] = [];
  console.log(
    "\npeak memory of one whole read, each reader in a fresh process (growth of peak RSS over RSS after open)",
  );
  console.log("layout       result MB   h5py growth MB   ours growth MB");
  for (const layout of layouts) {
    const path = join(dir, `${layout}.nwb`);
    const py = run("/usr/bin/python3", [join(here, "h5py_peak_memory.py"), path]);
    const ours = run(process.execPath, [
      "--import",
      "tsx",
      "--no-warnings=ExperimentalWarning",
      self,
      "--child",
      path,
    ]);
    const [gp, go] = [py.peak - py.base, ours.peak - ours.base];
    console.log(
      `${layout.padEnd(12)} ${mb(ours.bytes).padStart(9)}   ${mb(gp).padStart(14)}   ${mb(go).padStart(14)}`,
    );
    ratios.push(`${layout} ${(go / gp).toFixed(2)}`);
  }
  console.log(`peak memory: ratio tsnwb/h5py growth ${ratios.join(", ")}`);
}

if (process.argv[1] === self) {
  if (process.argv[2] === "--child") {
    await childRead(process.argv[3]!);
  } else {
    const rows = process.argv.includes("--quick") ? 25_000 : 250_000;
    const dir = mkdtempSync(join(tmpdir(), "tsnwb-peak-"));
    try {
      console.log(`writing 3 × ${(rows * 400) / 1e6} MB files with h5py in ${dir} …`);
      execFileSync(
        "/usr/bin/python3",
        [join(here, "h5py_read_bench.py"), "make", dir, String(rows)],
        { stdio: "inherit" },
      );
      printPeakMemory(dir, ["contiguous", "chunked", "gzip"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

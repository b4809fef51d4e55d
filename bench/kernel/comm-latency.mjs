// Kernel benchmarks: comm round-trip latency (p50/p95, 1 KB and 10 MB buffers) and cold start to
// the first executed cell, for the tsnwb kernel, with stock tslab's cold start alongside.
// Run on the built code: `npm run build && node bench/kernel/comm-latency.mjs [--quick]`
// (--quick: one cold start per kernel, 20 + 3 round trips).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const prefix = mkdtempSync(join(tmpdir(), "tsnwb-bench-"));
try {
  // (its JUPYTER_PATH advice is answered below: the benchmark sets JUPYTER_PATH itself)
  execFileSync(process.execPath, [join(root, "bin", "tsnwb.js"), "install", "--prefix", prefix], {
    stdio: "pipe",
  });
  // Stock tslab as the reference, from the same node_modules.
  const tslabBin = join(
    createRequire(import.meta.url).resolve("tslab/package.json"),
    "..",
    "bin",
    "tslab",
  );
  const tslabDir = join(prefix, "share", "jupyter", "kernels", "tslab");
  mkdirSync(tslabDir, { recursive: true });
  writeFileSync(
    join(tslabDir, "kernel.json"),
    JSON.stringify({
      argv: [process.execPath, tslabBin, "kernel", "--config-path", "{connection_file}"],
      display_name: "tslab",
      language: "typescript",
    }),
  );

  const run = spawnSync(
    "/usr/bin/python3",
    [join(root, "bench", "kernel", "py", "kernel_bench.py"), "tsnwb", "tslab"],
    {
      env: {
        ...process.env,
        JUPYTER_PATH: join(prefix, "share", "jupyter"),
        PYDEVD_DISABLE_FILE_VALIDATION: "1",
        TSNWB_BENCH_QUICK: process.argv.includes("--quick") ? "1" : "0",
      },
      cwd: tmpdir(),
      encoding: "utf8",
      timeout: 900_000,
    },
  );
  if (run.status !== 0) throw new Error(`kernel_bench.py failed:\n${run.stderr}`);
  const r = JSON.parse(run.stdout);
  const f = (x, d = 1) => x.toFixed(d).padStart(9);
  const runs = process.argv.includes("--quick") ? "1 run" : "median of 3";
  console.log(
    `cold start (${runs})${" ".repeat(20 - runs.length)}tsnwb     tslab   ratio tsnwb/tslab`,
  );
  const a = r.cold_start.tsnwb;
  const b = r.cold_start.tslab;
  console.log(
    `  to kernel_info_reply (s)  ${f(a.kernel_info_s, 2)} ${f(b.kernel_info_s, 2)} ${f(a.kernel_info_s / b.kernel_info_s, 2)}   (ratio tsnwb/tslab)`,
  );
  console.log(
    `  to first cell reply  (s)  ${f(a.first_cell_s, 2)} ${f(b.first_cell_s, 2)} ${f(a.first_cell_s / b.first_cell_s, 2)}   (ratio tsnwb/tslab)`,
  );
  console.log(
    "comm round trip, tsnwb; no reference measured (stock tslab has no comms, ipykernel is not installed here)",
  );
  for (const [size, s] of Object.entries(r.comm)) {
    console.log(
      `  ${size.padEnd(6)} p50 ${f(s.p50_ms, 2)} ms   p95 ${f(s.p95_ms, 2)} ms   (n=${s.n})`,
    );
  }
} finally {
  rmSync(prefix, { recursive: true, force: true });
}

// `npm run bench [-- --quick] [-- --only NAME,…] [-- --list]`: every benchmark in sequence, each
// with its reference measured in the same run (ours vs h5py/scipy/numpy/tslab side by side), then a
// summary of every ratio line. A benchmark must print at least one line with "ratio"; one that
// cannot measure a reference here says so on that line (e.g. a ratio to a goal, or to a numpy
// stand-in for a reference that is not installed). Exit code: 0 when every benchmark ran and
// printed a ratio, 1 otherwise, 2 for a usage error. Results also go to bench/results/latest.json.
//   --quick   small sizes and few repeats (each benchmark's own quick mode): a smoke run, not figures
//   --only    run only the named benchmarks (comma-separated names from --list)
//   --list    print the benchmarks (name, file, reference) and exit
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Every benchmark, in the order they run. `built`: runs the compiled code in dist/ (npm run bench builds it when stale). */
const BENCHMARKS = [
  {
    name: "filters",
    file: "bench/analysis/filters.bench.ts",
    reference: "scipy.signal (sosfiltfilt, sosfilt, filtfilt)",
  },
  {
    name: "oasis",
    file: "bench/analysis/oasis.bench.ts",
    reference:
      "a numpy/Python PAVA (the Cython OASIS is not installed: its figures are quoted, not measured)",
  },
  { name: "roi", file: "bench/analysis/roi.bench.ts", reference: "numpy fancy indexing" },
  {
    name: "spike-model",
    file: "bench/analysis/spike-model.bench.ts",
    reference: "torch (Debian python3-torch) forward pass on the same weights, one thread",
  },
  { name: "nwb-read", file: "bench/nwb/read-bench.ts", reference: "h5py" },
  {
    name: "write",
    file: "bench/write/write.bench.ts",
    reference: "h5py (write), scipy.io.loadmat (MAT read)",
  },
  {
    name: "widgets",
    file: "bench/widgets/widgets.bench.ts",
    reference: "h5py + numpy (zoom), matplotlib (ROI contours)",
  },
  {
    name: "time-link",
    file: "bench/widgets/time-link.bench.ts",
    reference:
      "the same 512×512 movie unlinked (playback); none for the cursor (ratio to the goal)",
    built: true,
  },
  {
    name: "remote",
    file: "bench/remote/remote-bench.mjs",
    reference: "h5py on the local file, a full download",
    built: true,
  },
  {
    name: "queue",
    file: "bench/queue/queue-bench.mjs",
    reference: "the local worker-thread pool on the same batch",
    built: true,
  },
  {
    name: "kernel",
    file: "bench/kernel/comm-latency.mjs",
    reference: "stock tslab (cold start); none for comms (tslab has none, ipykernel not installed)",
    built: true,
  },
  {
    name: "browser",
    file: "test/browser/bench/widgets-browser.bench.ts",
    reference: "none measurable in a browser here: ratios are to the goals",
    built: true,
  },
];

const USAGE = "usage: node bench/run.js [--quick] [--only NAME[,NAME…]] [--list]";

function usageError(text) {
  process.stderr.write(`bench: ${text}\n${USAGE}\n`);
  process.exit(2);
}

function parse(argv) {
  const options = { quick: false, only: undefined, list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") options.quick = true;
    else if (a === "--list") options.list = true;
    else if (a === "--only" || a.startsWith("--only=")) {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (!v) usageError("--only needs a value");
      options.only = v.split(",").filter(Boolean);
      const unknown = options.only.filter((n) => !BENCHMARKS.some((b) => b.name === n));
      if (unknown.length)
        usageError(
          `unknown benchmark ${unknown.join(", ")}; benchmarks: ${BENCHMARKS.map((b) => b.name).join(", ")}`,
        );
    } else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else usageError(`unknown argument '${a}'`);
  }
  return options;
}

/** Runs one benchmark file, echoing its output; resolves to its exit code, output and duration. */
function runOne(bench, quick) {
  const args = bench.file.endsWith(".ts")
    ? ["--import", "tsx", "--no-warnings=ExperimentalWarning", bench.file]
    : [bench.file];
  if (quick) args.push("--quick");
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on("data", (d) => process.stderr.write(d));
    child.on("close", (code, signal) =>
      resolve({
        code: code ?? (signal ? 128 : 1),
        output,
        seconds: (performance.now() - t0) / 1000,
      }),
    );
  });
}

const options = parse(process.argv.slice(2));
if (options.list) {
  for (const b of BENCHMARKS)
    console.log(`${b.name.padEnd(10)} ${b.file.padEnd(46)} reference: ${b.reference}`);
  process.exit(0);
}
const chosen = options.only ? BENCHMARKS.filter((b) => options.only.includes(b.name)) : BENCHMARKS;
const results = [];
for (const [k, bench] of chosen.entries()) {
  console.log(
    `\n=== [${k + 1}/${chosen.length}] ${bench.name}: ${bench.file}${options.quick ? " (quick)" : ""} — reference: ${bench.reference}`,
  );
  const r = await runOne(bench, options.quick);
  const ratios = r.output
    .split("\n")
    .filter((l) => /\bratio\b/i.test(l))
    .map((l) => l.trim());
  const status =
    r.code !== 0
      ? `FAILED (exit ${r.code})`
      : ratios.length === 0
        ? "FAILED (no ratio line)"
        : "ok";
  results.push({
    name: bench.name,
    file: bench.file,
    reference: bench.reference,
    status,
    seconds: r.seconds,
    ratios,
  });
}

console.log(`\n=== summary${options.quick ? " (quick: small sizes, not figures to quote)" : ""}`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(10)} ${r.status.padEnd(24)} ${r.seconds.toFixed(1).padStart(7)} s   reference: ${r.reference}`,
  );
  for (const line of r.ratios) console.log(`    ${line}`);
}
const failed = results.filter((r) => r.status !== "ok");
console.log(
  `${results.length - failed.length} of ${results.length} benchmarks ran and printed their ratios${failed.length ? `; failed: ${failed.map((r) => r.name).join(", ")}` : ""}`,
);
mkdirSync(join(root, "bench", "results"), { recursive: true });
writeFileSync(
  join(root, "bench", "results", "latest.json"),
  `${JSON.stringify({ date: new Date().toISOString(), quick: options.quick, results }, null, 2)}\n`,
);
process.exitCode = failed.length ? 1 : 0;

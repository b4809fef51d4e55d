// sosfiltfilt on 40 kHz × 10 min (24e6 float64 samples) vs scipy on the same numbers, same run.
//   npx tsx bench/analysis/filters.bench.ts [--quick]   (--quick: 10 s of signal)
import { writeFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { butter, filtfilt, sosfilt, sosfiltfilt } from "../../kernel-ext/analysis/index.js";
import { normal } from "../../test/support/random.js";
import { python, row, time } from "./support.js";

const seconds = process.argv.includes("--quick") ? 10 : 600;
const fs = 40000,
  n = fs * seconds;
const g = normal(1);
const x = new Float64Array(n);
for (let i = 0; i < n; i++) x[i] = 20e-6 * g() + 1e-3 * Math.sin(i / 4000);
const dir = mkdtempSync(join(tmpdir(), "tsnwb-bench-"));
const file = join(dir, "x.f64");
writeFileSync(file, x);
try {
  const sos = butter(4, [250, 5000], { btype: "bandpass", fs });
  const { b, a } = butter(4, [250, 5000], { btype: "bandpass", fs, output: "ba" });
  // Warm the JIT on a short signal first (scipy's C code needs no warm-up).
  const warm = x.subarray(0, 200_000);
  for (let k = 0; k < 3; k++) {
    sosfiltfilt(sos, warm);
    sosfilt(sos, warm);
    filtfilt(b, a, warm);
  }
  const ffs = time(() => sosfiltfilt(sos, x), 2);
  const one = time(() => sosfilt(sos, x), 2);
  const ff = time(() => filtfilt(b, a, x), 2);
  const outFile = join(dir, "y.f64");
  writeFileSync(outFile, ffs.result);
  const ref = python<{
    sosfiltfilt: number;
    sosfilt: number;
    filtfilt: number;
    maxdiff: number;
    scale: number;
  }>(
    `
import sys, json, time
import numpy as np
from scipy import signal
x = np.fromfile(sys.argv[1], dtype=np.float64)
ours = np.fromfile(sys.argv[2], dtype=np.float64)
sos = signal.butter(4, [250, 5000], btype="bandpass", fs=40000, output="sos")
b, a = signal.butter(4, [250, 5000], btype="bandpass", fs=40000)
def best(f, k=2):
    t = []
    for _ in range(k):
        t0 = time.process_time(); r = f(); t.append(time.process_time() - t0)
    return min(t) * 1000, r
t1, y = best(lambda: signal.sosfiltfilt(sos, x))
t2, _ = best(lambda: signal.sosfilt(sos, x))
t3, _ = best(lambda: signal.filtfilt(b, a, x))
print(json.dumps({"sosfiltfilt": t1, "sosfilt": t2, "filtfilt": t3, "maxdiff": float(np.abs(ours - y).max()), "scale": float(np.abs(y).max())}))
`,
    [file, outFile],
  );
  console.log(
    `Filtering 40 kHz × ${seconds} s = ${n / 1e6}e6 float64 samples, butter(4, [250, 5000] Hz, bandpass), best of 2, CPU time`,
  );
  console.log(row("sosfiltfilt (zero-phase, odd padding)", ffs.ms, ref.sosfiltfilt, "scipy"));
  console.log(row("sosfilt (one pass)", one.ms, ref.sosfilt, "scipy"));
  console.log(row("filtfilt (b, a)", ff.ms, ref.filtfilt, "scipy"));
  console.log(
    `throughput sosfiltfilt: ours ${(n / ffs.ms / 1e3).toFixed(1)} M samples/s, scipy ${(n / ref.sosfiltfilt / 1e3).toFixed(1)} M samples/s`,
  );
  console.log(
    `max |ours − scipy| = ${ref.maxdiff.toExponential(2)} (signal max ${ref.scale.toExponential(2)}, relative ${(ref.maxdiff / ref.scale).toExponential(2)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

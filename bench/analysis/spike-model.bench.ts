// inferSpikes on a 1-hour ΔF/F trace at 30 Hz (108,000 frames) and at 158 Hz (the DANDI:000048
// frame rate, averaged down to the 60 Hz model), next to torch's forward pass of the same networks (the ensemble's mean)
// on the same model-rate input (Debian python3-torch, one thread). CPU time, best of 3.
//   npx tsx bench/analysis/spike-model.bench.ts [--quick]   (--quick: 10 minutes of trace)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inferSpikes, selectModel, spikeModelForward } from "../../kernel-ext/analysis/index.js";
import { noiseLevel } from "../../kernel-ext/analysis/inference/model/noise-level.js";
import { toModelGrid } from "../../kernel-ext/analysis/inference/model/resample.js";
import { normal, poisson, uniform } from "../../test/support/random.js";
import { python, row, time } from "./support.js";

const minutes = process.argv.includes("--quick") ? 10 : 60;
const dir = mkdtempSync(join(tmpdir(), "tsnwb-bench-"));

/** GCaMP-like ΔF/F: Poisson spikes at 1 Hz, 0.2 per AP decaying with τ 0.6 s, white noise. */
function synthetic(fs: number): Float64Array {
  const n = Math.round(minutes * 60 * fs);
  const u = uniform(3),
    g = normal(4);
  const decay = Math.exp(-1 / (0.6 * fs));
  const y = new Float64Array(n);
  let c = 0;
  for (let t = 0; t < n; t++) {
    c = c * decay + 0.2 * poisson(u, 1 / fs);
    y[t] = c + 0.02 * Math.sqrt(fs / 30) * g();
  }
  return y;
}

try {
  for (const fs of [30, 158]) {
    const y = synthetic(fs);
    const model = selectModel(fs);
    inferSpikes({ values: y.subarray(0, 20000), rate: fs, startTime: 0 }); // JIT warm-up
    const ours = time(() => inferSpikes({ values: y, rate: fs, startTime: 0 }));
    // The network alone on the model-rate input, ours and torch's, on identical numbers.
    const times = Float64Array.from(y, (_, i) => i / fs);
    const grid = toModelGrid(times, y, model.rate);
    const half = model.receptiveField >> 1;
    const padded = new Float64Array(grid.values.length + 2 * half);
    padded.fill(grid.values[0]!, 0, half);
    padded.set(grid.values, half);
    padded.fill(grid.values[grid.values.length - 1]!, half + grid.values.length);
    const nu = Math.fround(noiseLevel(grid.values, grid.rate) / model.noiseScale);
    const net = time(() =>
      spikeModelForward(model, [padded, new Float64Array(padded.length).fill(nu)]),
    );
    writeFileSync(join(dir, "x.f32"), Float32Array.from(padded));
    writeFileSync(join(dir, "ours.f64"), net.result);
    writeFileSync(join(dir, "model.json"), JSON.stringify(model));
    const ref = python<{ ms: number | null; maxdiff?: number; error?: string }>(
      `
import sys, json, time, base64
import numpy as np
try:
    import torch
except ImportError:
    print(json.dumps({"ms": None, "error": "python3-torch is not installed (apt-get install python3-torch)"})); sys.exit(0)
torch.set_num_threads(1)
m = json.load(open(sys.argv[1])); x = np.fromfile(sys.argv[2], dtype=np.float32); ours = np.fromfile(sys.argv[3]); nu = float(sys.argv[4])
members = []
for member in m["members"]:
    layers = []
    for l in member["layers"]:
        conv = torch.nn.Conv1d(l["inChannels"], l["outChannels"], l["kernel"], dilation=l["dilation"])
        conv.weight.data = torch.from_numpy(np.frombuffer(base64.b64decode(l["weight"]), dtype="<f4").reshape(l["outChannels"], l["inChannels"], l["kernel"]).copy())
        conv.bias.data = torch.from_numpy(np.frombuffer(base64.b64decode(l["bias"]), dtype="<f4").copy())
        layers.append((conv, l["relu"]))
    members.append(layers)
inp = torch.from_numpy(np.stack([x, np.full_like(x, nu)]))[None]
def run():
    outs = []
    with torch.no_grad():
        for layers in members:
            h = inp
            for conv, relu in layers:
                h = conv(h)
                if relu: h = torch.relu(h)
            outs.append(h[0, 0].numpy().astype(np.float64))
    return np.mean(outs, axis=0)
run()
best = 1e9
for _ in range(3):
    t0 = time.process_time(); out = run(); best = min(best, (time.process_time() - t0) * 1000)
print(json.dumps({"ms": best, "maxdiff": float(np.abs(out.astype(float) - ours).max())}))
`,
      [join(dir, "model.json"), join(dir, "x.f32"), join(dir, "ours.f64"), String(nu)],
    );
    const frames = y.length.toLocaleString("en-US");
    console.log(
      `\n${minutes} min at ${fs} Hz (${frames} frames) → ${model.id} model, ${grid.values.length.toLocaleString("en-US")} model frames; CPU time`,
    );
    console.log(
      row(`inferSpikes, ${minutes} min at ${fs} Hz (all steps)`, ours.ms, ref.ms, "torch forward") +
        "   (ours: resampling, network, rate, discrete spikes; torch: the network only)",
    );
    console.log(
      row(`network forward pass, ${minutes} min at ${fs} Hz`, net.ms, ref.ms, "torch forward") +
        (ref.ms === null
          ? `   ${ref.error}`
          : `   |ours − torch| max ${ref.maxdiff!.toExponential(1)}`),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The trained spike-inference model: preprocessing equal to the training script's numpy code,
// forward pass equal to torch's on the same weights, weights' hashes, committed reference outputs
// reproduced exactly, the cross-validation scores reproduced from the .mat files, bad input.
//   SPIKE_MODEL_REFERENCE=write … rewrites test/analysis/spike-model-reference.json (after retraining).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  inferSpikes,
  noiseLevel,
  selectModel,
  spikefinderCorrelation,
  spikeModelForward,
  TRAINED_SPIKE_MODELS,
} from "../../kernel-ext/analysis/index.js";
import { discreteSpikes } from "../../kernel-ext/analysis/inference/model/discrete-spikes.js";
import { toModelGrid } from "../../kernel-ext/analysis/inference/model/resample.js";
import { readGroundTruth } from "../../kernel-ext/groundtruth/cattached.js";
import { findMatFiles } from "../../kernel-ext/groundtruth/convert-folder.js";
import { runPython } from "./support/python.js";

const repo = join(import.meta.dirname, "../..");
const modelDir = join(repo, "kernel-ext/analysis/inference/model");
const referencePath = join(import.meta.dirname, "spike-model-reference.json");
const matFiles = findMatFiles(join(repo, "data/groundtruth-mat"));
const datasetOf = (file: string) => /(DS\d\d)-/.exec(file)![1]!;
const cellName = (file: string) =>
  file
    .split("/")
    .pop()!
    .replace(/\.mat$/, "");

describe("analysis/inference/model: trained spike inference", function () {
  this.timeout(300_000);

  it("the bundled ground truth covers four datasets", () => {
    assert.deepEqual(matFiles.map(datasetOf).sort(), ["DS09", "DS10", "DS13", "DS14"]);
  });

  it("noise level and resampling to the model rate equal the training script's numpy code on real traces", () => {
    const cases = matFiles
      .map((f) => readGroundTruth(f)[0]!)
      .map((r) => ({ t: Array.from(r.fluoTime), y: Array.from(r.deltaFOverF) }));
    const ref = runPython<
      { nu: number; grids: Record<string, { t: number[]; y: number[]; resampled: boolean }> }[]
    >(
      `
sys.path.insert(0, ${JSON.stringify(join(repo, "scripts"))})
from spike_model.signal import noise_level, mean_rate, to_model_grid
out = []
for c in inp:
    t = np.array(c["t"]); y = np.array(c["y"])
    grids = {}
    for rate in (60.0, 30.0):
        g, v, r = to_model_grid(t, y, rate)
        grids[str(int(rate))] = {"t": g, "y": v, "resampled": bool(r)}
    out.append({"nu": noise_level(y, mean_rate(t)), "grids": grids})
`,
      cases,
    );
    cases.forEach((c, i) => {
      const t = Float64Array.from(c.t),
        y = Float64Array.from(c.y);
      const fs = (t.length - 1) / (t[t.length - 1]! - t[0]!);
      assert.ok(
        Math.abs(noiseLevel(y, fs) - ref[i]!.nu) <= 1e-12 * ref[i]!.nu,
        `${matFiles[i]}: ν ${noiseLevel(y, fs)} vs numpy ${ref[i]!.nu}`,
      );
      for (const rate of [60, 30]) {
        const g = toModelGrid(t, y, rate),
          r = ref[i]!.grids[String(rate)]!;
        assert.equal(g.resampled, r.resampled, `${matFiles[i]} at ${rate} Hz: resampled`);
        assert.equal(g.values.length, r.y.length, `${matFiles[i]} at ${rate} Hz: frames`);
        let d = 0;
        for (let k = 0; k < r.y.length; k++)
          d = Math.max(d, Math.abs(g.values[k]! - r.y[k]!), Math.abs(g.times[k]! - r.t[k]!));
        assert.ok(d <= 1e-12, `${matFiles[i]} at ${rate} Hz: max difference from numpy ${d}`);
      }
    });
  });

  it("the forward pass equals torch's on the same weights within 1e-5 (torch outputs recorded by the training script)", () => {
    const cases = JSON.parse(
      readFileSync(join(import.meta.dirname, "spike-model-torch-outputs.json"), "utf8"),
    ) as { model: string; input: number[]; noiseChannel: number; torch: number[] }[];
    assert.deepEqual(
      cases.map((c) => c.model).sort(),
      TRAINED_SPIKE_MODELS.filter((m) => m.heldOut === null)
        .map((m) => m.id)
        .sort(),
      "a case per final model",
    );
    for (const c of cases) {
      const model = TRAINED_SPIKE_MODELS.find((m) => m.id === c.model)!;
      const x = Float64Array.from(c.input);
      const out = spikeModelForward(model, [x, new Float64Array(x.length).fill(c.noiseChannel)]);
      assert.equal(out.length, c.torch.length);
      let d = 0,
        scale = 0;
      for (let i = 0; i < out.length; i++) {
        d = Math.max(d, Math.abs(out[i]! - c.torch[i]!));
        scale = Math.max(scale, Math.abs(c.torch[i]!));
      }
      assert.ok(scale > 1e-3, `${c.model}: torch outputs not all ~0`);
      assert.ok(d <= 1e-5, `${c.model}: max |TypeScript − torch| = ${d}`);
    }
    const manifest = JSON.parse(
      readFileSync(join(modelDir, "trained-models.manifest.json"), "utf8"),
    );
    assert.ok(
      manifest.typescriptForwardCheck.maxAbsDifference <= 1e-5,
      "the training script's check over every model",
    );
  });

  it("each model's SHA-256 is that of its weights, as the manifest records; ≤ 5 MB in all", () => {
    const manifest = JSON.parse(
      readFileSync(join(modelDir, "trained-models.manifest.json"), "utf8"),
    ) as { models: { id: string; sha256: string }[] };
    let bytes = 0;
    for (const m of TRAINED_SPIKE_MODELS) {
      const h = createHash("sha256");
      for (const l of m.members.flatMap((member) => member.layers)) {
        for (const part of [l.weight, l.bias]) {
          const b = Buffer.from(part, "base64");
          bytes += b.length;
          h.update(b);
        }
      }
      assert.equal(h.digest("hex"), m.sha256, m.id);
      assert.equal(
        manifest.models.find((x) => x.id === m.id)?.sha256,
        m.sha256,
        `${m.id} in the manifest`,
      );
    }
    assert.ok(bytes <= 5e6, `${bytes} bytes of weights`);
  });

  it("reproduces the committed reference outputs exactly (fold models, four real cells)", () => {
    const now = matFiles.map((f) => {
      const rec = readGroundTruth(f)[0]!;
      const n = Math.min(rec.fluoTime.length, 3000);
      const res = inferSpikes(
        { values: rec.deltaFOverF.subarray(0, n), timestamps: rec.fluoTime.subarray(0, n) },
        { notTrainedOn: datasetOf(f) },
      );
      return {
        cell: cellName(f),
        model: res.model.id,
        sha256: res.model.sha256,
        noiseLevel: res.noiseLevel,
        modelNoiseLevel: res.modelNoiseLevel,
        modelRate: res.modelRate,
        rate: Array.from(res.rate),
        spikeTimes: Array.from(res.spikeTimes),
      };
    });
    if (process.env.SPIKE_MODEL_REFERENCE === "write")
      writeFileSync(referencePath, JSON.stringify(now) + "\n");
    const ref = JSON.parse(readFileSync(referencePath, "utf8"));
    assert.deepEqual(now, ref);
  });

  it("scores the bundled cells with their fold models as the cross-validation (numpy/torch) did", () => {
    const manifest = JSON.parse(
      readFileSync(join(modelDir, "trained-models.manifest.json"), "utf8"),
    );
    for (const f of matFiles) {
      const ds = Object.keys(manifest.crossValidation["60Hz"]).find((k) =>
        k.startsWith(datasetOf(f)),
      )!;
      const py = manifest.crossValidation["60Hz"][ds].cells.find(
        (c: { cell: string }) => c.cell === cellName(f),
      ).spikefinder as number;
      const rs = readGroundTruth(f).map((rec) => {
        const res = inferSpikes(
          { values: rec.deltaFOverF, timestamps: rec.fluoTime },
          { notTrainedOn: datasetOf(f), onWarning: () => {} },
        );
        assert.equal(res.model.heldOut, ds);
        return spikefinderCorrelation(res.rate, rec.spikeTimes, { times: rec.fluoTime });
      });
      const ts = rs.reduce((a, b) => a + b, 0) / rs.length;
      assert.ok(Math.abs(ts - py) <= 1e-4, `${cellName(f)}: TypeScript r ${ts} vs torch ${py}`);
    }
  });

  it("chooses the model by frame rate; a fold model by held-out dataset", () => {
    assert.equal(selectModel(158).rate, 60);
    assert.equal(selectModel(60.1).rate, 60);
    assert.equal(selectModel(30).rate, 30);
    assert.equal(selectModel(45).rate, 30);
    assert.equal(selectModel(10).rate, 30, "slower than every model: the slowest");
    assert.equal(selectModel(158, "DS10").heldOut, "DS10-GCaMP6f-m-V1-neuropil-corrected");
    assert.equal(
      selectModel(158, "DS13-GCaMP6s-m-V1-neuropil-corrected").heldOut,
      "DS13-GCaMP6s-m-V1-neuropil-corrected",
    );
    assert.throws(
      () => selectModel(60, "DS99"),
      /notTrainedOn: no model held out dataset "DS99"; fold models exist for DS09, DS10, DS11, DS13, DS14/,
    );
  });

  it("fills NaN gaps by linear interpolation as for OASIS, and counts them", () => {
    const rec = readGroundTruth(matFiles[1]!)[0]!;
    const t = rec.fluoTime.subarray(0, 4000);
    const y = Float64Array.from(rec.deltaFOverF.subarray(0, 4000));
    const gap = Float64Array.from(y);
    for (let i = 1000; i < 1010; i++) gap[i] = NaN;
    gap[0] = NaN;
    const filled = Float64Array.from(y);
    for (let i = 1000; i < 1010; i++) filled[i] = y[999]! + ((y[1010]! - y[999]!) * (i - 999)) / 11;
    filled[0] = y[1]!;
    const a = inferSpikes({ values: gap, timestamps: t }, { onWarning: () => {} });
    const b = inferSpikes({ values: filled, timestamps: t }, { onWarning: () => {} });
    assert.equal(a.nanFramesFilled, 11);
    assert.deepEqual(Array.from(a.rate), Array.from(b.rate));
    assert.throws(
      () => inferSpikes({ values: new Float64Array(200).fill(NaN), rate: 60, startTime: 0 }),
      /series\.values: no finite sample/,
    );
  });

  it("a trace shorter than the window is an error naming the minimum", () => {
    const m = selectModel(60);
    const short = new Float64Array(m.receptiveField - 1).map((_, i) => Math.sin(i));
    assert.throws(
      () => inferSpikes({ values: short, rate: 60, startTime: 0 }),
      new RegExp(
        `too short for spike inference: the 60Hz model needs at least ${m.receptiveField} frames at 60 Hz`,
      ),
    );
    const ok = new Float64Array(m.receptiveField).map((_, i) => Math.sin(i) * 0.01);
    assert.equal(
      inferSpikes({ values: ok, rate: 60, startTime: 0 }, { onWarning: () => {} }).rate.length,
      m.receptiveField,
    );
  });

  it("warns when the frame rate or the noise level is outside the trained range, naming the range", () => {
    const rec = readGroundTruth(matFiles[0]!)[0]!;
    const y = rec.deltaFOverF.subarray(0, 6000);
    const slow = inferSpikes({ values: y, rate: 5, startTime: 0 }, { onWarning: () => {} });
    assert.match(
      slow.warnings.join("\n"),
      /frame rate 5\.00 Hz is outside the trained range 30–\d+(\.\d+)? Hz/,
    );
    const fast = inferSpikes({ values: y, rate: 1000, startTime: 0 }, { onWarning: () => {} });
    assert.match(fast.warnings.join("\n"), /frame rate 1000\.00 Hz is outside the trained range/);
    const seen: string[] = [];
    const noisy = Float64Array.from(y, (v, i) => v + (i % 2 ? 0.6 : -0.6));
    const res = inferSpikes(
      { values: noisy, timestamps: rec.fluoTime.subarray(0, 6000) },
      { onWarning: (m) => seen.push(m) },
    );
    assert.match(
      seen.join("\n"),
      /noise level ν = \d+\.\d\d %·s\^-1\/2 is outside the trained range [\d.]+–8/,
    );
    assert.deepEqual(res.warnings, seen);
    const fine = inferSpikes(
      { values: y, timestamps: rec.fluoTime.subarray(0, 6000) },
      { onWarning: (m) => seen.push(m) },
    );
    assert.deepEqual(fine.warnings, []);
  });

  it("takes {values, rate, startTime} and {values, timestamps} alike and reports rate and noise level", () => {
    const rec = readGroundTruth(matFiles[0]!)[0]!;
    const y = rec.deltaFOverF.subarray(0, 3000);
    const a = inferSpikes({ values: y, rate: 60, startTime: 2 }, { onWarning: () => {} });
    const b = inferSpikes(
      { values: y, timestamps: Float64Array.from(y, (_, i) => 2 + i / 60) },
      { onWarning: () => {} },
    );
    assert.deepEqual(a, b);
    assert.ok(Math.abs(a.frameRate - 60) < 1e-9);
    assert.ok(a.noiseLevel > 0.1 && a.noiseLevel < 3, `ν ${a.noiseLevel}`);
    assert.throws(() => inferSpikes(Float64Array.from(y) as never), /series: expected/);
  });

  it("discrete spikes: one per isolated bump at its centre, n for a bump of integral n", () => {
    const times = Float64Array.from({ length: 400 }, (_, i) => i / 60);
    const rate = new Float64Array(400);
    const bump = (centre: number, area: number) => {
      for (let i = 0; i < 400; i++)
        rate[i] +=
          (area / (1.5 * Math.sqrt(2 * Math.PI))) * Math.exp(-0.5 * ((i - centre) / 1.5) ** 2);
    };
    bump(100, 1);
    bump(300, 3);
    const s = discreteSpikes(rate, times, 1.5);
    assert.equal(s.length, 4);
    assert.ok(Math.abs(s[0]! - 100 / 60) < 0.5 / 60, `first spike at ${s[0]! * 60} frames`);
    for (const v of s.slice(1))
      assert.ok(Math.abs(v - 300 / 60) < 3 / 60, `burst spike at ${v * 60} frames`);
  });
});

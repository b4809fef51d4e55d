// The TypeScript forward pass of the trained spike-inference networks on inputs given by
// scripts/train-spike-model.py, compared with torch's outputs for the same inputs:
//   npx tsx scripts/spike-model-forward.ts cases.json   →   {"maxAbsDifference": …, "maxAbsOutput": …}
// cases.json: [{ model, input: number[], noiseChannel: number, torch: number[] }, …]
import { readFileSync } from "node:fs";
import { spikeModelForward, TRAINED_SPIKE_MODELS } from "../kernel-ext/analysis/index.js";

interface Case {
  model: string;
  input: number[];
  noiseChannel: number;
  torch: number[];
}

const path = process.argv[2];
if (!path) {
  console.error("usage: npx tsx scripts/spike-model-forward.ts cases.json");
  process.exit(2);
}
const cases = JSON.parse(readFileSync(path, "utf8")) as Case[];
let maxAbsDifference = 0,
  maxAbsOutput = 0;
for (const c of cases) {
  const model = TRAINED_SPIKE_MODELS.find((m) => m.id === c.model);
  if (!model) {
    console.error(
      `${path}: no trained model "${c.model}" in kernel-ext/analysis/inference/model/trained-models.ts`,
    );
    process.exit(1);
  }
  const x = Float64Array.from(c.input);
  const out = spikeModelForward(model, [x, new Float64Array(x.length).fill(c.noiseChannel)]);
  if (out.length !== c.torch.length) {
    console.error(`${c.model}: TypeScript gave ${out.length} outputs, torch ${c.torch.length}`);
    process.exit(1);
  }
  for (let i = 0; i < out.length; i++) {
    maxAbsDifference = Math.max(maxAbsDifference, Math.abs(out[i]! - c.torch[i]!));
    maxAbsOutput = Math.max(maxAbsOutput, Math.abs(c.torch[i]!));
  }
}
console.log(JSON.stringify({ maxAbsDifference, maxAbsOutput }));

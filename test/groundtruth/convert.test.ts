import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { convertGroundTruthFile } from "../../kernel-ext/groundtruth/convert.js";
import { openNWB, type DynamicTable, type TimeSeries } from "../../kernel-ext/nwb/index.js";
import { pythonJSON, repoPath, scipyMissing, validate, validatorMissing } from "../write/python.js";
import { BUNDLED_MAT } from "./fixtures.js";
import { runTsnwb } from "../support/cli.js";

const sha256 = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");
const RECORDINGS = repoPath("data", "recordings");
const BUNDLED = [
  ["Chen2013_GCaMP6f_cell1C_rec0.nwb", BUNDLED_MAT[0], 0],
  ["Chen2013_GCaMP6s_cell4_rec1.nwb", BUNDLED_MAT[1], 1],
  ["Allen_GCaMP6f_Emx1_102959_rec0.nwb", BUNDLED_MAT[2], 0],
  ["Allen_GCaMP6s_Cux2_102436_rec0.nwb", BUNDLED_MAT[3], 0],
] as const;

/**
 * A plain threshold detector: upward crossings of median + threshold, each reported at the
 * maximum within the next millisecond.
 */
function thresholdSpikes(v: Float64Array, rate: number, threshold: number): number[] {
  const sorted = Float64Array.from(v).sort();
  const level = sorted[sorted.length >> 1] + threshold;
  const out: number[] = [];
  const win = Math.round(0.001 * rate);
  for (let i = 1; i < v.length; i++) {
    if (v[i] > level && v[i - 1] <= level) {
      let best = i;
      for (let k = i; k < Math.min(v.length, i + win); k++) if (v[k] > v[best]) best = k;
      out.push(best / rate);
    }
  }
  return out;
}

describe("ground truth → NWB converter", function () {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-convert-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("every bundled recording passes the NWB validator with 0 errors", async function () {
    const why = await validatorMissing();
    if (why) {
      console.log(`      skipped: ${why}`);
      this.skip();
    }
    for (const [name] of BUNDLED)
      assert.equal(await validate(join(RECORDINGS, name)), "0 errors", name);
  });

  for (const [name, mat, recording] of BUNDLED) {
    it(`${name}: h5py reads the same ΔF/F, frame times, spike times and images as scipy.io.loadmat`, async function () {
      const why = await scipyMissing();
      if (why) {
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      const r = await pythonJSON<Record<string, unknown>>(
        `
import json, sys, h5py, numpy as np, scipy.io
f = h5py.File(sys.argv[1], "r"); e = scipy.io.loadmat(sys.argv[2])["CAttached"].flat[int(sys.argv[3])][0, 0]
dff = f["processing/ophys/DfOverF/roi_response_series"]; F = f["processing/ophys/Fluorescence/roi_response_series"]
mv = f["acquisition/TwoPhotonSeries_green"]
F0 = float(F["data"][:].mean() / (1 + e["fluo_mean"].ravel().mean()))
out = {
  "dff_equal": bool(np.array_equal(dff["data"][:], e["fluo_mean"].ravel())),
  "dff_dtype": str(dff["data"].dtype),
  "times_equal": bool(np.array_equal(dff["timestamps"][:], e["fluo_time"].ravel())),
  "F_times_equal": bool(np.array_equal(F["timestamps"][:], e["fluo_time"].ravel())),
  "spikes_equal": bool(np.array_equal(f["units/spike_times"][:], e["events_AP"].ravel() / 1e4)),
  "spike_index": f["units/spike_times_index"][:].tolist(), "n_spikes": int(e["events_AP"].size),
  "F_relative_error": float(np.max(np.abs((F["data"][:] - F0) / F0 - e["fluo_mean"].ravel()))),
  "movie_times_equal": bool(np.array_equal(mv["timestamps"][:], e["fluo_time"].ravel()[:mv["data"].shape[0]])),
  "movie_frames": int(mv["data"].shape[0]), "frames_in_30s": int((e["fluo_time"].ravel() < 30).sum()),
  "movie_dtype": str(mv["data"].dtype),
}
if "AVG_movie" in e.dtype.names:
    out["image_equal"] = bool(np.array_equal(f["processing/ophys/ground_truth_images/mean_image"][:], e["AVG_movie"]))
    out["roi_equal"] = bool(np.array_equal(f["processing/ophys/ground_truth_images/roi_mask"][:], e["ROI_map_input"]))
print(json.dumps(out))`,
        join(RECORDINGS, name),
        mat,
        String(recording),
      );
      assert.equal(r.dff_equal, true);
      assert.equal(r.dff_dtype, "float64");
      assert.equal(r.times_equal, true);
      assert.equal(r.F_times_equal, true);
      assert.equal(r.spikes_equal, true);
      assert.deepEqual(r.spike_index, [r.n_spikes]);
      assert.ok(
        (r.F_relative_error as number) < 1e-9,
        `(F − F0)/F0 differs from ΔF/F by ${r.F_relative_error}`,
      );
      assert.equal(r.movie_times_equal, true);
      assert.equal(r.movie_frames, r.frames_in_30s);
      assert.equal(r.movie_dtype, "uint16");
      if (name.startsWith("Chen")) {
        assert.equal(r.image_equal, true);
        assert.equal(r.roi_equal, true);
      }
    });
  }

  it("a plain threshold detector on the reconstructed voltage (read with openNWB) gives back the real spike times", async () => {
    for (const [name] of BUNDLED) {
      const f = await openNWB(join(RECORDINGS, name));
      try {
        const truth = Array.from(
          (await (f.get("units") as DynamicTable).row(0)).spike_times as ArrayLike<number>,
        );
        for (const path of [
          "acquisition/ElectricalSeries_raw",
          "processing/ecephys/ElectricalSeries_processed",
        ]) {
          const es = f.get(path) as TimeSeries;
          const w = await es.readAll();
          const volts = w.data.data as Float64Array;
          const rate = es.rate!;
          const found = thresholdSpikes(volts, rate, 0.0003);
          const end = volts.length / rate - 0.003; // a spike in the last 3 ms may be cut off
          const expected = truth.filter((t) => t < end);
          assert.ok(expected.length >= 9, `${name}: at least 9 spikes in the reconstructed window`);
          assert.equal(
            found.length,
            expected.length,
            `${name} ${path}: ${found.length} detected, ${expected.length} real`,
          );
          const worst = Math.max(...found.map((t, i) => Math.abs(t - expected[i])));
          // Noise moves the sampled maximum of a sharp AP by a sample or two: 0.1 ms tolerance.
          assert.ok(worst <= 1e-4, `${name} ${path}: worst timing error ${worst} s`);
        }
      } finally {
        await f.close();
      }
    }
  });

  it("is deterministic: converting a bundled cell again gives the committed file byte for byte", async () => {
    const [name, mat] = BUNDLED[2];
    const out = join(dir, "again");
    const [written] = await convertGroundTruthFile(mat, out, {
      seconds: 30,
      fov: 24,
      somaRadius: 6,
    });
    assert.equal(basename(written), name);
    assert.equal(sha256(written), sha256(join(RECORDINGS, name)));
  });

  it("bad input: errors name file and field, and no output file is left behind", async () => {
    const out = join(dir, "bad-out");
    mkdirSync(out);
    const notMat = join(dir, "CAttached_Allen_Emx1_1_neuropil_subtracted_mini.mat");
    cpSync(repoPath("data", "README.md"), notMat);
    await assert.rejects(
      convertGroundTruthFile(notMat, out),
      (e: Error) => e.message.startsWith(notMat) && /a MATLAB v5 MAT-file/.test(e.message),
    );
    await assert.rejects(
      convertGroundTruthFile(BUNDLED_MAT[1], out, { recordings: [5] }),
      /CAttached: a recording number between 1 and 3, got 6/,
    );
    assert.deepEqual(readdirSync(out), []);
  });

  describe("tsnwb convert-groundtruth (built CLI)", () => {
    const cli = (...args: string[]) => runTsnwb(["convert-groundtruth", ...args]);
    before(function () {
      if (
        !existsSync(repoPath("dist", "kernel-ext", "cli", "commands", "convert-groundtruth.js"))
      ) {
        console.log("      skipped: the CLI is not built (npm run build)");
        this.skip();
      }
    });

    it("--all converts a ground-truth folder into a cache with the same subfolders, then keeps it", async () => {
      const gt = join(dir, "gt");
      const sub = "DS13-GCaMP6s-m-V1-neuropil-corrected";
      mkdirSync(join(gt, sub), { recursive: true });
      cpSync(BUNDLED_MAT[3], join(gt, sub, basename(BUNDLED_MAT[3])));
      const cache = join(dir, "cache");
      const opts = ["--seconds", "2", "--fov", "12", "--soma-radius", "4"];
      const first = await cli("--all", gt, cache, ...opts);
      assert.equal(first.code, 0, first.stderr);
      const out = join(cache, sub, "Allen_GCaMP6s_Cux2_102436_rec0.nwb");
      assert.match(first.stdout, /^wrote .*Allen_GCaMP6s_Cux2_102436_rec0\.nwb$/m);
      assert.match(first.stdout, /1 recordings \(1 written\)/);
      const hash = sha256(out);
      const second = await cli("--all", gt, cache, ...opts);
      assert.match(second.stdout, /^cached .*Allen_GCaMP6s_Cux2_102436_rec0\.nwb$/m);
      assert.equal(sha256(out), hash);
      const why = await validatorMissing();
      if (!why) assert.equal(await validate(out), "0 errors");
    });

    it("exits 1 with the file and field for a malformed .mat, 2 for bad options", async () => {
      const out = join(dir, "cli-bad");
      const bad = join(dir, "CAttached_Allen_Emx1_2_neuropil_subtracted_mini.mat");
      cpSync(repoPath("data", "README.md"), bad);
      const r = await cli(bad, out);
      assert.equal(r.code, 1);
      assert.ok(r.stderr.includes(bad), r.stderr);
      assert.match(r.stderr, /a MATLAB v5 MAT-file/);
      assert.equal(existsSync(out) ? readdirSync(out).length : 0, 0);
      const opt = await cli(BUNDLED_MAT[0], out, "--fov", "zero");
      assert.equal(opt.code, 2);
      assert.match(opt.stderr, /--fov needs a positive integer, got zero/);
    });
  });
});

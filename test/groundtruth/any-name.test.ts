// `tsnwb convert-groundtruth` on a ground-truth file under a plain name: the options say what the
// CASCADE name would; without them, a usage error names the options to pass. Real files from
// ../shared/data/groundtruth, values checked against scipy.io.loadmat.
import { strict as assert } from "node:assert";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTsnwb } from "../support/cli.js";
import { pythonJSON, repoPath, scipyMissing } from "../write/python.js";

const SHARED = repoPath("..", "shared", "data", "groundtruth");
const ALLEN = join(
  SHARED,
  "DS11-GCaMP6f-m-V1-neuropil-corrected",
  "CAttached_Allen_Cux2f_103703_neuropil_subtracted_mini.mat",
);
const CHEN = join(SHARED, "DS14-GCaMP6s-m-V1", "CAttached_Chen2013_GC6s_cell1B_full_mini.mat");
const SMALL = ["--seconds", "2", "--fov", "12", "--soma-radius", "4"];

/** h5py's and scipy.io.loadmat's view of one converted recording: are the real values unchanged? */
const COMPARE = `
import json, sys, h5py, numpy as np, scipy.io
f = h5py.File(sys.argv[1], "r"); e = scipy.io.loadmat(sys.argv[2])["CAttached"].flat[int(sys.argv[3])][0, 0]
dff = f["processing/ophys/DfOverF/roi_response_series"]
out = {
  "dff_equal": bool(np.array_equal(dff["data"][:], e["fluo_mean"].ravel())),
  "times_equal": bool(np.array_equal(dff["timestamps"][:], e["fluo_time"].ravel())),
  "spikes_equal": bool(np.array_equal(f["units/spike_times"][:], e["events_AP"].ravel() / 1e4)),
  "n_spikes": int(e["events_AP"].size),
  "identifier": f["identifier"][()].decode(),
  "indicator": f["general/optophysiology/ImagingPlane/indicator"][()].decode(),
  "institution": f["general/institution"][()].decode(),
}
if "AVG_movie" in e.dtype.names:
    out["image_equal"] = bool(np.array_equal(f["processing/ophys/ground_truth_images/mean_image"][:], e["AVG_movie"]))
    out["roi_equal"] = bool(np.array_equal(f["processing/ophys/ground_truth_images/roi_mask"][:], e["ROI_map_input"]))
print(json.dumps(out))`;

interface Compared {
  dff_equal: boolean;
  times_equal: boolean;
  spikes_equal: boolean;
  n_spikes: number;
  identifier: string;
  indicator: string;
  institution: string;
  image_equal?: boolean;
  roi_equal?: boolean;
}

describe("tsnwb convert-groundtruth: a ground-truth file whatever its name", () => {
  let dir: string;
  before(async function () {
    if (!existsSync(ALLEN) || !existsSync(CHEN)) {
      console.log(`      skipped: the shared ground-truth collection is not at ${SHARED}`);
      this.skip();
    }
    const why = await scipyMissing();
    if (why) {
      console.log(`      skipped: ${why}`);
      this.skip();
    }
    if (!existsSync(repoPath("dist", "kernel-ext", "cli", "commands", "convert-groundtruth.js"))) {
      console.log("      skipped: the CLI is not built (npm run build)");
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), "tsnwb-any-name-"));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("without options: exit 2, the file named, every missing option listed, nothing written", async () => {
    const plain = join(dir, "cell.mat");
    copyFileSync(ALLEN, plain);
    const out = join(dir, "refused");
    const none = await runTsnwb(["convert-groundtruth", plain, out, ...SMALL]);
    assert.equal(none.code, 2);
    assert.equal(
      none.stderr,
      `tsnwb convert-groundtruth: ${plain}: the file name does not say the lab, indicator, mouse line (it is not a CASCADE ground-truth name such as CAttached_Chen2013_GC6f_cellX….mat or CAttached_Allen_<line>_<id>_….mat); pass --lab Chen2013|Allen --indicator GCaMP6f|GCaMP6s --line LINE (with --lab Allen, e.g. Emx1); see \`tsnwb convert-groundtruth --help\`\n`,
    );
    const some = await runTsnwb(["convert-groundtruth", plain, out, "--lab", "Allen", ...SMALL]);
    assert.equal(some.code, 2);
    assert.match(
      some.stderr,
      /does not say the indicator, mouse line .*; pass --indicator GCaMP6f\|GCaMP6s --line LINE \(e\.g\. Emx1, Cux2\); see/,
    );
    const chenLine = await runTsnwb([
      "convert-groundtruth",
      plain,
      out,
      "--lab",
      "Chen2013",
      "--indicator",
      "GCaMP6s",
      "--line",
      "Emx1",
    ]);
    assert.equal(chenLine.code, 2);
    assert.match(chenLine.stderr, /a mouse line \(--line Emx1\) applies to the Allen cells only/);
    assert.equal(existsSync(out) ? readdirSync(out).length : 0, 0);
  });

  it("an Allen cell under a plain name, with --lab --indicator --line: the real values unchanged (vs scipy.io.loadmat)", async () => {
    const plain = join(dir, "my recording.mat");
    copyFileSync(ALLEN, plain);
    const out = join(dir, "allen");
    const r = await runTsnwb([
      "convert-groundtruth",
      plain,
      out,
      "--lab",
      "Allen",
      "--indicator",
      "GCaMP6f",
      "--line",
      "Cux2",
      ...SMALL,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    const written = join(out, "Allen_GCaMP6f_Cux2_my-recording_rec0.nwb");
    assert.equal(r.stdout, `wrote ${written}\n`);
    const c = await pythonJSON<Compared>(COMPARE, written, plain, "0");
    assert.deepEqual([c.dff_equal, c.times_equal, c.spikes_equal], [true, true, true]);
    assert.ok(c.n_spikes > 0);
    assert.equal(c.identifier, "CASCADE-Allen-GCaMP6f-Cux2-my-recording-rec0");
    assert.equal(c.indicator, "GCaMP6f");
    assert.equal(c.institution, "Allen Institute for Brain Science");
  });

  it("a Chen et al. cell under a plain name, with --lab --indicator --cell and --recording: values and images unchanged", async () => {
    const plain = join(dir, "gt.mat");
    copyFileSync(CHEN, plain);
    const out = join(dir, "chen");
    const r = await runTsnwb([
      "convert-groundtruth",
      plain,
      out,
      "--lab",
      "Chen2013",
      "--indicator",
      "GCaMP6s",
      "--cell",
      "cellB",
      "--recording",
      "1",
      ...SMALL,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const written = join(out, "Chen2013_GCaMP6s_cellB_rec0.nwb");
    assert.equal(r.stdout, `wrote ${written}\n`);
    const c = await pythonJSON<Compared>(COMPARE, written, plain, "0");
    assert.deepEqual(
      [c.dff_equal, c.times_equal, c.spikes_equal, c.image_equal, c.roi_equal],
      [true, true, true, true, true],
    );
    assert.equal(c.identifier, "CASCADE-Chen2013-GCaMP6s-cellB-rec0");
    assert.equal(c.indicator, "GCaMP6s");
  });

  it("options win over a CASCADE name (a DS13-style file named Cux2f, said to be GCaMP6s)", async () => {
    const named = join(dir, "CAttached_Allen_Cux2f_103703_neuropil_subtracted_mini.mat");
    copyFileSync(ALLEN, named);
    const out = join(dir, "override");
    const r = await runTsnwb([
      "convert-groundtruth",
      named,
      out,
      "--indicator",
      "GCaMP6s",
      ...SMALL,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const written = join(out, "Allen_GCaMP6s_Cux2_103703_rec0.nwb");
    const c = await pythonJSON<Compared>(COMPARE, written, named, "0");
    assert.equal(c.indicator, "GCaMP6s");
    assert.equal(c.dff_equal, true);
  });

  it("--all: a plain-named file stops the run before anything is written, and the options make it convert", async () => {
    const gt = join(dir, "gt-folder");
    const sub = join(gt, "DS11-GCaMP6f-m-V1-neuropil-corrected");
    mkdirSync(sub, { recursive: true });
    copyFileSync(ALLEN, join(sub, "CAttached_Allen_Cux2f_103703_neuropil_subtracted_mini.mat"));
    copyFileSync(ALLEN, join(sub, "zz-plain.mat"));
    const out = join(dir, "all");
    const refused = await runTsnwb(["convert-groundtruth", "--all", gt, out, ...SMALL]);
    assert.equal(refused.code, 2);
    assert.match(
      refused.stderr,
      /zz-plain\.mat: the file name does not say the lab, indicator, mouse line/,
    );
    assert.equal(existsSync(out) ? readdirSync(out).length : 0, 0);
    const ok = await runTsnwb([
      "convert-groundtruth",
      "--all",
      gt,
      out,
      "--lab",
      "Allen",
      "--indicator",
      "GCaMP6f",
      "--line",
      "Cux2",
      ...SMALL,
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(readdirSync(join(out, "DS11-GCaMP6f-m-V1-neuropil-corrected")).sort(), [
      "Allen_GCaMP6f_Cux2_103703_rec0.nwb",
      "Allen_GCaMP6f_Cux2_zz-plain_rec0.nwb",
    ]);
  });
});

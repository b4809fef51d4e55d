// `tsnwb report` inputs: a folder stands for the .nwb files directly in it, sorted; an empty folder
// is a usage error; the help lists exactly the forms the reader accepts.
import { strict as assert } from "node:assert";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDandiAssetApiUrl } from "../../kernel-ext/nwb/remote/dandi-api.js";
import { isRemoteSource } from "../../kernel-ext/nwb/remote/resolve-source.js";
import { runTsnwb } from "../support/cli.js";
import { pythonJSON, repoPath, scipyMissing } from "../write/python.js";

const RECORDING = repoPath("data", "recordings", "Allen_GCaMP6f_Emx1_102959_rec0.nwb");

describe("tsnwb report INPUT forms", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-report-dir-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a folder: its .nwb files (not subfolders, not other files), sorted by name, each analysed", async function () {
    const why = await scipyMissing();
    if (why) {
      console.log(`      skipped: ${why}`);
      this.skip();
    }
    const folder = join(dir, "recordings");
    mkdirSync(join(folder, "sub"), { recursive: true });
    // b.nwb is not an NWB file: it fails on its own, and its place in the list shows the order.
    writeFileSync(join(folder, "b.nwb"), "not HDF5");
    copyFileSync(RECORDING, join(folder, "a.nwb"));
    copyFileSync(RECORDING, join(folder, "sub", "c.nwb"));
    writeFileSync(join(folder, "notes.txt"), "not an input");
    const out = join(dir, "out");
    const r = await runTsnwb(["report", folder, "--out", out, "--jobs", "1"]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /^tsnwb report: 2 files on 1 worker$/m);
    assert.match(r.stderr, /^tsnwb report: \[\d\/2\] FAILED .*b\.nwb: /m);
    for (const line of r.stderr.trimEnd().split("\n")) assert.match(line, /^tsnwb report: /);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as {
      cells: { file: string; ok: boolean; summary?: { spikes: number; frames: number } }[];
    };
    assert.deepEqual(
      report.cells.map((c) => [c.file, c.ok]),
      [
        [join(folder, "a.nwb"), true],
        [join(folder, "b.nwb"), false],
      ],
    );
    const ref = await pythonJSON<{ spikes: number; frames: number }>(
      `import h5py, json, sys
f = h5py.File(sys.argv[1], "r")
print(json.dumps({"spikes": int(f["units/spike_times"].shape[0]), "frames": int(f["processing/ophys/DfOverF/roi_response_series/data"].shape[0])}))`,
      RECORDING,
    );
    assert.equal(report.cells[0]!.summary!.spikes, ref.spikes);
    assert.equal(report.cells[0]!.summary!.frames, ref.frames);
  });

  it("an empty folder (or one without .nwb files) is a usage error naming it", async () => {
    const empty = join(dir, "empty");
    mkdirSync(empty);
    writeFileSync(join(empty, "readme.txt"), "");
    const out = join(dir, "out-empty");
    const r = await runTsnwb(["report", empty, "--out", out]);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `tsnwb report: ${empty}: no .nwb files in this folder (a folder argument stands for the .nwb files directly in it); see \`tsnwb report --help\`\n`,
    );
  });

  it("--help lists paths, folders, https://, s3:// and DANDI asset URLs, and the reader accepts each example", async () => {
    const r = await runTsnwb(["report", "--help"]);
    assert.equal(r.code, 0);
    const forms = r.stdout
      .split("\n")
      .filter((l) => /^ {2}\S/.test(l) && !l.trimStart().startsWith("--"))
      .map((l) => l.trim().split(/\s+/)[0]!);
    assert.deepEqual(forms, [
      "path/to/file.nwb",
      "path/to/folder",
      "https://host/file.nwb",
      "s3://bucket/key.nwb",
      "https://api.dandiarchive.org/api/assets/<asset",
    ]);
    assert.equal(isRemoteSource(forms[2]), true);
    assert.equal(isRemoteSource(forms[3]), true);
    assert.equal(isRemoteSource(forms[0]), false);
    const asset =
      "https://api.dandiarchive.org/api/assets/0d5b46fd-3a4b-4b4e-9b5b-0c6e7f1a2b3c/download/";
    assert.equal(isDandiAssetApiUrl(asset), true);
    assert.ok(
      r.stdout.includes(asset.replace("0d5b46fd-3a4b-4b4e-9b5b-0c6e7f1a2b3c", "<asset id>")),
    );
    assert.equal(
      isDandiAssetApiUrl(
        "https://api.dandiarchive.org/api/dandisets/000048/versions/draft/assets/0d5b46fd-3a4b-4b4e-9b5b-0c6e7f1a2b3c/",
      ),
      true,
    );
    assert.match(r.stdout, /…\/dandisets\/<id>\/versions\/<v>\/assets\/<asset id>\//);
  });
});

// Every usage error of every command: exit code 2, one line on stderr in the form
// `tsnwb <command>: <what>; see \`tsnwb <command> --help\``, nothing on stdout, nothing written.
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTsnwb } from "../support/cli.js";
import { repoPath } from "../write/python.js";

const RECORDING = repoPath("data", "recordings", "Allen_GCaMP6f_Emx1_102959_rec0.nwb");
const MAT = repoPath(
  "data",
  "groundtruth-mat",
  "DS10-GCaMP6f-m-V1-neuropil-corrected",
  "CAttached_Allen_Emx1_102959_neuropil_subtracted_mini.mat",
);

describe("tsnwb usage errors", () => {
  const dir = mkdtempSync(join(tmpdir(), "tsnwb-usage-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const out = () => join(dir, "out");
  // [command line, what the message must say]
  const cases: [() => string[], RegExp][] = [
    [() => ["report", RECORDING], /--out DIR is required/],
    [() => ["report", "--out", out()], /no input files/],
    [() => ["report", RECORDING, "--out"], /--out needs a value/],
    [
      () => ["report", RECORDING, "--otu", out()],
      /unknown option '--otu' \(did you mean --out\?\)/,
    ],
    [
      () => ["report", RECORDING, "-o", out(), "--jbos", "2"],
      /unknown option '--jbos' \(did you mean --jobs\?\)/,
    ],
    [
      () => ["report", RECORDING, "-o", out(), "--max-memory", "100"],
      /unknown option '--max-memory' \(did you mean --max-memory-mb\?\)/,
    ],
    [
      () => ["report", RECORDING, "-o", out(), "--jobs", "0"],
      /--jobs needs a whole number ≥ 1, got 0/,
    ],
    [
      () => ["report", RECORDING, "-o", out(), "--jobs=1.5"],
      /--jobs needs a whole number ≥ 1, got 1\.5/,
    ],
    [
      () => ["report", RECORDING, "-o", out(), "--max-memory-mb", "10"],
      /--max-memory-mb needs a number ≥ 64, got 10/,
    ],
    [() => ["info"], /FILE is required/],
    [() => ["info", RECORDING, RECORDING], /expected one FILE, got 2/],
    [() => ["info", RECORDING, "--jsno"], /unknown option '--jsno' \(did you mean --json\?\)/],
    [() => ["info", RECORDING, "--json=yes"], /--json takes no value/],
    [() => ["install", "--prefx", out()], /unknown option '--prefx' \(did you mean --prefix\?\)/],
    [
      () => ["install", "--user", "--prefix", out()],
      /choose one of --user, --sys-prefix, --prefix DIR/,
    ],
    [() => ["install", "--prefix"], /--prefix needs a value/],
    [() => ["install", "--name", "a/b", "--prefix", out()], /--name 'a\/b' may only contain/],
    [() => ["install", "extra", "--prefix", out()], /unexpected argument 'extra'/],
    [() => ["uninstall", "--display-name", "x"], /unknown option '--display-name'/],
    [
      () => ["uninstall", "--sys-prefx"],
      /unknown option '--sys-prefx' \(did you mean --sys-prefix\?\)/,
    ],
    [() => ["kernel"], /--config-path CONNECTION_FILE is required/],
    [
      () => ["kernel", "--config", "x.json"],
      /unknown option '--config' \(did you mean --config-path\?\)/,
    ],
    [() => ["convert-groundtruth", MAT], /expected IN\.mat and OUT_DIR, got 1 argument/],
    [
      () => ["convert-groundtruth", MAT, out(), "--fov", "zero"],
      /--fov needs a positive integer, got zero/,
    ],
    [
      () => ["convert-groundtruth", MAT, out(), "--secnds", "2"],
      /unknown option '--secnds' \(did you mean --seconds\?\)/,
    ],
    [
      () => ["convert-groundtruth", MAT, out(), "--indicatr", "GCaMP6f"],
      /unknown option '--indicatr' \(did you mean --indicator\?\)/,
    ],
    [
      () => ["convert-groundtruth", MAT, out(), "--lab", "Chen"],
      /--lab must be one of Chen2013, Allen, got 'Chen' \(did you mean Chen2013\?\)/,
    ],
    [
      () => ["convert-groundtruth", MAT, out(), "--indicator", "GCaMP7f"],
      /--indicator must be one of GCaMP6f, GCaMP6s, got 'GCaMP7f'/,
    ],
    [
      () => ["convert-groundtruth", MAT, out(), "--ephys-rate", "8000"],
      /--ephys-rate must be above 10000 Hz/,
    ],
    [() => ["convert-groundtruth", MAT, out(), "--force"], /--force applies to --all/],
    [
      () => ["convert-groundtruth", MAT, out(), "--recording", "2"],
      /CAttached: a recording number between 1 and 1, got 2/,
    ],
    [
      () => ["convert-groundtruth", "--all", dir, out(), "--recording", "1"],
      /--recording applies to a single \.mat file, not --all/,
    ],
  ];

  for (const [args, what] of cases) {
    it(`tsnwb ${args().join(" ").replaceAll(dir, "$TMP").replaceAll(repoPath(), "")}`, async () => {
      const argv = args();
      const r = await runTsnwb(argv);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, what);
      assert.ok(r.stderr.startsWith(`tsnwb ${argv[0]}: `), r.stderr);
      assert.ok(r.stderr.trimEnd().endsWith(`; see \`tsnwb ${argv[0]} --help\``), r.stderr);
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
      assert.equal(r.stdout, "");
      assert.equal(existsSync(out()), false, "a usage error writes nothing");
    });
  }
});

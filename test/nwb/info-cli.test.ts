// `tsnwb info` (the built CLI): the JSON contract lists exactly the typed groups/datasets h5py
// finds, with their shapes, rates and units; the text form is a tree; bad files exit non-zero.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { InfoJson, InfoJsonEntry } from "../../kernel-ext/cli/commands/info.js";
import { fixture, python, repoRoot, sha256File } from "./support.js";

const bin = join(repoRoot, "bin", "tsnwb.js");

function tsnwb(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: repoRoot });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const FILES = [
  "nwb-guide/sub-001_ses-1.nwb",
  "dandi-cli/sub-anm369963_ses-20170228.nwb",
  "nwb-explorer/test_TimeIntervals.nwb",
  "pynwb/2.1.0_nwbfile_with_extension.nwb",
  "matnwb/ecephys_tutorial.nwb",
];

describe("tsnwb info", function () {
  let ref: Record<string, InfoJsonEntry[]>;
  before(function () {
    assert.ok(
      existsSync(join(repoRoot, "dist", "kernel-ext", "cli", "commands", "info.js")),
      "run `npm run build` first",
    );
    ref = python(
      `
import h5py, json, sys
def text(v):
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        v = v.tolist()
        if isinstance(v, list): v = v[0]
    return v.decode() if isinstance(v, bytes) else v
out = {}
for p in sys.argv[1:]:
    f = h5py.File(p, "r"); entries = []
    def visit(g):
        t = g.attrs.get("neurodata_type")
        if t is not None:
            e = {"path": g.name, "neurodata_type": text(t), "namespace": text(g.attrs.get("namespace", ""))}
            if isinstance(g, h5py.Dataset):
                e["shape"] = list(g.shape)
            else:
                if "starting_time" in g and "rate" in g["starting_time"].attrs: e["rate"] = float(g["starting_time"].attrs["rate"])
                if "data" in g and isinstance(g["data"], h5py.Dataset) and "unit" in g["data"].attrs: e["unit"] = text(g["data"].attrs["unit"])
            entries.append(e)
        if isinstance(g, h5py.Group):
            for k in g:
                if isinstance(g.get(k, getlink=True), (h5py.SoftLink, h5py.ExternalLink)) or g.name == "/" and k == "specifications": continue
                visit(g[k])
    visit(f)
    out[p] = entries
print(json.dumps(out))
`,
      FILES.map(fixture),
    );
  });

  for (const rel of FILES) {
    it(`--json lists every typed object of ${rel} as h5py finds them`, function () {
      const file = fixture(rel);
      const hash = sha256File(file);
      const r = tsnwb(["info", file, "--json"]);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as InfoJson;
      assert.deepEqual(Object.keys(out), [
        "nwb_version",
        "identifier",
        "session_description",
        "objects",
      ]);
      const want = ref[file];
      const key = (e: InfoJsonEntry) => e.path;
      assert.deepEqual(
        out.objects.map(key).sort(),
        want.map(key).sort(),
        "one entry per typed group/dataset",
      );
      const byPath = new Map(out.objects.map((e) => [e.path, e]));
      for (const w of want) {
        const e = byPath.get(w.path)!;
        assert.equal(e.neurodata_type, w.neurodata_type, w.path);
        assert.equal(e.namespace, w.namespace || e.namespace, w.path);
        if (w.shape) assert.deepEqual(e.shape, w.shape, `${w.path} shape`);
        assert.equal(e.rate, w.rate, `${w.path} rate`);
        assert.equal(e.unit, w.unit, `${w.path} unit`);
      }
      assert.equal(sha256File(file), hash, "read-only");
    });
  }

  it("prints a tree of typed objects with shapes, rates and units", function () {
    const r = tsnwb(["info", fixture("nwb-guide/sub-001_ses-1.nwb")]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NWB 2\.6\.0 {2}identifier: /m);
    assert.match(
      r.stdout,
      /^\/acquisition\/ElectricalSeriesLF <ElectricalSeries> \(13163, 384\) int16 2500 Hz \[volts\]$/m,
    );
    assert.match(r.stdout, /^ {2}electrodes <DynamicTableRegion> \(384\) int64$/m);
    assert.match(r.stdout, /^\/general\/extracellular_ephys\/electrodes <DynamicTable>$/m);
  });

  it("exits 1 naming the file and the cause for NWB 1.x and non-HDF5 input; 2 for bad usage", function () {
    const v1 = fixture("pynwb/496908818s.nwb");
    const r = tsnwb(["info", v1]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /tsnwb info: .*496908818s\.nwb: \/nwb_version: NWB 1\.x is not supported \(found 1\.0\.5\)/,
    );
    const readme = join(repoRoot, "README.md");
    const t = tsnwb(["info", readme]);
    assert.equal(t.code, 1);
    assert.match(t.stderr, /README\.md: not an HDF5 file/);
    assert.equal(tsnwb(["info"]).code, 2);
    assert.equal(tsnwb(["info", v1, "--bogus"]).code, 2);
  });
});

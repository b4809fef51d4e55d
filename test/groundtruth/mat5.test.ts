import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { groundTruthFromMat, readGroundTruth } from "../../kernel-ext/groundtruth/cattached.js";
import {
  MatFileError,
  parseMat,
  readMat,
  type MatValue,
} from "../../kernel-ext/groundtruth/mat5.js";
import { pythonJSON, scipyMissing } from "../write/python.js";
import { BUNDLED_MAT } from "./fixtures.js";

interface LoadmatRecording {
  fluo_time: number[];
  fluo_mean: number[];
  spikes: number[];
  avg?: number[];
  avg_shape?: number[];
  roi?: number[];
  template?: number[];
  f0?: number;
}

// scipy.io.loadmat of every recording, images row-major (as scipy indexes them).
const LOADMAT = `
import json, sys, scipy.io
c = scipy.io.loadmat(sys.argv[1])["CAttached"]
out = []
for k in range(c.size):
    e = c.flat[k][0, 0]
    r = {"fluo_time": e["fluo_time"].ravel().tolist(), "fluo_mean": e["fluo_mean"].ravel().tolist(),
         "spikes": (e["events_AP"].ravel() / 1e4).tolist()}
    if "AVG_movie" in e.dtype.names:
        r["avg"] = e["AVG_movie"].ravel().tolist(); r["avg_shape"] = list(e["AVG_movie"].shape)
        r["roi"] = e["ROI_map_input"].ravel().tolist(); r["template"] = e["template"].ravel().tolist()
        r["f0"] = float(e["F0"].ravel()[0])
    out.append(r)
print(json.dumps(out))`;

describe("MAT v5 reader", function () {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-mat5-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const file of BUNDLED_MAT) {
    it(`reads ${file.split("/").pop()} with the values scipy.io.loadmat gives`, async function () {
      const why = await scipyMissing();
      if (why) {
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      const expected = await pythonJSON<LoadmatRecording[]>(LOADMAT, file);
      const got = readGroundTruth(file);
      assert.equal(got.length, expected.length);
      got.forEach((rec, k) => {
        const e = expected[k];
        assert.deepEqual(Array.from(rec.fluoTime), e.fluo_time);
        assert.deepEqual(Array.from(rec.deltaFOverF), e.fluo_mean);
        assert.deepEqual(Array.from(rec.spikeTimes), e.spikes);
        if (e.avg) {
          assert.deepEqual([rec.meanImage!.height, rec.meanImage!.width], e.avg_shape);
          assert.deepEqual(Array.from(rec.meanImage!.data), e.avg);
          assert.deepEqual(Array.from(rec.roiMask!.data), e.roi);
          assert.deepEqual(Array.from(rec.apTemplate!), e.template);
          assert.equal(rec.f0, e.f0);
        } else {
          assert.equal(rec.meanImage, undefined);
          assert.equal(rec.apTemplate, undefined);
        }
      });
    });
  }

  it("reads what scipy.io.savemat writes: struct arrays, cells, chars, integer/logical/single/complex, compressed or not", async function () {
    const why = await scipyMissing();
    if (why) {
      console.log(`      skipped: ${why}`);
      this.skip();
    }
    for (const compressed of [false, true]) {
      const p = join(dir, `types-${compressed}.mat`);
      await pythonJSON(
        `
import json, sys, numpy as np, scipy.io
s = np.zeros((1, 3), dtype=[("a", object), ("b", object)])
for k in range(3):
    s[0, k]["a"] = np.arange(k + 1, dtype=np.float64) * 1.5
    s[0, k]["b"] = "item%d" % k
cell = np.empty((1, 2), dtype=object); cell[0, 0] = np.array([[1, 2, 3]], dtype=np.int16); cell[0, 1] = "text"
scipy.io.savemat(sys.argv[1], {
    "s": s, "cell": cell, "name": "hello", "i16": np.array([[-3, 4], [5, -6]], dtype=np.int16),
    "u8": np.array([[0, 255, 7]], dtype=np.uint8), "big": np.array([[70000.5, -1e300]]),
    "small_ints_as_double": np.array([[1.0, 2.0, 3.0]]), "flag": np.array([[True, False]]),
    "f32": np.array([[0.25, -2.5]], dtype=np.float32), "z": np.array([[1 + 2j, 3 - 4j]]),
    "u64": np.array([[2**40 + 1]], dtype=np.uint64), "empty": np.zeros((0, 0))},
    do_compression=sys.argv[2] == "1")
print(json.dumps(0))`,
        p,
        compressed ? "1" : "0",
      );
      const m = readMat(p).variables;
      const num = (v: MatValue | undefined) => {
        assert.ok(v && v.kind === "numeric");
        return v;
      };
      const s = m.get("s");
      assert.ok(s && s.kind === "struct");
      assert.deepEqual(s.dims, [1, 3]);
      assert.deepEqual(s.fieldNames, ["a", "b"]);
      s.elements.forEach((el, k) => {
        assert.deepEqual(
          Array.from(num(el.a).data as Float64Array),
          Array.from({ length: k + 1 }, (_, i) => i * 1.5),
        );
        assert.deepEqual(el.b, { kind: "char", dims: [1, 5], text: `item${k}` });
      });
      const cell = m.get("cell");
      assert.ok(cell && cell.kind === "cell");
      assert.equal(num(cell.items[0]).class, "int16");
      assert.deepEqual(Array.from(num(cell.items[0]).data as Int16Array), [1, 2, 3]);
      assert.deepEqual(cell.items[1], { kind: "char", dims: [1, 4], text: "text" });
      assert.deepEqual(m.get("name"), { kind: "char", dims: [1, 5], text: "hello" });
      const i16 = num(m.get("i16"));
      assert.deepEqual(
        [i16.class, i16.dims, Array.from(i16.data as Int16Array)],
        ["int16", [2, 2], [-3, 5, 4, -6]],
      ); // column-major
      assert.deepEqual(Array.from(num(m.get("u8")).data as Uint8Array), [0, 255, 7]);
      assert.deepEqual(Array.from(num(m.get("big")).data as Float64Array), [70000.5, -1e300]);
      const small = num(m.get("small_ints_as_double"));
      assert.ok(small.data instanceof Float64Array);
      assert.deepEqual(Array.from(small.data), [1, 2, 3]);
      const flag = num(m.get("flag"));
      assert.deepEqual([flag.logical, Array.from(flag.data as Uint8Array)], [true, [1, 0]]);
      const f32 = num(m.get("f32"));
      assert.ok(f32.data instanceof Float32Array);
      assert.deepEqual(Array.from(f32.data), [0.25, -2.5]);
      const z = num(m.get("z"));
      assert.deepEqual(
        [Array.from(z.data as Float64Array), Array.from(z.imag as Float64Array)],
        [
          [1, 3],
          [2, -4],
        ],
      );
      assert.deepEqual(Array.from(num(m.get("u64")).data as BigUint64Array), [2n ** 40n + 1n]);
      assert.deepEqual(num(m.get("empty")).dims, [0, 0]);
    }
  });

  describe("bad input names the file and what was expected", () => {
    const expectError = (fn: () => unknown, file: string, message: RegExp) =>
      assert.throws(
        fn,
        (e: Error) =>
          e instanceof MatFileError && e.message.startsWith(file) && message.test(e.message),
      );

    it("not a MAT-file, a v7.3 MAT-file, a truncated file", () => {
      const text = join(dir, "notes.mat");
      writeFileSync(text, "just some text, certainly not a MATLAB file ".repeat(5));
      expectError(
        () => readMat(text),
        text,
        /a MATLAB v5 MAT-file \(header text 'MATLAB 5\.0 MAT-file'/,
      );
      const v73 = join(dir, "v73.mat");
      const header = Buffer.alloc(512);
      header.write(
        "MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Oct 21 01:13:14 2019 HDF5 schema 1.00 .".padEnd(
          116,
        ),
        0,
        "latin1",
      );
      header.writeUInt16LE(0x0200, 124);
      header.write("IM", 126, "latin1");
      writeFileSync(v73, header);
      expectError(() => readMat(v73), v73, /found an HDF5-based v7\.3 MAT-file/);
      const full = readFileSync(BUNDLED_MAT[2]);
      const cut = join(dir, "truncated.mat");
      writeFileSync(cut, full.subarray(0, full.length >> 1));
      expectError(() => readMat(cut), cut, /truncated file/);
      const missing = join(dir, "missing.mat");
      expectError(() => readMat(missing), missing, /a readable file/);
    });

    it("not the CAttached layout, inconsistent lengths, missing or malformed fields", async function () {
      const why = await scipyMissing();
      if (why) {
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      const make = async (name: string, code: string) => {
        const p = join(dir, name);
        await pythonJSON(
          `import json, sys, numpy as np, scipy.io\n${code}\nprint(json.dumps(0))`,
          p,
        );
        return p;
      };
      const rec = (extra: string) =>
        `r = {"fluo_time": np.arange(100)/30.0, "fluo_mean": np.zeros(100), "events_AP": np.array([[1000.0], [2000.0]])}\n${extra}`;
      const other = await make("other.mat", `scipy.io.savemat(sys.argv[1], {"data": np.zeros(3)})`);
      assert.throws(
        () => readGroundTruth(other),
        /other\.mat: CAttached: a variable named CAttached \(found: data\)/,
      );
      const short = await make(
        "short.mat",
        rec(`r["fluo_mean"] = np.zeros(99)\nscipy.io.savemat(sys.argv[1], {"CAttached": r})`),
      );
      assert.throws(
        () => readGroundTruth(short),
        /short\.mat: CAttached\.fluo_mean: 100 values \(one per fluo_time frame\), found 99/,
      );
      const twoRecs = await make(
        "tworecs.mat",
        rec(
          `r2 = dict(r); r2["fluo_time"] = np.arange(50)/30.0\ncell = np.empty((1, 2), dtype=object); cell[0, 0] = r; cell[0, 1] = r2\nscipy.io.savemat(sys.argv[1], {"CAttached": cell})`,
        ),
      );
      assert.throws(
        () => readGroundTruth(twoRecs),
        /tworecs\.mat: CAttached\{2\}\.fluo_mean: 50 values \(one per fluo_time frame\), found 100/,
      );
      const structArray = await make(
        "structarray.mat",
        `s = np.zeros((1, 2), dtype=[("fluo_time", object), ("fluo_mean", object), ("events_AP", object)])
for k, n in enumerate((100, 40)):
    s[0, k]["fluo_time"] = np.arange(100) / 30.0; s[0, k]["fluo_mean"] = np.zeros(n); s[0, k]["events_AP"] = np.array([[1000.0]])
scipy.io.savemat(sys.argv[1], {"CAttached": s})`,
      );
      assert.throws(
        () => readGroundTruth(structArray),
        /structarray\.mat: CAttached\(2\)\.fluo_mean: 100 values \(one per fluo_time frame\), found 40/,
      );
      const noSpikes = await make(
        "nospikes.mat",
        rec(`del r["events_AP"]\nscipy.io.savemat(sys.argv[1], {"CAttached": r})`),
      );
      assert.throws(
        () => readGroundTruth(noSpikes),
        /nospikes\.mat: CAttached\.events_AP: a field of this name \(missing\)/,
      );
      const unsorted = await make(
        "unsorted.mat",
        rec(
          `r["events_AP"] = np.array([[2000.0], [1000.0]])\nscipy.io.savemat(sys.argv[1], {"CAttached": r})`,
        ),
      );
      assert.throws(
        () => readGroundTruth(unsorted),
        /unsorted\.mat: CAttached\.events_AP: sorted spike times \(not at index 1\)/,
      );
      const textTime = await make(
        "texttime.mat",
        rec(`r["fluo_time"] = "abc"\nscipy.io.savemat(sys.argv[1], {"CAttached": r})`),
      );
      assert.throws(
        () => readGroundTruth(textTime),
        /texttime\.mat: CAttached\.fluo_time: a real numeric array, found char/,
      );
      const badRoi = await make(
        "badroi.mat",
        rec(
          `r["AVG_movie"] = np.ones((8, 8)); r["ROI_map_input"] = np.ones((8, 7), dtype=np.uint8)\nscipy.io.savemat(sys.argv[1], {"CAttached": r})`,
        ),
      );
      assert.throws(
        () => readGroundTruth(badRoi),
        /badroi\.mat: CAttached\.ROI_map_input: the size of AVG_movie \(8×8\), found 8×7/,
      );
      // A well-formed minimal file reads fine through the same path.
      const good = await make("good.mat", rec(`scipy.io.savemat(sys.argv[1], {"CAttached": r})`));
      const [g] = groundTruthFromMat(readMat(good), good);
      assert.deepEqual(Array.from(g.spikeTimes), [0.1, 0.2]);
    });
  });

  it("rejects bytes that are not a MAT-file without reading past the buffer", () => {
    assert.throws(
      () => parseMat(new Uint8Array(10), "tiny"),
      /tiny: a MATLAB v5 MAT-file \(shorter than the 128-byte header\)/,
    );
  });
});

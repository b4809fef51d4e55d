// Windows of whole rows are read by file position once HDF5 has shown where the rows lie
// (kernel-ext/nwb/h5/row-locations.ts). Every window here is compared byte for byte with h5py's
// read of the same rows, for the layouts served that way and for those that must stay on HDF5's
// path; the read statistics show which path served them.
import assert from "node:assert/strict";
import { join } from "node:path";
import { H5WasmFile } from "../../kernel-ext/nwb/h5/h5wasm-file.js";
import { loadNodeH5wasm } from "../../kernel-ext/nwb/h5/local.js";
import type { H5Selection } from "../../kernel-ext/nwb/h5/source.js";
import { python, repoRoot } from "./support.js";
import { type PythonFixture, writePythonFixture } from "../support/python-fixture.js";

type Case = { path: string; rows: number; windows: [number, number][] };

/** Windows inside one block, across block edges, at both ends, the whole dataset and an empty one. */
function windows(rows: number, block: number): [number, number][] {
  return [
    [0, 1],
    [5, 5],
    [block - 3, block + 3],
    [block * 2, block * 3],
    [rows - 7, rows],
    [Math.floor(rows / 3), Math.floor(rows / 3) + 2 * block + 17],
    [0, rows],
  ];
}

const CASES: (Case & { byPosition: boolean })[] = [
  { path: "/contiguous2d", rows: 20000, windows: windows(20000, 4096), byPosition: true },
  { path: "/contiguous3d", rows: 20000, windows: windows(20000, 1000), byPosition: true },
  { path: "/rowchunks", rows: 20500, windows: windows(20500, 1000), byPosition: true },
  {
    path: "/chunked1d",
    rows: 300_000,
    windows: windows(300_000, 4096).slice(0, 6),
    byPosition: true,
  },
  {
    path: "/sparsechunks",
    rows: 20000,
    windows: [
      [2500, 5500],
      [11990, 12010],
      [12400, 13100],
      [0, 20000],
      [4000, 4100],
    ],
    byPosition: true,
  },
  { path: "/narrowchunks", rows: 20000, windows: windows(20000, 1000), byPosition: false },
  { path: "/gzip", rows: 20000, windows: windows(20000, 1000), byPosition: false },
  { path: "/bigendian", rows: 20000, windows: windows(20000, 1000), byPosition: false },
  {
    path: "/virtual",
    rows: 20000,
    windows: [...windows(20000, 4096), [9990, 10010]],
    byPosition: false,
  },
  { path: "/unwritten", rows: 400_000, windows: windows(400_000, 4096), byPosition: false },
];

describe("NWB reader: row windows read by file position", function () {
  let fixture: PythonFixture<typeof expected>;
  let file: string;
  let h5: H5WasmFile;
  /** h5py's bytes of every window (little-endian, C order), by "path a b". */
  let expected: Record<string, string>;

  before(async function () {
    fixture = writePythonFixture({
      writer: join(repoRoot, "test", "nwb", "make_row_layouts.py"),
      fileName: "rows.h5",
      reference: `
import base64, h5py, json, sys
f = h5py.File(sys.argv[1], "r")
out = {}
for c in json.loads(sys.argv[2]):
    d = f[c["path"]]
    for a, b in c["windows"]:
        v = d[a:b]
        out[f'{c["path"]} {a} {b}'] = base64.b64encode(v.astype(v.dtype.newbyteorder("<")).tobytes()).decode()
print(json.dumps(out))
`,
      referenceArgs: [JSON.stringify(CASES)],
    });
    ({ file, ref: expected } = fixture);
    h5 = new H5WasmFile(await loadNodeH5wasm(), file);
  });

  after(function () {
    h5?.close();
    fixture?.dispose();
  });

  const bytesOf = (v: unknown) => {
    const a = v as ArrayBufferView;
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  };

  for (const c of CASES) {
    it(`${c.path}: every window equals h5py's, ${c.byPosition ? "served by file position" : "served by HDF5"}`, function () {
      const before = h5.stats.readsByPosition;
      for (const [a, b] of c.windows) {
        const got = h5.read(c.path, [[a, b]] as H5Selection);
        assert.equal(got.shape[0], b - a);
        const want = Buffer.from(expected[`${c.path} ${a} ${b}`], "base64");
        assert.ok(bytesOf(got.values).equals(want), `${c.path}[${a}:${b}] differs from h5py`);
      }
      const served = h5.stats.readsByPosition - before;
      if (c.byPosition)
        assert.ok(
          served >= c.windows.length - 3,
          `${c.path}: ${served} of ${c.windows.length} windows by position`,
        );
      else assert.equal(served, 0, `${c.path} must stay on HDF5's path`);
    });
  }

  it("columns of 2-D datasets (row blocks by position, picked in JS) equal h5py's, on every layout", function () {
    // Large enough for row blocks (≥ 4 MB of rows): 100,000 × 8 float64 per layout.
    const cols = python<Record<string, string>>(
      `
import base64, h5py, json, sys, numpy as np
rng = np.random.default_rng(5)
data = rng.normal(size=(100_000, 8))
with h5py.File(sys.argv[1], "w") as f:
    f.create_dataset("contiguous", data=data)
    f.create_dataset("chunked", data=data, chunks=(5_000, 8))
    f.create_dataset("narrow", data=data, chunks=(5_000, 4))
    s = f.create_dataset("sparse", shape=data.shape, dtype=data.dtype, chunks=(5_000, 8), fillvalue=7.0)
    s[25_000:60_000] = data[25_000:60_000]
with h5py.File(sys.argv[1], "r") as f:
    print(json.dumps({k: base64.b64encode(np.concatenate([f[k][1234:99_000, 3], f[k][:, 1:8:3].ravel()]).tobytes()).decode() for k in f}))
`,
      [join(fixture.dir, "columns.h5")],
    );
    const other = new H5WasmFile(
      (h5 as unknown as { h5: ConstructorParameters<typeof H5WasmFile>[0] }).h5,
      join(fixture.dir, "columns.h5"),
    );
    try {
      for (const [name, want] of Object.entries(cols)) {
        const one = other.read(`/${name}`, [
          [1234, 99_000],
          [3, 4],
        ] as H5Selection);
        const some = other.read(`/${name}`, [
          [0, 100_000],
          [1, 8, 3],
        ] as H5Selection);
        assert.deepEqual(some.shape, [100_000, 3]);
        const got = Buffer.concat([bytesOf(one.values), bytesOf(some.values)]);
        assert.ok(got.equals(Buffer.from(want, "base64")), `${name}: columns differ from h5py`);
      }
      // contiguous (1 block) and chunked (20 chunks) were learned; narrow chunks never are; of the
      // sparse dataset, only its 7 written chunks.
      assert.equal(other.stats.blocksLearned, 1 + 20 + 7);
    } finally {
      other.close();
    }
  });

  it("with readByPosition off (remote files) every read goes through HDF5, with the same values", async function () {
    const plain = new H5WasmFile(await loadNodeH5wasm(), file, file, { readByPosition: false });
    try {
      for (const c of CASES.filter((k) => k.byPosition)) {
        const [a, b] = c.windows.at(-1)!;
        assert.ok(
          bytesOf(plain.read(c.path, [[a, b]] as H5Selection).values).equals(
            Buffer.from(expected[`${c.path} ${a} ${b}`], "base64"),
          ),
          c.path,
        );
      }
      assert.deepEqual(plain.stats, { readsByPosition: 0, blocksLearned: 0 });
    } finally {
      plain.close();
    }
  });

  it("strided and partial-row selections stay on HDF5's path and equal h5py's", function () {
    const before = h5.stats.readsByPosition;
    const got = h5.read("/rowchunks", [
      [100, 5000, 3],
      [2, 9],
    ] as H5Selection);
    const want = python<number[]>(
      `import h5py, json, sys; print(json.dumps(h5py.File(sys.argv[1], "r")["rowchunks"][100:5000:3, 2:9].ravel().tolist()))`,
      [file],
    );
    assert.deepEqual(Array.from(got.values as Float64Array), want);
    assert.equal(h5.stats.readsByPosition, before);
  });

  it("once learned, a window is one file read of exactly its bytes, where HDF5 read its chunk from", async function () {
    const h5wasm = await loadNodeH5wasm();
    const other = new H5WasmFile(h5wasm, file);
    const fs = h5wasm.FS as unknown as { read: (...a: unknown[]) => number };
    const original = fs.read;
    const reads: [number, number][] = [];
    fs.read = function (this: unknown, ...a: unknown[]) {
      const got = original.apply(this, a);
      reads.push([a[4] as number, got]);
      return got;
    };
    try {
      other.read("/rowchunks", [
        [7000, 7001],
        [0, 2],
      ] as H5Selection); // HDF5 reads chunk 7 (1000 rows × 128 B)
      const chunk = reads.find(([, n]) => n === 1000 * 128);
      assert.ok(chunk, "HDF5 read chunk 7 whole");
      other.read("/rowchunks", [[7010, 7990]] as H5Selection); // learns chunk 7, then reads the window
      reads.length = 0;
      const got = other.read("/rowchunks", [[7020, 7900]] as H5Selection);
      assert.deepEqual(reads, [[chunk[0] + 20 * 128, 880 * 128]]);
      assert.ok(
        bytesOf(got.values).equals(
          bytesOf(h5.read("/rowchunks", [[7020, 7900]] as H5Selection).values),
        ),
      );
      assert.deepEqual(other.stats, { readsByPosition: 2, blocksLearned: 1 });
    } finally {
      fs.read = original;
      other.close();
    }
  });
});

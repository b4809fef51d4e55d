// Large reads HDF5 must serve itself (gzip, big-endian) go through the wasm heap in blocks of rows,
// each copied into the result, so that the heap never holds the whole result beside it. Every
// selection here is compared byte for byte with h5py's, on block and chunk edges, strided, with
// rows larger than a block; and the heap is shown not to grow by the size of a whole read.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { H5WasmFile } from "../../kernel-ext/nwb/h5/h5wasm-file.js";
import { loadNodeH5wasm } from "../../kernel-ext/nwb/h5/local.js";
import type { H5Selection } from "../../kernel-ext/nwb/h5/source.js";
import { python, sha256File } from "./support.js";

/** Selections by dataset: [start, stop(, step)] per dimension, as h5py slices. */
const SELECTIONS: Record<string, number[][][]> = {
  // 8 MB, chunks of 3000 rows (a block is not a whole number of them at every start)
  gzip2d: [
    [],
    [[12_345, 187_654]],
    [
      [1000, 199_000, 3],
      [2, 9],
    ],
    [[199_999, 200_000]],
  ],
  // chunks narrower than a row
  gzipNarrow: [
    [],
    [
      [777, 150_001],
      [1, 10],
    ],
  ],
  // a raw voltage series: 1-D int16, 6 MB
  gzipRaw: [[], [[5, 2_999_990]], [[0, 3_000_000, 7]]],
  // rows of 4.8 MB, larger than a block
  gzipWideRows: [
    [],
    [
      [1, 3],
      [100, 1_100_000],
    ],
  ],
  bigEndian: [[], [[3, 199_997, 2]]],
};

describe("NWB reader: large reads through HDF5 go in row blocks", function () {
  let dir: string;
  let file: string;
  let hash: string;
  let expected: Record<string, string[]>;

  before(function () {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-heap-blocks-"));
    file = join(dir, "blocks.h5");
    expected = python(
      `
import base64, h5py, json, sys, numpy as np
rng = np.random.default_rng(11)
with h5py.File(sys.argv[1], "w") as f:
    f.create_dataset("gzip2d", data=rng.normal(size=(200_000, 10)).astype(np.float32), chunks=(3000, 10), compression="gzip", compression_opts=1)
    f.create_dataset("gzipNarrow", data=rng.normal(size=(200_000, 10)).astype(np.float32), chunks=(4000, 3), compression="gzip", compression_opts=1)
    f.create_dataset("gzipRaw", data=rng.integers(-3000, 3000, 3_000_000).astype(np.int16), chunks=(131_072,), compression="gzip", compression_opts=1)
    f.create_dataset("gzipWideRows", data=rng.normal(size=(3, 1_200_000)).astype(np.float32), chunks=(1, 400_000), compression="gzip", compression_opts=1)
    f.create_dataset("bigEndian", data=rng.normal(size=(200_000, 10)).astype(">f4"))
    f.create_dataset("heap", data=np.cumsum(rng.normal(size=(2_000_000, 8)), axis=0).astype(np.float32), chunks=(10_000, 8), compression="gzip", compression_opts=1)
out = {}
with h5py.File(sys.argv[1], "r") as f:
    for name, sels in json.loads(sys.argv[2]).items():
        d = f[name]
        out[name] = []
        for sel in sels:
            v = d[tuple(slice(*s) for s in sel)] if sel else d[()]
            out[name].append(base64.b64encode(v.astype(v.dtype.newbyteorder("<")).tobytes()).decode())
print(json.dumps(out))
`,
      [file, JSON.stringify(SELECTIONS)],
    );
    hash = sha256File(file);
  });

  after(function () {
    assert.equal(sha256File(file), hash, "the source file is unchanged");
    rmSync(dir, { recursive: true, force: true });
  });

  const bytesOf = (v: unknown) => {
    const a = v as ArrayBufferView;
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  };

  it("every selection equals h5py's, whole, windowed, strided and with rows larger than a block", async function () {
    const h5 = new H5WasmFile(await loadNodeH5wasm(), file);
    try {
      for (const [name, sels] of Object.entries(SELECTIONS)) {
        sels.forEach((sel, i) => {
          const got = h5.read(`/${name}`, sel as H5Selection);
          assert.ok(
            bytesOf(got.values).equals(Buffer.from(expected[name][i], "base64")),
            `${name}${JSON.stringify(sel)} differs from h5py`,
          );
        });
      }
      assert.equal(h5.stats.readsByPosition, 0, "filtered and big-endian data stay on HDF5's path");
    } finally {
      h5.close();
    }
  });

  it("a whole 64 MB gzip read does not grow the wasm heap by its size", async function () {
    const h5wasm = await loadNodeH5wasm();
    const h5 = new H5WasmFile(h5wasm, file);
    try {
      const before = h5wasm.Module.HEAPU8.byteLength;
      const got = h5.read("/heap");
      assert.equal((got.values as Float32Array).length, 16_000_000);
      const grown = h5wasm.Module.HEAPU8.byteLength - before;
      assert.ok(
        grown < 32 << 20,
        `the heap grew by ${(grown / 2 ** 20).toFixed(1)} MB reading 64 MB`,
      );
    } finally {
      h5.close();
    }
  });
});

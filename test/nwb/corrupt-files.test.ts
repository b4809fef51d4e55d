// Corrupt files, case by case (the seeded corpus is fuzz.test.ts): HDF5 looping on a corrupt heap
// ends at the deadline with an NWBError and the process reads other files after it; a string whose
// heap is corrupt is an error, not garbage; HDF5's diagnostic stack reaches stderr only when asked
// for; a valid file with a user block opens. Values are checked against h5py.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NWBError } from "../../kernel-ext/nwb/errors.js";
import { setHdf5Diagnostics } from "../../kernel-ext/nwb/h5/hdf5-guard.js";
import { openLocalH5 } from "../../kernel-ext/nwb/h5/local.js";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { fixture, python, sha256File, writeLoopingCopy } from "./support.js";

/** h5py's values of a numeric dataset, as numbers. */
function h5pyValues(file: string, path: string): number[] {
  return python<number[]>(
    "import h5py, sys, json; print(json.dumps(h5py.File(sys.argv[1], 'r')[sys.argv[2]][()].tolist()))",
    [file, path],
  );
}

/**
 * Writes `path` with h5py: a root that is an NWB 2.7 NWBFile, then `body` (Python lines using
 * `f`, the open file, and `h5py`, `np`); `userblock` bytes of user block first.
 */
function writeNwbWithH5py(path: string, body: string, userblock = 0): void {
  const lines = body
    .trim()
    .split("\n")
    .map((l) => `    ${l.trim()}`)
    .join("\n");
  python<null>(
    `import h5py, numpy as np, sys, json
with h5py.File(sys.argv[1], 'w', userblock_size=int(sys.argv[2])) as f:
    f.attrs['nwb_version'] = '2.7.0'
    f.attrs['neurodata_type'] = 'NWBFile'
    f.attrs['namespace'] = 'core'
${lines}
print(json.dumps(None))`,
    [path, String(userblock)],
  );
}

function nwbError(e: unknown, file: string, path: string, cause: RegExp): true {
  assert.ok(e instanceof NWBError, `expected an NWBError, got ${String(e)}`);
  assert.equal(e.file, file);
  assert.equal(e.path, path);
  assert.match(e.message, cause);
  return true;
}

/** What reaches stderr (process.stderr.write and console.error) while `fn` runs. */
async function stderrOf(fn: () => Promise<unknown>): Promise<string> {
  let text = "";
  // Kept to be put back as it was (never called detached from process.stderr).
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const write = process.stderr.write;
  const error = console.error;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stderr.write;
  console.error = (...args: unknown[]) => void (text += `${args.join(" ")}\n`);
  try {
    await fn().catch(() => undefined);
  } finally {
    process.stderr.write = write;
    console.error = error;
  }
  return text;
}

describe("corrupt files, case by case", function () {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "tsnwb-corrupt-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("HDF5 looping on a corrupt global heap ends at the deadline with an NWBError; other files read normally after it", async function () {
    const loop = join(dir, "loop.nwb");
    writeLoopingCopy(loop);
    const hash = sha256File(loop);
    await assert.rejects(openNWB(loop, { hdf5DeadlineMs: 1000 }), (e: unknown) => {
      nwbError(
        e,
        loop,
        "/",
        /corrupt HDF5 metadata: HDF5 did not finish reading it within 1\.0 s \(a loop in the file's structure\)/,
      );
      assert.equal((e as NWBError).fileUnusable, true);
      return true;
    });
    assert.equal(sha256File(loop), hash, "opened read-only");
    // The looping module instance is retired; the next open gets a fresh one and reads right.
    const good = fixture("nwb-explorer/test_TimeIntervals.nwb");
    const file = await openNWB(good);
    const h5 = await openLocalH5(good);
    for (const path of ["/acquisition/a/data", "/acquisition/b/data"]) {
      const { values } = await h5.readDataset(path);
      assert.deepEqual(Array.from(values as BigInt64Array, Number), h5pyValues(good, path));
    }
    assert.equal(
      file.identifier,
      python<string>(
        "import h5py, sys, json; print(json.dumps(h5py.File(sys.argv[1], 'r')['identifier'][()].decode()))",
        [good],
      ),
    );
    await h5.close();
    await file.close();
  });

  it("a string whose global heap entry is corrupt is an NWBError naming it, not garbage; the file's other datasets still read", async function () {
    const p = join(dir, "heap.nwb");
    const bytes = readFileSync(fixture("nwb-explorer/test_SweepTable.nwb"));
    // Four bytes of the global heap collection holding the electrode's strings (seeded fuzz case 3).
    for (const [at, value] of [
      [3536, 132],
      [3538, 150],
      [3552, 230],
      [3655, 67],
    ])
      bytes[at] = value;
    writeFileSync(p, bytes);
    const h5 = await openLocalH5(p);
    for (let i = 0; i < 3; i++) {
      // h5wasm's own reader decoded whatever the buffer held here: random strings, or a crash.
      await assert.rejects(
        h5.readDataset("/general/intracellular_ephys/elec0/filtering"),
        (e: unknown) =>
          nwbError(
            e,
            p,
            "/general/intracellular_ephys/elec0/filtering",
            /corrupt HDF5 metadata \(HDF5: Expected global heap object size does not match\)/,
          ),
      );
    }
    const { values } = await h5.readDataset("/acquisition/pcs/data");
    assert.deepEqual(
      Array.from(values as BigInt64Array, Number),
      h5pyValues(fixture("nwb-explorer/test_SweepTable.nwb"), "/acquisition/pcs/data"),
    );
    await h5.close();
  });

  it("HDF5's diagnostic stack reaches stderr only with diagnostics on (tsnwb --verbose)", async function () {
    const p = join(dir, "root-garbage.nwb");
    copyFileSync(fixture("nwb-explorer/test_Device.nwb"), p);
    const bytes = readFileSync(p);
    const rootHeader = Number(bytes.readBigUInt64LE(bytes[8] === 0 ? 64 : 36));
    bytes.fill(0xa5, rootHeader, rootHeader + 256);
    writeFileSync(p, bytes);
    const quiet = await stderrOf(() => openNWB(p));
    assert.equal(quiet, "");
    setHdf5Diagnostics(true);
    try {
      const verbose = await stderrOf(() => openNWB(p));
      assert.match(verbose, /HDF5-DIAG: Error detected in HDF5/);
      assert.match(verbose, /H5Fopen\(\)|H5Gopen2\(\)|H5Literate/);
    } finally {
      setHdf5Diagnostics(false);
    }
    await assert.rejects(openNWB(p), (e: unknown) =>
      nwbError(e, p, "", /HDF5 could not open the file: its superblock or root group is corrupt/),
    );
  });

  it("a cycle of soft links resolves to nothing (no stack overflow)", async function () {
    const p = join(dir, "link-cycle.nwb");
    writeNwbWithH5py(
      p,
      `
      f['identifier'] = 'link-cycle'
      g = f.create_group('acquisition')
      g['a'] = h5py.SoftLink('/acquisition/b')
      g['b'] = h5py.SoftLink('/acquisition/a')`,
    );
    const file = await openNWB(p);
    for (const name of ["acquisition/a", "acquisition/b", "acquisition/a/data"]) {
      let found: unknown;
      try {
        found = file.get(name);
      } catch (e) {
        found = e;
      }
      assert.ok(found === undefined || found instanceof NWBError, `${name}: ${String(found)}`);
    }
    await file.close();
  });

  it("a hard link back to an enclosing group ends the metadata walk with an NWBError (no endless walk, no stack overflow)", async function () {
    const p = join(dir, "hard-link-cycle.nwb");
    writeNwbWithH5py(
      p,
      `
      b = f.create_group('a/b')
      b['up'] = f['a']`,
    );
    await assert.rejects(openNWB(p), (e: unknown) => {
      assert.ok(e instanceof NWBError, String(e));
      assert.equal(e.file, p);
      assert.match(e.path, /^\/a\/b\/up\/b\/up\//);
      assert.match(
        e.message,
        /groups nested more than 100 deep: a hard link back to an enclosing group \(a cycle\), or corrupt HDF5 metadata/,
      );
      return true;
    });
  });

  it("a valid file with a 512-byte user block (h5py userblock_size=512) opens, with h5py's values", async function () {
    const p = join(dir, "userblock.nwb");
    writeNwbWithH5py(
      p,
      `
      f['identifier'] = 'user-block-file'
      f['session_description'] = 'a file whose first 512 bytes are a user block'
      ts = f.create_group('acquisition/ts')
      ts.attrs['neurodata_type'] = 'TimeSeries'
      ts.attrs['namespace'] = 'core'
      d = ts.create_dataset('data', data=np.arange(1000, dtype='<f8') * 0.25 - 3)
      d.attrs['unit'] = 'V'
      ts.create_dataset('starting_time', data=2.5).attrs['rate'] = 100.0`,
      512,
    );
    // The user block's own bytes (h5py leaves it zeroed).
    const bytes = readFileSync(p);
    bytes.write("user block text", 0);
    writeFileSync(p, bytes);
    assert.equal(
      bytes.subarray(512, 520).toString("latin1"),
      "\x89HDF\r\n\x1a\n",
      "the superblock follows the 512-byte user block",
    );
    const expected = h5pyValues(p, "/acquisition/ts/data");
    const file = await openNWB(p);
    assert.equal(file.identifier, "user-block-file");
    const h5 = await openLocalH5(p);
    assert.deepEqual(
      Array.from((await h5.readDataset("/acquisition/ts/data")).values as Float64Array),
      expected,
    );
    assert.deepEqual(
      Array.from((await h5.readDataset("/acquisition/ts/data", [[10, 20]])).values as Float64Array),
      expected.slice(10, 20),
    );
    await h5.close();
    await file.close();
  });
});

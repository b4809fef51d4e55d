// Every fixture file opens (or fails with the documented error), and every dataset in every file,
// read through the reader, equals what h5py reads (canonical hashes from h5py_dump.py).
import assert from "node:assert/strict";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { openLocalH5 } from "../../kernel-ext/nwb/h5/local.js";
import { LazyDataset } from "../../kernel-ext/nwb/h5-object.js";
import { NWBError } from "../../kernel-ext/nwb/errors.js";
import type { H5GroupMeta, H5Source } from "../../kernel-ext/nwb/h5/source.js";
import {
  allFixtures,
  canonicalHash,
  h5pyDump,
  kindOf,
  rel,
  sha256File,
  type Dump,
  type DumpEntry,
} from "./support.js";

/** Files that are not NWB 2.x, and the error each must give. */
const EXPECTED_ERRORS: Record<string, RegExp> = {
  "pynwb/496908818s.nwb": /NWB 1\.x is not supported \(found 1\.0\.5\)/,
  "matnwb/20080606_R1.nwb": /NWB 1\.x is not supported \(found 1\.0\.6\)/,
  "pynwb/empty.nwb": /root group has no 'nwb_version' attribute/,
};

function datasetPaths(g: H5GroupMeta, out: string[] = []): string[] {
  for (const c of Object.values(g.children)) {
    if (c.kind === "group") datasetPaths(c, out);
    else if (c.kind === "dataset") out.push(c.path);
  }
  return out;
}

describe("NWB reader: every fixture file against h5py", function () {
  const files = allFixtures();
  const before_ = new Map<string, string>();
  let dump: Dump;

  before(function () {
    for (const f of files) before_.set(f, sha256File(f));
    dump = h5pyDump(files);
  });

  it("finds all 72 fixture files", function () {
    assert.equal(files.length, 72);
  });

  for (const f of files) {
    const name = rel(f);
    it(`${name}: opens as documented; every dataset equals h5py`, async function () {
      const ref = dump[f];
      assert.ok(ref?.datasets, `h5py could not read ${name}: ${ref?.error}`);
      let source: H5Source;
      let readPath: (p: string) => Promise<{ values: unknown; shape: number[] }>;
      const expected = EXPECTED_ERRORS[name];
      if (expected) {
        await assert.rejects(openNWB(f), (e: unknown) => {
          assert.ok(e instanceof NWBError, `expected NWBError, got ${String(e)}`);
          assert.match(e.message, expected);
          assert.ok(e.message.startsWith(f), "the message names the file");
          return true;
        });
        // The HDF5 layer still reads every dataset of these files.
        source = await openLocalH5(f);
        readPath = (p) => source.readDataset(p);
      } else {
        const nwb = await openNWB(f);
        source = nwb.ctx.source;
        readPath = async (p) => {
          const ds = nwb.get(p);
          assert.ok(ds instanceof LazyDataset, `${p} is a dataset`);
          const r = await ds.read();
          return { values: r.data, shape: r.shape };
        };
      }
      try {
        const ours = datasetPaths(source.meta.root).sort();
        const theirs = Object.keys(ref.datasets).sort();
        assert.deepEqual(ours, theirs, "the same datasets are reachable");
        for (const p of ours) {
          const want: DumpEntry = ref.datasets[p];
          const r = await readPath(p);
          assert.deepEqual(r.shape, want.shape ?? [], `${p}: shape`);
          const dsMeta = findDataset(source.meta.root, p);
          assert.equal(kindOf(dsMeta.dtype), want.kind, `${p}: element kind`);
          assert.deepEqual(
            canonicalHash(r.values as never, dsMeta.dtype),
            want.hash,
            `${p}: values differ from h5py`,
          );
        }
      } finally {
        await source.close();
      }
    });
  }

  after(function () {
    for (const f of files) assert.equal(sha256File(f), before_.get(f), `${rel(f)} was modified`);
  });
});

function findDataset(root: H5GroupMeta, path: string) {
  let node: H5GroupMeta = root;
  const parts = path.split("/").filter(Boolean);
  for (let i = 0; i < parts.length - 1; i++) node = node.children[parts[i]] as H5GroupMeta;
  const d = node.children[parts[parts.length - 1]];
  if (d.kind !== "dataset") throw new Error(`${path} is not a dataset`);
  return d;
}

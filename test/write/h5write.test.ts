import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ObjectRef, dataset, group, put } from "../../kernel-ext/nwb/write/h5tree.js";
import { writeH5Tree } from "../../kernel-ext/nwb/write/h5write.js";

describe("HDF5 tree writer (atomic replace)", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-h5write-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("an error in the middle of writing leaves the previous file untouched and no partial file", async () => {
    const target = join(dir, "out.h5");
    writeFileSync(target, "previous content");
    const root = group({ title: "x" });
    put(root, "big", dataset(new Float64Array(100000).fill(1), { chunks: [10000] }));
    // The reference is resolved after every object is written, so this fails late.
    put(root, "bad", group({ link: new ObjectRef("/does/not/exist") }));
    await assert.rejects(
      writeH5Tree(target, root, { clockMs: 0 }),
      /reference to a missing object '\/does\/not\/exist'/,
    );
    assert.equal(readFileSync(target, "utf8"), "previous content");
    assert.deepEqual(readdirSync(dir), ["out.h5"]);
  });

  it("restores the real clock after writing, also after an error", async () => {
    const before = Date.now;
    await assert.rejects(
      writeH5Tree(join(dir, "e.h5"), group({ r: new ObjectRef("/nope") }), { clockMs: 5 }),
    );
    assert.equal(Date.now, before);
    await writeH5Tree(join(dir, "ok.h5"), group(), { clockMs: 5 });
    assert.equal(Date.now, before);
    assert.ok(Math.abs(Date.now() - new Date().getTime()) < 1000);
  });
});

import { strict as assert } from "node:assert";
import { closest, editDistance } from "../../kernel-ext/cli/did-you-mean.js";

describe("did you mean: edit distance", () => {
  it("counts insertions, deletions, substitutions and adjacent swaps", () => {
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
    assert.equal(editDistance("report", "report"), 0);
    assert.equal(editDistance("reprot", "report"), 1);
    assert.equal(editDistance("--otu", "--out"), 1);
    assert.equal(editDistance("ca", "abc"), 3);
  });

  it("suggests a close candidate or a completion of an abbreviation, nothing for a far word", () => {
    const options = ["--out", "--jobs", "--max-memory-mb"];
    assert.equal(closest("--otu", options), "--out");
    assert.equal(closest("--JOBS", options), "--jobs");
    assert.equal(closest("--max", options), "--max-memory-mb");
    assert.equal(closest("--verbose", options), undefined);
    assert.equal(closest("-o", options), undefined);
  });
});

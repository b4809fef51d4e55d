import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { runTsnwb } from "../support/cli.js";

const tsnwb = (...args: string[]) => runTsnwb(args);

describe("tsnwb command line", () => {
  it("prints the package version", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    const r = await tsnwb("--version");
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  it("rejects an unknown command with exit code 2 and the list of commands", async () => {
    const r = await tsnwb("no-such-command");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command 'no-such-command'/);
    assert.match(r.stderr, /usage: tsnwb <command>/);
  });
});

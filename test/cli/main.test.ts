import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";

const run = promisify(execFile);
const bin = new URL("../../bin/tsnwb.js", import.meta.url).pathname;

async function tsnwb(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

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

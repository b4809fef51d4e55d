// `tsnwb install --prefix P` says how Jupyter will find the kernel, and real Jupyter agrees.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runTsnwb } from "../support/cli.js";

const JUPYTER = "/usr/bin/jupyter";
const run = promisify(execFile);

/** The kernelspecs real Jupyter sees with `env`: name → resource dir. */
async function kernelspecs(env: Record<string, string>): Promise<Record<string, string>> {
  const { stdout } = await run(JUPYTER, ["kernelspec", "list", "--json"], {
    env: { ...process.env, ...env },
  });
  const specs = (JSON.parse(stdout) as { kernelspecs: Record<string, { resource_dir: string }> })
    .kernelspecs;
  return Object.fromEntries(Object.entries(specs).map(([k, v]) => [k, v.resource_dir]));
}

describe("tsnwb install --prefix: where Jupyter looks", () => {
  let dir: string;
  let home: string;
  before(function () {
    if (!existsSync(JUPYTER)) {
      console.log(`      skipped: ${JUPYTER} not found (apt-get install jupyter-client)`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), "tsnwb-prefix-"));
    home = mkdtempSync(join(tmpdir(), "tsnwb-home-"));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it("prints the JUPYTER_PATH to set when the prefix is not on Jupyter's data path, and that setting works", async () => {
    // A clean user data dir and no JUPYTER_PATH: the prefix is not searched.
    const env = { JUPYTER_PATH: "", JUPYTER_DATA_DIR: join(home, "data") };
    const r = await runTsnwb(["install", "--prefix", dir, "--name", "tsnwb-prefix-test"], { env });
    assert.equal(r.code, 0, r.stderr);
    const data = join(dir, "share", "jupyter");
    assert.equal(
      r.stderr,
      `tsnwb install: Jupyter does not search ${data}; for it to find the kernel, set: export JUPYTER_PATH=${data}\n`,
    );
    assert.equal(
      (await kernelspecs(env))["tsnwb-prefix-test"],
      undefined,
      "Jupyter does not see it before",
    );
    const after = { ...env, JUPYTER_PATH: data };
    assert.equal(
      (await kernelspecs(after))["tsnwb-prefix-test"],
      join(data, "kernels", "tsnwb-prefix-test"),
      "…and does with the printed JUPYTER_PATH",
    );
  });

  it("says Jupyter finds it when the prefix is on the data path, and keeps an existing JUPYTER_PATH in the advice", async () => {
    const data = join(dir, "share", "jupyter");
    const on = await runTsnwb(["install", "--prefix", dir], {
      env: { JUPYTER_PATH: data, JUPYTER_DATA_DIR: join(home, "data") },
    });
    assert.equal(on.code, 0, on.stderr);
    assert.equal(on.stderr, "");
    assert.match(on.stdout, new RegExp(`^Jupyter finds it: ${data} is on its data path$`, "m"));
    const other = join(home, "other");
    const off = await runTsnwb(["install", "--prefix", dir], {
      env: { JUPYTER_PATH: other, JUPYTER_DATA_DIR: join(home, "data") },
    });
    assert.match(off.stderr, new RegExp(`export JUPYTER_PATH=${data}:\\$JUPYTER_PATH\n$`));
  });

  it("the user data dir needs no advice", async () => {
    const r = await runTsnwb(["install", "--user", "--name", "tsnwb-user-test"], {
      env: { JUPYTER_PATH: "", JUPYTER_DATA_DIR: join(home, "data") },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.match(r.stdout, /Jupyter finds it: .* is on its data path/);
  });
});

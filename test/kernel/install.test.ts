// `tsnwb install` / `tsnwb uninstall`: the kernelspec they write is found by Jupyter's own
// `jupyter kernelspec list` (the Debian jupyter-client), with no Python involved in writing it.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { bin, runTsnwb } from "../support/cli.js";
import { repoRoot } from "./support/kernel-driver.js";

const run = promisify(execFile);

const tsnwb = (args: string[], env: Record<string, string> = {}) => runTsnwb(args, { env });

async function jupyterKernelspecs(
  env: Record<string, string>,
): Promise<Record<string, { resource_dir: string; spec: any }>> {
  const { stdout } = await run("/usr/bin/jupyter", ["kernelspec", "list", "--json"], {
    env: { ...process.env, ...env },
  });
  return JSON.parse(stdout).kernelspecs;
}

describe("tsnwb install / uninstall", function () {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "tsnwb-install-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("--prefix writes a kernelspec that jupyter kernelspec list finds", async () => {
    const r = await tsnwb(["install", "--prefix", dir]);
    assert.equal(r.code, 0, r.stderr);
    const kernelJson = join(dir, "share", "jupyter", "kernels", "tsnwb", "kernel.json");
    assert.match(
      r.stdout,
      new RegExp(
        `installed kernelspec 'tsnwb' in ${join(dir, "share", "jupyter", "kernels", "tsnwb")}`,
      ),
    );
    const spec = JSON.parse(readFileSync(kernelJson, "utf8"));
    assert.deepEqual(spec.argv, [
      process.execPath,
      bin,
      "kernel",
      "--config-path",
      "{connection_file}",
    ]);
    assert.equal(spec.display_name, "TypeScript (NWB)");
    assert.equal(spec.language, "typescript");
    const specs = await jupyterKernelspecs({ JUPYTER_PATH: join(dir, "share", "jupyter") });
    assert.equal(specs.tsnwb.spec.display_name, "TypeScript (NWB)");
    assert.equal(specs.tsnwb.resource_dir, join(dir, "share", "jupyter", "kernels", "tsnwb"));
  });

  it("--prefix installs the prebuilt JupyterLab extension, which jupyterlab_server finds; uninstall removes it", async () => {
    const r = await tsnwb(["install", "--prefix", dir]);
    assert.equal(r.code, 0, r.stderr);
    const extDir = join(dir, "share", "jupyter", "labextensions", "tsnwb-widgets");
    assert.match(r.stdout, new RegExp(`installed the JupyterLab extension in ${extDir}`));
    const pkg = JSON.parse(readFileSync(join(extDir, "package.json"), "utf8"));
    assert.equal(pkg.name, "tsnwb-widgets");
    assert.equal(
      pkg.version,
      JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).version,
      "the version the kernel's widgets name",
    );
    assert.match(pkg.jupyterlab._build.load, /^static\/remoteEntry\.[0-9a-f]+\.js$/);
    assert.ok(
      existsSync(join(extDir, pkg.jupyterlab._build.load)),
      `${pkg.jupyterlab._build.load} is installed`,
    );
    // What JupyterLab's server (Debian's jupyterlab_server) puts in the page config from that path.
    const py = [
      "import json, sys",
      "from jupyterlab_server.config import get_page_config",
      "print(json.dumps(get_page_config([sys.argv[1]])['federated_extensions']))",
    ].join("\n");
    const { stdout } = await run(
      "/usr/bin/python3",
      ["-c", py, join(dir, "share", "jupyter", "labextensions")],
      {
        env: {
          ...process.env,
          JUPYTER_CONFIG_DIR: join(dir, "config"),
          JUPYTER_PATH: "",
          JUPYTER_DATA_DIR: join(dir, "data"),
        },
      },
    );
    assert.deepEqual(JSON.parse(stdout), [
      { name: "tsnwb-widgets", load: pkg.jupyterlab._build.load, extension: "./extension" },
    ]);
    const un = await tsnwb(["uninstall", "--prefix", dir]);
    assert.equal(un.code, 0, un.stderr);
    assert.match(un.stdout, new RegExp(`removed ${extDir}`));
    assert.equal(existsSync(extDir), false);
    assert.equal(existsSync(join(dir, "share", "jupyter", "kernels", "tsnwb")), false);
  });

  it("installs into $JUPYTER_DATA_DIR by default (--user), under another --name, and uninstalls", async () => {
    // The user config dir too: install selects its nbconvert template there (never the real ~/.jupyter).
    const env = { JUPYTER_DATA_DIR: dir, JUPYTER_CONFIG_DIR: join(dir, "config") };
    assert.equal(
      (await tsnwb(["install", "--name", "tsnwb-dev", "--display-name", "TS dev"], env)).code,
      0,
    );
    const specs = await jupyterKernelspecs(env);
    assert.equal(specs["tsnwb-dev"].spec.display_name, "TS dev");
    assert.equal(specs["tsnwb-dev"].resource_dir, join(dir, "kernels", "tsnwb-dev"));
    const un = await tsnwb(["uninstall", "--user", "--name", "tsnwb-dev"], env);
    assert.equal(un.code, 0, un.stderr);
    assert.match(un.stdout, /removed .*kernels\/tsnwb-dev/);
    assert.equal(existsSync(join(dir, "kernels", "tsnwb-dev")), false);
    assert.equal((await jupyterKernelspecs(env))["tsnwb-dev"], undefined);
  });

  it("uninstall of a kernelspec that is not there fails with exit code 1 and says where it looked", async () => {
    const r = await tsnwb(["uninstall", "--prefix", dir]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      new RegExp(`no kernelspec 'tsnwb' in ${join(dir, "share", "jupyter")}/kernels`),
    );
  });

  it("rejects unknown options, conflicting locations and missing values with exit code 2", async () => {
    for (const [args, message] of [
      [["install", "--bogus"], /unknown option '--bogus'/],
      [["install", "--user", "--prefix", dir], /choose one of --user, --sys-prefix, --prefix DIR/],
      [["install", "--prefix"], /--prefix needs a value/],
      [["install", "--name", "a/b"], /--name 'a\/b' may only contain/],
      [["uninstall", "--display-name", "x"], /unknown option '--display-name'/],
      [["kernel"], /--config-path CONNECTION_FILE is required/],
    ] as const) {
      const r = await tsnwb([...args]);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });

  it("kernel names a missing connection file", async () => {
    const r = await tsnwb(["kernel", "--config-path", join(dir, "missing.json")]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot read the connection file .*missing\.json/);
  });
});

describe("installKernelSpec: the labextension hook", () => {
  it("copies a built JupyterLab extension next to the kernelspec, and uninstall removes both", async () => {
    const { installKernelSpec, uninstallKernelSpec } =
      await import("../../kernel-ext/kernel/kernelspec.js");
    const dir = mkdtempSync(join(tmpdir(), "tsnwb-labext-"));
    try {
      const built = join(dir, "built");
      mkdirSync(join(built, "static"), { recursive: true });
      writeFileSync(
        join(built, "package.json"),
        JSON.stringify({ name: "tsnwb-widgets", version: "0.1.0" }),
      );
      writeFileSync(join(built, "static", "remoteEntry.js"), "// bundle");
      const data = join(dir, "data");
      const result = installKernelSpec(data, "tsnwb", "TypeScript (NWB)", built);
      assert.equal(result.labextensionDir, join(data, "labextensions", "tsnwb-widgets"));
      assert.equal(
        readFileSync(
          join(data, "labextensions", "tsnwb-widgets", "static", "remoteEntry.js"),
          "utf8",
        ),
        "// bundle",
      );
      // Without a built extension only the kernelspec is written.
      const plain = installKernelSpec(
        join(dir, "plain"),
        "tsnwb",
        "TypeScript (NWB)",
        join(dir, "not-built"),
      );
      assert.equal(plain.labextensionDir, undefined);
      assert.deepEqual(
        uninstallKernelSpec(data).sort(),
        [join(data, "kernels", "tsnwb"), join(data, "labextensions", "tsnwb-widgets")].sort(),
      );
      assert.equal(existsSync(join(data, "labextensions", "tsnwb-widgets")), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

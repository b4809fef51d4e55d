// The prebuilt JupyterLab extension that `npm run build` writes to dist/labextension/ (with
// @jupyterlab/builder, scripts/build-labextension.mjs): what it takes from the JupyterLab host,
// what it bundles, and that plotly.js stays out of what loads with the page. That it loads and
// draws in a real JupyterLab is test/jupyterlab/labextension.test.ts.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../kernel/support/kernel-driver.js";

const extDir = join(repoRoot, "dist", "labextension");
const staticDir = join(extDir, "static");

describe("prebuilt JupyterLab extension (dist/labextension)", () => {
  const pkg = () => JSON.parse(readFileSync(join(extDir, "package.json"), "utf8"));
  const chunks = () =>
    readdirSync(staticDir)
      .filter((f) => f.endsWith(".js"))
      .map((f) => ({ file: f, text: readFileSync(join(staticDir, f), "utf8") }));

  it("was built against the committed core package.json, which is what its generator writes from the JupyterLab 4.6.4 lockfile", () => {
    const r = spawnSync(
      process.execPath,
      [join(repoRoot, "widgets", "labextension", "core", "generate.mjs"), "--check"],
      { encoding: "utf8" },
    );
    assert.equal(r.status, 0, r.stderr);
    const core = JSON.parse(
      readFileSync(join(repoRoot, "widgets", "labextension", "core", "package.json"), "utf8"),
    );
    const lock = JSON.parse(
      readFileSync(join(repoRoot, "test", "jupyterlab", "package-lock.json"), "utf8"),
    );
    assert.equal(
      core.jupyterlab.version,
      lock.packages["node_modules/@jupyterlab/application"].version,
    );
    assert.equal(
      core.resolutions["@jupyterlab/services"],
      `~${lock.packages["node_modules/@jupyterlab/services"].version}`,
    );
    assert.ok(core.jupyterlab.singletonPackages.includes("@lumino/widgets"));
  });

  it("is the package tsnwb-widgets at the kernel's widget version, with an extension entry point", () => {
    const p = pkg();
    assert.equal(p.name, "tsnwb-widgets");
    assert.equal(
      p.version,
      JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).version,
    );
    assert.equal(p.jupyterlab._build.extension, "./extension");
    assert.ok(statSync(join(extDir, p.jupyterlab._build.load)).isFile());
  });

  it("takes @jupyter-widgets/base from the host as a singleton (^6) and consumes nothing else", () => {
    const entry = readFileSync(join(extDir, pkg().jupyterlab._build.load), "utf8");
    // webpack's module-federation runtime: one load…("default", "<package>", …) call per consumed module.
    const consumed = [
      ...entry.matchAll(/load\w*\("default", "([^"]+)", (true|false), \[([^\]]*)\]\)/g),
    ].map((m) => ({ name: m[1], version: m[3] }));
    assert.deepEqual(consumed, [{ name: "@jupyter-widgets/base", version: "1,6,0,0" }]);
    assert.match(entry, /loadSingletonVersion\w*\("default", "@jupyter-widgets\/base"/);
    // Nothing of @jupyter-widgets/base itself is bundled (its DOMWidgetView source would be).
    for (const c of chunks()) assert.doesNotMatch(c.text, /class DOMWidgetView\b/, c.file);
  });

  it("keeps plotly.js in a chunk of its own that the plugin loads on first use", () => {
    const all = chunks();
    const plotly = all.filter((c) => c.text.includes("plotly.js v"));
    assert.equal(plotly.length, 1, `plotly.js in ${plotly.map((c) => c.file).join(", ")}`);
    const plugin = all.filter((c) => c.text.includes('"tsnwb-widgets:plugin"'));
    assert.equal(plugin.length, 1);
    assert.notEqual(plugin[0].file, plotly[0].file);
    const plotlyId = plotly[0].file.split(".")[0];
    assert.match(
      plugin[0].text,
      new RegExp(`__webpack_require__\\.e\\(/\\* import\\(\\) \\*/ ${plotlyId}\\)`),
      "loaded with import()",
    );
    assert.ok(
      plugin[0].text.length < 1_000_000,
      `the plugin chunk is ${plugin[0].text.length} bytes`,
    );
    const entry = readFileSync(join(extDir, pkg().jupyterlab._build.load), "utf8");
    assert.ok(!entry.includes("plotly.js v"));
  });
});

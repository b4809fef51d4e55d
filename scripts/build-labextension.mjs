// Builds the prebuilt (federated) JupyterLab 4 extension of the widgets into dist/labextension/,
// the directory `tsnwb install` copies to <data dir>/labextensions/tsnwb-widgets:
//   1. esbuild bundles the plugin (widgets/src/plugin.ts) into dist/labextension-entry/index.js,
//      one ES module importing only what the host shares (@jupyter-widgets/base) and plotly.js,
//      which it loads with import() on the first plotly figure;
//   2. @jupyterlab/builder (webpack 5 module federation) turns the package widgets/labextension/
//      into dist/labextension/{package.json, static/remoteEntry.<hash>.js, static/<chunks>}, taking
//      the host's shared packages from widgets/labextension/core/package.json. plotly.js becomes a
//      chunk of its own, fetched only when a figure needs it.
// Usage: node scripts/build-labextension.mjs (run by scripts/build-widgets.mjs, i.e. npm run build).
import * as esbuild from "esbuild";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const extensionDir = join(root, "widgets", "labextension");
const corePath = join(extensionDir, "core");
const outDir = join(root, "dist", "labextension");
const require = createRequire(import.meta.url);

const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));

function checkVersion() {
  const ours = readJson(join(extensionDir, "package.json"));
  const pkg = readJson(join(root, "package.json"));
  // The kernel names this version in every widget's _model_module_version.
  if (ours.version !== pkg.version) {
    throw new Error(
      `build-labextension: widgets/labextension/package.json has version ${ours.version}, package.json ${pkg.version}: they must be equal`,
    );
  }
}

/** `import Plotly from "plotly.js-dist-min"` → an object whose methods load plotly.js on first call. */
const lazyPlotly = {
  name: "lazy-plotly",
  setup(build) {
    build.onResolve({ filter: /^plotly\.js-dist-min$/ }, (args) =>
      args.namespace === "lazy-plotly"
        ? { path: args.path, external: true }
        : { path: "plotly", namespace: "lazy-plotly" },
    );
    build.onLoad({ filter: /.*/, namespace: "lazy-plotly" }, () => ({
      contents: [
        `const load = () => import("plotly.js-dist-min").then((m) => m.default ?? m);`,
        `export default {`,
        `  react: (...a) => load().then((p) => p.react(...a)),`,
        `  purge: (...a) => { load().then((p) => p.purge(...a)); },`,
        `};`,
      ].join("\n"),
      loader: "js",
      resolveDir: root,
    }));
  },
};

async function bundleEntry() {
  const entry = readJson(join(extensionDir, "package.json")).main;
  await esbuild.build({
    entryPoints: [join(root, "widgets", "src", "plugin.ts")],
    outfile: join(extensionDir, entry),
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2020",
    legalComments: "none",
    logLevel: "warning",
    loader: { ".svg": "text" },
    define: { "process.env.NODE_ENV": '"production"' },
    // What a JupyterLab host shares; the builder maps these to the shared scope.
    external: ["@jupyter-widgets/*", "@jupyterlab/*", "@lumino/*"],
    plugins: [lazyPlotly],
  });
}

function buildLabextension() {
  const builder = join(
    dirname(require.resolve("@jupyterlab/builder/package.json")),
    "lib",
    "build-labextension.js",
  );
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [builder, "--core-path", corePath, extensionDir], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    p.stdout.on("data", (d) => (log += d));
    p.stderr.on("data", (d) => (log += d));
    p.on("error", reject);
    p.on("exit", (code) =>
      code === 0
        ? resolve(log)
        : reject(new Error(`build-labextension: @jupyterlab/builder exited with ${code}:\n${log}`)),
    );
  });
}

function sizeOf(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? sizeOf(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );
}

export async function buildLabExtension() {
  const started = Date.now();
  checkVersion();
  await bundleEntry();
  await buildLabextension();
  const built = readJson(join(outDir, "package.json"));
  if (!built.jupyterlab?._build?.load)
    throw new Error(
      `build-labextension: ${join(outDir, "package.json")} has no jupyterlab._build.load`,
    );
  return {
    dir: outDir,
    load: built.jupyterlab._build.load,
    bytes: sizeOf(outDir),
    seconds: (Date.now() - started) / 1000,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await buildLabExtension();
  console.log(
    `build-labextension: ${relative(root, r.dir)}/ (${(r.bytes / 1e6).toFixed(1)} MB, entry ${r.load}) in ${r.seconds.toFixed(1)} s`,
  );
}

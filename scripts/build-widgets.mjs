// Bundles the browser half (widgets/src, with the contract/ and render/ it shares with the kernel)
//   tsnwb-widgets.embed.js  IIFE: html-manager + our views; renders a static page's widget state
//                            (inlined into exported HTML, so no CDN is ever needed)
//   tsnwb-widgets.live.js   IIFE: the same plus @jupyterlab/services and a widget manager that
//                            talks to a live kernel (a plain page against `jupyter server`)
// and, by scripts/build-labextension.mjs, dist/labextension/: the prebuilt JupyterLab 4 extension
// that `tsnwb install` installs.
// The front end (and contract/, render/) is type-checked (`tsc -p widgets/tsconfig.json`, noEmit)
// alongside the bundling; a type error fails the build.
import * as esbuild from "esbuild";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildLabExtension } from "./build-labextension.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "widgets");
mkdirSync(outdir, { recursive: true });

// html-manager (webpack-built upstream) expects webpack's public path global and imports CSS.
// A bundle must be ONE self-contained file (it is inlined into exported pages), so stylesheets
// become <style> elements injected at load. Font Awesome (icons of ipywidgets' own controls, which
// our views do not use) is left out: its fonts alone would add 4 MB.
const injectCss = {
  name: "inject-css",
  setup(build) {
    build.onResolve({ filter: /\.css$/ }, async (args) => {
      if (args.pluginData?.inner) return undefined;
      if (args.path.includes("fontawesome")) return { path: args.path, namespace: "empty-css" };
      const r = await build.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: { inner: true },
      });
      return r.errors.length ? { errors: r.errors } : { path: r.path, namespace: "inject-css" };
    });
    build.onLoad({ filter: /.*/, namespace: "empty-css" }, () => ({ contents: "", loader: "js" }));
    build.onLoad({ filter: /.*/, namespace: "inject-css" }, async (args) => {
      const out = await esbuild.build({
        entryPoints: [args.path],
        bundle: true,
        write: false,
        minify: true,
        logLevel: "error",
        loader: {
          ".woff": "empty",
          ".woff2": "empty",
          ".ttf": "empty",
          ".eot": "empty",
          ".svg": "dataurl",
        },
      });
      const css = out.outputFiles[0].text;
      return {
        contents: `if (typeof document !== "undefined") { const s = document.createElement("style"); s.textContent = ${JSON.stringify(css)}; document.head.appendChild(s); }`,
        loader: "js",
      };
    });
  },
};

// plotly.js ships minified (4.6 MB): parsing and re-minifying it for every bundle would dominate
// the build, so each bundle starts with the distributed file verbatim, wrapped in a function that
// returns its CommonJS export. The function runs on first use (the first plotly figure drawn), so
// pages without one never pay plotly's start-up. `__tsnwbLoadPlotly` is a top-level var: global in
// the IIFE bundles, module-scoped in the ESM one — reachable from our code either way.
const plotlyFile = createRequire(import.meta.url).resolve("plotly.js-dist-min");
const plotlyPrefix =
  "var __tsnwbLoadPlotly = (function () { var loaded; return function () { if (loaded) return loaded;\n" +
  "var module = { exports: {} }; var exports = module.exports;\n" +
  readFileSync(plotlyFile, "utf8") +
  "\n;return (loaded = module.exports); }; })();\n";
const plotlyGlobal = {
  name: "plotly-global",
  setup(build) {
    build.onResolve({ filter: /^plotly\.js-dist-min$/ }, () => ({
      path: "plotly",
      namespace: "plotly-global",
    }));
    build.onLoad({ filter: /.*/, namespace: "plotly-global" }, () => ({
      contents:
        "export default { react: (...a) => __tsnwbLoadPlotly().react(...a), purge: (...a) => __tsnwbLoadPlotly().purge(...a) };",
      loader: "js",
    }));
  },
};

const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  target: "es2020",
  logLevel: "warning",
  legalComments: "none",
  banner: { js: "var __webpack_public_path__ = '';" },
  plugins: [injectCss, plotlyGlobal],
  loader: { ".svg": "text" },
  define: { "process.env.NODE_ENV": '"production"' },
};

const builds = [
  {
    ...common,
    entryPoints: { "tsnwb-widgets.embed": join(root, "widgets/src/entries/embed.ts") },
    format: "iife",
    globalName: "tsnwbWidgets",
  },
  {
    ...common,
    entryPoints: { "tsnwb-widgets.live": join(root, "widgets/src/entries/live.ts") },
    format: "iife",
    globalName: "tsnwbWidgets",
  },
];

function typecheck() {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [tsc, "-p", join(root, "widgets/tsconfig.json")], {
      stdio: "inherit",
    });
    p.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`build-widgets: type errors in widgets/ (tsc exit ${code})`)),
    );
  });
}

const started = Date.now();
let labExtension;
await Promise.all([
  typecheck(),
  buildLabExtension().then((r) => (labExtension = r)),
  ...builds.map(async (b) => {
    const result = await esbuild.build({ ...b, outdir, write: false });
    for (const f of result.outputFiles)
      writeFileSync(f.path, f.path.endsWith(".js") ? plotlyPrefix + f.text : f.contents);
  }),
]);
console.log(`build-widgets: dist/widgets/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(
  `build-widgets: dist/labextension/ (${(labExtension.bytes / 1e6).toFixed(1)} MB, ${labExtension.load}) in ${labExtension.seconds.toFixed(1)} s`,
);

// Builds the JupyterLab application used by the end-to-end tests into test/jupyterlab/build/:
//   static/     the esbuild bundle (index.js + lazy chunks + index.css), served as /static/lab/
//   schemas/    every extension's settings schemas, laid out as jupyterlab_server expects
//   themes/     the light and dark theme CSS, loaded by JupyterLab's ThemeManager
//   templates/  the index.html template the LabServerApp renders with the page config
// Two variants: "source" (build/) bundles our widget plugin from widgets/ in as a source extension;
// "federated" (build-federated/) has no source extension of ours and loads the prebuilt extension
// `tsnwb install` installs, with app/federated-extensions.ts standing in for the module-federation
// host of JupyterLab's webpack build (both variants carry that loader; it loads what the server lists).
//
// Usage: node test/jupyterlab/build.mjs [--force] [--variant source|federated]. TSNWB_E2E_UNCOMMITTED_EXTENSIONS=1 bundles
// source extensions that are not committed yet (by default only committed ones are). Skips the build when a hash of every input
// (lockfile, app sources, this script, widgets/src) matches the one stored with the last build.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const labRoot = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(labRoot, "..", "..");
const variants = {
  source: { outDir: join(labRoot, "build") },
  federated: { outDir: join(labRoot, "build-federated") },
};
const modulesDir = join(labRoot, "node_modules");

/** Source extensions bundled into the app when present (the same module the labextension ships). */
export const sourceExtensionCandidates = [join(repoRoot, "widgets", "src", "plugin.ts")];

/**
 * A candidate is included when it is committed (in a git checkout) or exists (elsewhere): a module
 * another engineer is still writing in this shared work tree must not break the build.
 */
function presentSourceExtensions() {
  // For working on the plugin itself: include it before it is committed.
  if (process.env.TSNWB_E2E_UNCOMMITTED_EXTENSIONS === "1")
    return sourceExtensionCandidates.filter((p) => existsSync(p));
  const git = spawnSync(
    "git",
    ["ls-files", "--", ...sourceExtensionCandidates.map((p) => relative(repoRoot, p))],
    {
      cwd: repoRoot,
      encoding: "utf8",
    },
  );
  if (git.status !== 0) return sourceExtensionCandidates.filter((p) => existsSync(p));
  const tracked = new Set(
    git.stdout
      .split("\n")
      .filter(Boolean)
      .map((p) => join(repoRoot, p)),
  );
  return sourceExtensionCandidates.filter((p) => tracked.has(p) && existsSync(p));
}

/** Packages that must exist once in the page: resolved from this package whoever imports them. */
const singletons =
  /^(@jupyterlab|@jupyter-widgets|@lumino|@jupyter)\/|^(backbone|jquery|react|react-dom|yjs)$/;

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

function inputsHash(sourceExtensions, variant) {
  const h = createHash("sha256");
  const inputs = [
    join(labRoot, "package-lock.json"),
    fileURLToPath(import.meta.url),
    ...filesUnder(join(labRoot, "app")),
    // Our widget plugin's sources, the contract and renderers it shares with the kernel (and the
    // package.json it reads its version from), when bundled.
    ...(sourceExtensions.length
      ? [
          ...["widgets/src", "contract", "render"].flatMap((d) => filesUnder(join(repoRoot, d))),
          join(repoRoot, "package.json"),
        ]
      : []),
  ].sort();
  for (const f of inputs) {
    h.update(relative(repoRoot, f));
    h.update(readFileSync(f));
  }
  h.update(JSON.stringify({ sourceExtensions, variant }));
  return h.digest("hex");
}

/** The `jupyterlab` metadata of every installed extension package we bundle. */
function extensionPackages() {
  const pkgs = [];
  for (const scope of ["@jupyterlab", "@jupyter-widgets"]) {
    for (const name of readdirSync(join(modulesDir, scope))) {
      const dir = join(modulesDir, scope, name);
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (pkg.jupyterlab) pkgs.push({ dir, pkg });
    }
  }
  return pkgs;
}

function copySchemas(pkgs, outDir) {
  for (const { dir, pkg } of pkgs) {
    const schemaDir = pkg.jupyterlab.schemaDir;
    if (!schemaDir) continue;
    const dest = join(outDir, "schemas", pkg.name);
    mkdirSync(dest, { recursive: true });
    for (const f of readdirSync(join(dir, schemaDir)).filter((f) => f.endsWith(".json"))) {
      cpSync(join(dir, schemaDir, f), join(dest, f));
    }
    // jupyterlab_server reads the package version for each schema from here.
    writeFileSync(
      join(dest, "package.json.orig"),
      JSON.stringify({ name: pkg.name, version: pkg.version }),
    );
  }
}

/** JS imports of .svg want the markup as a string; CSS url()s want a data URL. `.raw.css` is text. */
const assetsPlugin = {
  name: "jupyterlab-assets",
  setup(build) {
    // webpack's "~package/file" form in CSS imports.
    build.onResolve({ filter: /^~/ }, (args) =>
      build.resolve(args.path.slice(1), {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
      }),
    );
    build.onResolve({ filter: /\.svg$|\.raw\.css$/ }, (args) => {
      if (args.kind === "url-token" || args.kind === "import-rule") return undefined;
      return { path: join(args.resolveDir, args.path), namespace: "asset-text" };
    });
    build.onLoad({ filter: /.*/, namespace: "asset-text" }, (args) => ({
      contents: readFileSync(args.path, "utf8"),
      loader: "text",
    }));
  },
};

/** One copy of JupyterLab, Lumino and the widget base for the whole page, including widgets/src. */
const singletonPlugin = {
  name: "singletons",
  setup(build) {
    build.onResolve({ filter: singletons }, async (args) => {
      if (args.pluginData?.singleton) return undefined;
      const r = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: labRoot,
        importer: args.importer,
        pluginData: { singleton: true },
      });
      return r.errors.length ? undefined : r;
    });
  },
};

/**
 * Host packages the app offers to prebuilt extensions in their module-federation share scope:
 * the app's own instances (resolved from this package like every singleton), with the installed
 * version of each. JupyterLab shares all of its packages; these are the ones an extension of
 * widgets typically imports.
 */
const sharedWithExtensions = [
  "@jupyter-widgets/base",
  "@jupyterlab/application",
  "@jupyterlab/apputils",
  "@jupyterlab/coreutils",
  "@jupyterlab/rendermime",
  "@jupyterlab/services",
  "@jupyterlab/translation",
  "@jupyterlab/ui-components",
  "@lumino/algorithm",
  "@lumino/coreutils",
  "@lumino/disposable",
  "@lumino/messaging",
  "@lumino/signaling",
  "@lumino/widgets",
  "react",
  "react-dom",
];

/** `tsnwb:shared-modules`: { name: { version, load } } for the share scope of prebuilt extensions. */
const sharedModulesPlugin = {
  name: "shared-modules",
  setup(build) {
    build.onResolve({ filter: /^tsnwb:shared-modules$/ }, () => ({
      path: "list",
      namespace: "shared-modules",
    }));
    build.onLoad({ filter: /.*/, namespace: "shared-modules" }, () => ({
      resolveDir: labRoot,
      loader: "js",
      contents: `export const sharedModules = {\n${sharedWithExtensions
        .map((name) => {
          const version = JSON.parse(
            readFileSync(join(modulesDir, name, "package.json"), "utf8"),
          ).version;
          return `  ${JSON.stringify(name)}: { version: ${JSON.stringify(version)}, load: () => import(${JSON.stringify(name)}) },`;
        })
        .join("\n")}\n};`,
    }));
  },
};

/** `tsnwb:source-extensions` lists the source extension modules found at build time. */
function sourceExtensionsPlugin(sourceExtensions) {
  return {
    name: "source-extensions",
    setup(build) {
      build.onResolve({ filter: /^tsnwb:source-extensions$/ }, () => ({
        path: "list",
        namespace: "source-extensions",
      }));
      build.onLoad({ filter: /.*/, namespace: "source-extensions" }, () => ({
        resolveDir: labRoot,
        loader: "js",
        contents: [
          ...sourceExtensions.map((p, i) => `import * as ext${i} from ${JSON.stringify(p)};`),
          `export const sourceExtensions = [${sourceExtensions
            .map((p, i) => `{ path: ${JSON.stringify(relative(repoRoot, p))}, module: ext${i} }`)
            .join(", ")}];`,
        ].join("\n"),
      }));
    },
  };
}

const loaders = {
  ".woff": "file",
  ".woff2": "file",
  ".ttf": "file",
  ".eot": "file",
  ".png": "dataurl",
  ".gif": "dataurl",
  ".svg": "dataurl",
  ".md": "text",
};

async function bundleApp(sourceExtensions, outDir) {
  await esbuild.build({
    entryPoints: { index: join(labRoot, "app", "main.ts") },
    outdir: join(outDir, "static"),
    bundle: true,
    splitting: true,
    format: "esm",
    target: "es2022",
    minify: true,
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
    loader: loaders,
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    // Code in JupyterLab's packages refers to webpack's public path and to `process`.
    banner: {
      js: "var __webpack_public_path__ = ''; var process = globalThis.process ?? { env: {}, cwd: () => '/' };",
    },
    plugins: [
      sourceExtensionsPlugin(sourceExtensions),
      sharedModulesPlugin,
      singletonPlugin,
      assetsPlugin,
    ],
  });
}

async function bundleThemes(pkgs, outDir) {
  for (const { dir, pkg } of pkgs) {
    const themePath = pkg.jupyterlab.themePath;
    if (!themePath) continue;
    await esbuild.build({
      entryPoints: [join(dir, themePath)],
      outfile: join(outDir, "themes", pkg.name, "index.css"),
      bundle: true,
      minify: true,
      logLevel: "warning",
      loader: loaders,
    });
  }
}

/**
 * Builds into a fresh directory and swaps it in, so a suite running from the previous build in
 * another process never sees a half-written one. Callers serialise builds (harness/lab-lock.ts).
 */
export async function buildLab({ force = false, variant = "source" } = {}) {
  if (!variants[variant])
    throw new Error(`build.mjs: unknown variant '${variant}' (source or federated)`);
  const { outDir } = variants[variant];
  const sourceExtensions = variant === "source" ? presentSourceExtensions() : [];
  const hash = inputsHash(sourceExtensions, variant);
  const stampFile = join(outDir, "build-stamp.json");
  if (!force && existsSync(stampFile)) {
    const stamp = JSON.parse(readFileSync(stampFile, "utf8"));
    if (stamp.hash === hash) return { ...stamp, cached: true };
  }
  const started = Date.now();
  const target = `${outDir}.tmp-${process.pid}`;
  rmSync(target, { recursive: true, force: true });
  const pkgs = extensionPackages();
  copySchemas(pkgs, target);
  await bundleApp(sourceExtensions, target);
  await bundleThemes(pkgs, target);
  mkdirSync(join(target, "templates"), { recursive: true });
  cpSync(join(labRoot, "app", "index.html"), join(target, "templates", "index.html"));
  mkdirSync(join(target, "app-settings"), { recursive: true });
  const stamp = {
    hash,
    variant,
    sourceExtensions: sourceExtensions.map((p) => relative(repoRoot, p)),
    buildSeconds: (Date.now() - started) / 1000,
    jupyterlabVersion: JSON.parse(
      readFileSync(join(modulesDir, "@jupyterlab", "application", "package.json"), "utf8"),
    ).version,
  };
  writeFileSync(join(target, "build-stamp.json"), JSON.stringify(stamp, null, 2));
  const old = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(target, outDir);
  rmSync(old, { recursive: true, force: true });
  return { ...stamp, cached: false };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--variant");
  const result = await buildLab({
    force: process.argv.includes("--force"),
    variant: i > 0 ? process.argv[i + 1] : undefined,
  });
  console.log(JSON.stringify(result, null, 2));
}

// Writes widgets/labextension/core/package.json: the "core" package description that
// @jupyterlab/builder's `build-labextension --core-path` reads to learn what the JupyterLab host
// provides. The Python jupyterlab package ships it (jupyterlab/staging/package.json); that package
// is not available here, so it is rebuilt from facts about the JupyterLab 4.6 release:
//   - the @jupyterlab/* packages and their exact versions: the lockfile of the end-to-end
//     JupyterLab (test/jupyterlab/package-lock.json, every @jupyterlab package pinned to 4.6.4);
//   - the host's singleton packages and the version ranges it declares for its third-party shared
//     packages: listed below, as declared in jupyterlab/jupyterlab dev_mode/package.json
//     (`jupyterlab.singletonPackages`, `resolutions`) on the 4.6.x branch (tag v4.6.3; the lists
//     are the same throughout 4.6.x).
// The builder turns every listed package into a shared module the extension takes from the host
// (never bundles), singletons with one instance for the whole page. The versioned @jupyterlab/*
// entries are the 71 release packages the end-to-end JupyterLab installs; the release's others
// (debugger, terminal, csvviewer, …) appear only as singletons where JupyterLab makes them so.
//
// Usage: node widgets/labextension/core/generate.mjs [--check]
//   --check  exit 1 (naming the difference) when the committed file is not what this would write.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "..", "..", "..");
const labRoot = join(repoRoot, "test", "jupyterlab");
const outFile = join(here, "package.json");

/** jupyterlab.singletonPackages of JupyterLab 4.6.x. */
const singletonPackages = [
  "@codemirror/language",
  "@codemirror/state",
  "@codemirror/view",
  "@jupyter/react-components",
  "@jupyter/web-components",
  "@jupyter/ydoc",
  "@jupyterlab/application",
  "@jupyterlab/apputils",
  "@jupyterlab/cell-toolbar",
  "@jupyterlab/codeeditor",
  "@jupyterlab/codemirror",
  "@jupyterlab/completer",
  "@jupyterlab/console",
  "@jupyterlab/coreutils",
  "@jupyterlab/debugger",
  "@jupyterlab/docmanager",
  "@jupyterlab/documentsearch",
  "@jupyterlab/extensionmanager",
  "@jupyterlab/filebrowser",
  "@jupyterlab/fileeditor",
  "@jupyterlab/htmlviewer",
  "@jupyterlab/imageviewer",
  "@jupyterlab/inspector",
  "@jupyterlab/launcher",
  "@jupyterlab/logconsole",
  "@jupyterlab/lsp",
  "@jupyterlab/mainmenu",
  "@jupyterlab/markdownviewer",
  "@jupyterlab/mermaid",
  "@jupyterlab/metadataform",
  "@jupyterlab/notebook",
  "@jupyterlab/pluginmanager",
  "@jupyterlab/rendermime",
  "@jupyterlab/rendermime-interfaces",
  "@jupyterlab/services",
  "@jupyterlab/settingeditor",
  "@jupyterlab/settingregistry",
  "@jupyterlab/statedb",
  "@jupyterlab/statusbar",
  "@jupyterlab/terminal",
  "@jupyterlab/toc",
  "@jupyterlab/tooltip",
  "@jupyterlab/translation",
  "@jupyterlab/ui-components",
  "@jupyterlab/workspaces",
  "@lezer/common",
  "@lezer/highlight",
  "@lumino/algorithm",
  "@lumino/application",
  "@lumino/commands",
  "@lumino/coreutils",
  "@lumino/datagrid",
  "@lumino/disposable",
  "@lumino/domutils",
  "@lumino/dragdrop",
  "@lumino/keyboard",
  "@lumino/messaging",
  "@lumino/polling",
  "@lumino/properties",
  "@lumino/signaling",
  "@lumino/virtualdom",
  "@lumino/widgets",
  "@microsoft/fast-element",
  "@microsoft/fast-foundation",
  "react",
  "react-dom",
  "yjs",
];

/** The ranges JupyterLab 4.6.x declares for the third-party packages it shares (its `resolutions`). */
const thirdPartyResolutions = {
  "@codemirror/language": "^6.0.0",
  "@codemirror/state": "^6.2.0",
  "@codemirror/view": "^6.9.6",
  "@jupyter/react-components": "^0.16.6",
  "@jupyter/web-components": "^0.16.6",
  "@jupyter/ydoc": "^4.0.0-b1",
  "@lezer/common": "^1.0.0",
  "@lezer/highlight": "^1.0.0",
  "@lumino/algorithm": "^2.0.0",
  "@lumino/application": "^2.3.0-alpha.1",
  "@lumino/commands": "^2.0.1",
  "@lumino/coreutils": "^2.0.0",
  "@lumino/datagrid": "^2.3.0-alpha.1",
  "@lumino/disposable": "^2.0.0",
  "@lumino/domutils": "^2.0.0",
  "@lumino/dragdrop": "^2.0.0",
  "@lumino/keyboard": "^2.0.0",
  "@lumino/messaging": "^2.0.0",
  "@lumino/polling": "^2.0.0",
  "@lumino/properties": "^2.0.0",
  "@lumino/signaling": "^2.0.0",
  "@lumino/virtualdom": "^2.0.0",
  "@lumino/widgets": "^2.3.1-alpha.1",
  "@microsoft/fast-element": "^1.12.0",
  "@microsoft/fast-foundation": "^2.49.2",
  react: "^18.2.0",
  "react-dom": "^18.2.0",
  yjs: "^13.5.40",
};

function sorted(obj) {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function corePackage() {
  const lock = JSON.parse(readFileSync(join(labRoot, "package-lock.json"), "utf8"));
  const app = JSON.parse(readFileSync(join(labRoot, "package.json"), "utf8"));
  const installed = (name) => lock.packages[`node_modules/${name}`]?.version;
  const jupyterlab = Object.keys(lock.packages)
    .filter((k) => /^node_modules\/@jupyterlab\/[^/]+$/.test(k))
    .map((k) => k.slice("node_modules/".length));
  const version = installed("@jupyterlab/application");
  if (!version)
    throw new Error(
      `${join(labRoot, "package-lock.json")}: no node_modules/@jupyterlab/application entry`,
    );
  const tilde = (name) => `~${installed(name)}`;
  // As in JupyterLab's own: `dependencies` are the application and the extensions it is built
  // from; `resolutions` pin every package of the release plus the shared third-party ones.
  const dependencies = Object.keys(app.dependencies).filter((n) => n.startsWith("@jupyterlab/"));
  return {
    name: "@jupyterlab/application-top",
    version,
    private: true,
    license: "BSD-3-Clause",
    description: `What a JupyterLab ${version} host provides to prebuilt extensions (generated by widgets/labextension/core/generate.mjs; input of build-labextension --core-path).`,
    dependencies: sorted(Object.fromEntries(dependencies.map((n) => [n, tilde(n)]))),
    resolutions: sorted({
      ...Object.fromEntries(jupyterlab.map((n) => [n, tilde(n)])),
      ...thirdPartyResolutions,
    }),
    jupyterlab: { name: "JupyterLab", version, singletonPackages },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = JSON.stringify(corePackage(), null, 2) + "\n";
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(outFile, "utf8");
    } catch {
      // reported below
    }
    if (current !== text) {
      console.error(
        `${outFile} is not what widgets/labextension/core/generate.mjs writes from test/jupyterlab/package-lock.json: run it and commit the result`,
      );
      process.exit(1);
    }
  } else {
    writeFileSync(outFile, text);
    console.log(`wrote ${outFile}`);
  }
}

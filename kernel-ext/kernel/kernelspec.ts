// Registering the tsnwb kernel with Jupyter needs no Python: a kernelspec is a directory
// <data dir>/kernels/<name>/ holding kernel.json. Data dirs follow jupyter_core: the user's
// ($JUPYTER_DATA_DIR or ~/.local/share/jupyter), sys.prefix's (<prefix>/share/jupyter), or any --prefix.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { packageRoot } from "./package-resolution.js";

export const KERNEL_NAME = "tsnwb";
export const DISPLAY_NAME = "TypeScript (NWB)";
/** Where the prebuilt JupyterLab extension of the widgets is built to (by the widgets' build), if at all. */
export const LABEXTENSION_BUILD_DIR = join(packageRoot, "dist", "labextension");
export const LABEXTENSION_NAME = "tsnwb-widgets";

export type DataDirChoice =
  { kind: "user" } | { kind: "sys-prefix" } | { kind: "prefix"; prefix: string };

export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_DATA_DIR) return resolve(env.JUPYTER_DATA_DIR);
  if (process.platform === "darwin") return join(homedir(), "Library", "Jupyter");
  if (process.platform === "win32") return join(env.APPDATA ?? homedir(), "jupyter");
  return join(env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "jupyter");
}

/** sys.prefix of the Python environment Jupyter runs in: the active virtualenv/conda env, else /usr. */
export function sysPrefix(env: NodeJS.ProcessEnv = process.env): string {
  return env.VIRTUAL_ENV ?? env.CONDA_PREFIX ?? "/usr";
}

export function dataDir(choice: DataDirChoice, env: NodeJS.ProcessEnv = process.env): string {
  switch (choice.kind) {
    case "user":
      return userDataDir(env);
    case "sys-prefix":
      return join(sysPrefix(env), "share", "jupyter");
    case "prefix":
      return join(resolve(choice.prefix), "share", "jupyter");
  }
}

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "signal" | "message";
  metadata: Record<string, unknown>;
}

export function kernelSpec(displayName = DISPLAY_NAME): KernelSpec {
  return {
    argv: [
      process.execPath,
      join(packageRoot, "bin", "tsnwb.js"),
      "kernel",
      "--config-path",
      "{connection_file}",
    ],
    display_name: displayName,
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { tsnwb: { package_root: packageRoot } },
  };
}

export interface InstallResult {
  kernelDir: string;
  labextensionDir?: string;
}

/**
 * Writes <dir>/kernels/<name>/kernel.json, and copies the widgets' prebuilt JupyterLab extension
 * (a directory with package.json, from `labextensionSource`) to <dir>/labextensions/tsnwb-widgets
 * when it has been built.
 */
export function installKernelSpec(
  dir: string,
  name = KERNEL_NAME,
  displayName = DISPLAY_NAME,
  labextensionSource = LABEXTENSION_BUILD_DIR,
): InstallResult {
  const kernelDir = join(dir, "kernels", name);
  mkdirSync(kernelDir, { recursive: true });
  writeFileSync(
    join(kernelDir, "kernel.json"),
    JSON.stringify(kernelSpec(displayName), null, 2) + "\n",
  );
  const result: InstallResult = { kernelDir };
  if (existsSync(join(labextensionSource, "package.json"))) {
    const target = join(dir, "labextensions", LABEXTENSION_NAME);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(join(dir, "labextensions"), { recursive: true });
    cpSync(labextensionSource, target, { recursive: true });
    result.labextensionDir = target;
  }
  return result;
}

/** Removes the kernelspec (and the labextension install installed); returns what was removed. */
export function uninstallKernelSpec(dir: string, name = KERNEL_NAME): string[] {
  const removed: string[] = [];
  for (const path of [join(dir, "kernels", name), join(dir, "labextensions", LABEXTENSION_NAME)]) {
    if (existsSync(path)) {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    }
  }
  return removed;
}

// `import * as nwb from "tsnwb"` in a cell, from any working directory, without a local install:
// both the runtime (Node's CommonJS resolver, which tslab's compiled cells use) and tslab's
// TypeScript host (for type checking and completion) are pointed at the kernel's own copy.
// The TypeScript side mirrors what tslab does for itself (forwardTslabPath): paths under
// <cwd>/node_modules/tsnwb are served from this package's directory.
import Module, { createRequire } from "node:module";
import { dirname, join, posix, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The root of this tsnwb package (the directory with package.json). */
export const packageRoot: string = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

const PACKAGE = "tsnwb";
const ownRequire = createRequire(join(packageRoot, "package.json"));

function isTsnwbRequest(request: string): boolean {
  return request === PACKAGE || request.startsWith(`${PACKAGE}/`);
}

type ResolveFilename = (
  request: string,
  parent: unknown,
  isMain: boolean,
  options?: unknown,
) => string;

function installRuntimeResolution(): void {
  const mod = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = mod._resolveFilename;
  let resolvingOwn = false;
  mod._resolveFilename = function (request, parent, isMain, options) {
    if (isTsnwbRequest(request) && !resolvingOwn) {
      // The package's own "exports" decide what is importable (self-reference from its root).
      resolvingOwn = true;
      try {
        return ownRequire.resolve(request);
      } finally {
        resolvingOwn = false;
      }
    }
    return original.call(this, request, parent, isMain, options);
  };
}

type PathFn = (path: string, ...rest: any[]) => any;

function installTypeScriptResolution(cwd: string): void {
  // The TypeScript copy tslab compiles cells with, and its shared `sys` object (tslab's host
  // delegates every file access to it).
  const tslabRequire = createRequire(createRequire(import.meta.url).resolve("tslab/package.json"));
  const ts = tslabRequire("@tslab/typescript-for-tslab") as { sys: Record<string, unknown> };
  const virtualRoot = posix.join(cwd.split(sep).join("/"), "node_modules", PACKAGE);
  const realRoot = packageRoot.split(sep).join("/");
  const toReal = (p: string): string => {
    if (typeof p !== "string") return p;
    const norm = p.split(sep).join("/");
    if (norm === virtualRoot) return realRoot;
    if (norm.startsWith(`${virtualRoot}/`)) return realRoot + norm.slice(virtualRoot.length);
    return p;
  };
  const nodeModules = posix.join(cwd.split(sep).join("/"), "node_modules");
  for (const name of [
    "fileExists",
    "readFile",
    "realpath",
    "getDirectories",
    "readDirectory",
    "getModifiedTime",
  ]) {
    const original = ts.sys[name] as PathFn | undefined;
    if (typeof original !== "function") continue;
    ts.sys[name] = (path: string, ...rest: unknown[]) =>
      original.call(ts.sys, toReal(path), ...rest);
  }
  // The kernel's own package does not change under a running kernel, so its files are not watched:
  // polling hundreds of declaration files costs CPU, and a rebuild of dist/ while a kernel runs would
  // fire several watchers at once, which tslab's converter rejects ("Unexpected pending rebuildTimer").
  const isOwnFile = (p: string) => {
    const real = toReal(p).split(sep).join("/");
    return real === realRoot || real.startsWith(`${realRoot}/`);
  };
  for (const name of ["watchFile", "watchDirectory"]) {
    const original = ts.sys[name] as PathFn | undefined;
    if (typeof original !== "function") continue;
    ts.sys[name] = (path: string, ...rest: unknown[]) =>
      isOwnFile(path) ? { close: () => undefined } : original.call(ts.sys, path, ...rest);
  }
  const directoryExists = ts.sys.directoryExists as PathFn;
  // <cwd>/node_modules may not exist: report it so module resolution looks inside it.
  ts.sys.directoryExists = (path: string) =>
    directoryExists.call(ts.sys, toReal(path)) || path.split(sep).join("/") === nodeModules;
}

let installed = false;

/** Makes "tsnwb" resolve to this package for cells run in `cwd`. Idempotent. */
export function installPackageResolution(cwd: string = process.cwd()): void {
  if (installed) return;
  installed = true;
  installRuntimeResolution();
  installTypeScriptResolution(cwd);
}

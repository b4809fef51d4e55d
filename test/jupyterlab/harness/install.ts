// Installs (npm ci) and builds the end-to-end JupyterLab, each only when its inputs changed, so a
// re-run of the suite costs neither the 380 MB install nor the esbuild build.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { withPrepareLock } from "./lab-lock.js";
import { labRoot } from "./paths.js";

export type LabVariant = "source" | "federated";

export interface LabBuild {
  hash: string;
  variant: LabVariant;
  sourceExtensions: string[];
  buildSeconds: number;
  jupyterlabVersion: string;
  cached: boolean;
}

export interface PreparedLab {
  build: LabBuild;
  installSeconds: number;
  installed: boolean;
  /** wall time of the build step in this run (near zero when cached) */
  buildStepSeconds: number;
}

function installIsCurrent(): boolean {
  const stamp = join(labRoot, "node_modules", ".package-lock.json");
  return (
    existsSync(stamp) &&
    statSync(stamp).mtimeMs >= statSync(join(labRoot, "package-lock.json")).mtimeMs
  );
}

/** Installs the e2e JupyterLab's packages and builds the variant: our plugin as a source extension, or none (prebuilt ones load). */
export function prepareLab(variant: LabVariant = "source"): Promise<PreparedLab> {
  return withPrepareLock(() => prepareUnlocked(variant));
}

async function prepareUnlocked(variant: LabVariant): Promise<PreparedLab> {
  const started = Date.now();
  let installed = false;
  if (!installIsCurrent()) {
    const npm = spawnSync(
      "npm",
      [
        "ci",
        "--prefix",
        labRoot,
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        "--loglevel=error",
      ],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    if (npm.status !== 0)
      throw new Error(`npm ci --prefix ${labRoot} failed (exit ${npm.status}):\n${npm.stderr}`);
    installed = true;
  }
  const installSeconds = (Date.now() - started) / 1000;
  const { buildLab } = (await import(join(labRoot, "build.mjs"))) as {
    buildLab: (o: { variant: LabVariant }) => Promise<LabBuild>;
  };
  const buildStarted = Date.now();
  const build = await buildLab({ variant });
  return { build, installSeconds, installed, buildStepSeconds: (Date.now() - buildStarted) / 1000 };
}

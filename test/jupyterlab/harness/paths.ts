// Where the end-to-end JupyterLab's pieces live.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const labRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = join(labRoot, "..", "..");
export const buildDir = join(labRoot, "build");
/** The application without source extensions, which loads prebuilt ones (build.mjs --variant federated). */
export const federatedBuildDir = join(labRoot, "build-federated");
export const artifactsDir = join(repoRoot, "test-artifacts", "jupyterlab");

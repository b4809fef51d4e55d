// The analysis version a result was made with: the package version and the build stamp (the hash
// of every source the build reads, scripts/build-stamp.mjs). Workers and coordinators of one batch
// must agree on it, and a stored result is reused only by the same version.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const pkg = createRequire(import.meta.url)("../../../package.json") as { version: string };

let cached: string | undefined;

export function analysisVersion(): string {
  if (cached) return cached;
  // Built: dist/kernel-ext/queue/ → dist/.build-stamp; from source: kernel-ext/queue/ → dist/.build-stamp.
  const stamp = [
    new URL("../../.build-stamp", import.meta.url),
    new URL("../../dist/.build-stamp", import.meta.url),
  ].find((u) => existsSync(u));
  const hash = stamp ? readFileSync(stamp, "utf8").trim().slice(0, 12) : "unstamped";
  cached = `tsnwb ${pkg.version}+${hash}`;
  return cached;
}

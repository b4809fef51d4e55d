// The build stamp: a hash of every input of `npm run build`, written to dist/.build-stamp when a
// build succeeds. `npm test` and `npm run bench` build only when the stamp does not match the
// sources, so `scripts/setup && npm test` (setup builds) builds once.
//   node scripts/build-stamp.mjs write            after a build: record the sources' hash
//   node scripts/build-stamp.mjs build-if-stale   run `npm run build` unless dist matches the sources
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stampFile = join(root, "dist", ".build-stamp");
// What the build reads: the TypeScript of both halves and of what they share (contract/, render/), the build scripts and the dependency set.
const SOURCE_DIRS = ["kernel-ext", "widgets", "contract", "render"];
const SOURCE_FILES = [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "scripts/build-widgets.mjs",
  "scripts/build-labextension.mjs",
];
// Outside a git checkout (e.g. an unpacked tarball) the folders are walked, skipping these.
const SKIP = new Set(["node_modules", "dist", ".cache"]);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(join(root, dir)).sort()) {
    if (SKIP.has(name)) continue;
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...walk(rel));
    else out.push(rel);
  }
  return out;
}

/** The build's input files, relative to the repository root, sorted. */
function sourceFiles() {
  let listed;
  try {
    // Tracked and untracked-but-not-ignored files: exactly what a developer's edit can change.
    listed = execFileSync(
      "git",
      ["ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", ...SOURCE_DIRS],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    )
      .split("\0")
      .filter(Boolean);
  } catch {
    listed = SOURCE_DIRS.flatMap((d) => (existsSync(join(root, d)) ? walk(d) : []));
  }
  return [...new Set([...listed, ...SOURCE_FILES])].filter((f) => existsSync(join(root, f))).sort();
}

function sourceHash() {
  const hash = createHash("sha256");
  for (const file of sourceFiles()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

const command = process.argv[2];
if (command === "write") {
  writeFileSync(stampFile, `${sourceHash()}\n`);
} else if (command === "build-if-stale") {
  const recorded = existsSync(stampFile) ? readFileSync(stampFile, "utf8").trim() : "";
  if (recorded && recorded === sourceHash()) {
    console.error(
      "build: dist/ is up to date with the sources (dist/.build-stamp); not rebuilding",
    );
  } else {
    console.error(
      recorded
        ? "build: sources changed since the last build; building"
        : "build: no build yet; building",
    );
    const r = spawnSync(
      process.platform === "win32" ? "npm.cmd" : "npm",
      ["run", "--silent", "build"],
      { cwd: root, stdio: "inherit" },
    );
    process.exitCode = r.status ?? 1;
  }
} else {
  console.error("usage: node scripts/build-stamp.mjs write | build-if-stale");
  process.exitCode = 2;
}

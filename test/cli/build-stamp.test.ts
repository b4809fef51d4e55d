// scripts/build-stamp.mjs: `npm test` / `npm run bench` build only when the sources changed since
// the last build, so `scripts/setup && npm test` builds once. Run on a scratch project whose
// build counts its runs, both as a git checkout and as a plain folder.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/cli.js";

const run = promisify(execFile);

function scratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "tsnwb-stamp-"));
  mkdirSync(join(dir, "scripts"));
  mkdirSync(join(dir, "kernel-ext"));
  mkdirSync(join(dir, "widgets"));
  copyFileSync(
    join(repoRoot, "scripts", "build-stamp.mjs"),
    join(dir, "scripts", "build-stamp.mjs"),
  );
  // The "build" appends a line to dist/builds, then stamps, as the real build script does.
  const build = `node -e "const fs=require('fs');fs.mkdirSync('dist',{recursive:true});fs.appendFileSync('dist/builds','x')" && node scripts/build-stamp.mjs write`;
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "scratch", private: true, scripts: { build } }),
  );
  writeFileSync(join(dir, "kernel-ext", "a.ts"), "export const a = 1;\n");
  return dir;
}

async function buildIfStale(dir: string): Promise<{ builds: number; said: string }> {
  const { stderr } = await run(
    process.execPath,
    [join(dir, "scripts", "build-stamp.mjs"), "build-if-stale"],
    { cwd: dir },
  );
  return {
    builds: readFileSync(join(dir, "dist", "builds"), "utf8").length,
    said: stderr.split("\n")[0]!,
  };
}

for (const git of [true, false]) {
  describe(`build stamp (${git ? "git checkout" : "plain folder"})`, () => {
    let dir: string;
    before(async () => {
      dir = scratchProject();
      if (git) {
        await run("git", ["init", "-q"], { cwd: dir });
        writeFileSync(join(dir, ".gitignore"), "dist/\n");
      }
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("builds when there is no build, then not again until a source changes, is added, or dist/ is gone", async () => {
      assert.deepEqual(await buildIfStale(dir), {
        builds: 1,
        said: "build: no build yet; building",
      });
      assert.deepEqual(await buildIfStale(dir), {
        builds: 1,
        said: "build: dist/ is up to date with the sources (dist/.build-stamp); not rebuilding",
      });
      writeFileSync(join(dir, "kernel-ext", "a.ts"), "export const a = 2;\n");
      assert.deepEqual(await buildIfStale(dir), {
        builds: 2,
        said: "build: sources changed since the last build; building",
      });
      assert.equal((await buildIfStale(dir)).builds, 2);
      writeFileSync(join(dir, "widgets", "b.ts"), "export const b = 1;\n");
      assert.equal((await buildIfStale(dir)).builds, 3);
      writeFileSync(join(dir, "notes.md"), "not a build input\n");
      assert.equal((await buildIfStale(dir)).builds, 3);
      rmSync(join(dir, "dist", ".build-stamp"));
      assert.equal((await buildIfStale(dir)).builds, 4);
    });
  });
}

describe("package.json: the README's `scripts/setup && npm test` builds once", () => {
  it("build writes the stamp; setup, test and bench build only when stale", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    assert.match(pkg.scripts.build!, /&& node scripts\/build-stamp\.mjs write$/);
    // The type check comes first (it builds nothing); then the build when stale, then mocha.
    assert.match(
      pkg.scripts.test!,
      /^npm run typecheck && npm run lint && node scripts\/build-stamp\.mjs build-if-stale && mocha$/,
    );
    assert.match(
      pkg.scripts["test:fast"]!,
      /^node scripts\/build-stamp\.mjs build-if-stale && mocha /,
    );
    assert.match(pkg.scripts.bench!, /^node scripts\/build-stamp\.mjs build-if-stale && /);
    assert.match(
      readFileSync(join(repoRoot, "scripts", "setup"), "utf8"),
      /^node scripts\/build-stamp\.mjs build-if-stale$/m,
    );
  });
});

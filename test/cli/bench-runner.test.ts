// `npm run bench` (bench/run.js): every benchmark file is in its list, and a quick run of two of
// them prints a ratio line for each (ours vs its reference, measured in the same run) and a summary.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/cli.js";

const run = promisify(execFile);
const runner = join(repoRoot, "bench", "run.js");

async function bench(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [runner, ...args], {
      cwd: repoRoot,
      maxBuffer: 1 << 24,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Script files (.ts/.mjs/.js) under `dir`, relative to the repository root. */
function scripts(dir: string): string[] {
  return readdirSync(join(repoRoot, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (statSync(join(repoRoot, rel)).isDirectory()) return scripts(rel);
    return /\.(ts|mjs|js)$/.test(name) ? [rel] : [];
  });
}

/** Relative imports of a script, resolved to repository paths (".js" of a TypeScript file → ".ts"). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(repoRoot, file), "utf8");
  return [...text.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)].map((m) =>
    relative(repoRoot, resolve(repoRoot, dirname(file), m[1]!)).replace(
      /\.js$/,
      file.endsWith(".ts") ? ".ts" : ".js",
    ),
  );
}

describe("npm run bench (bench/run.js)", () => {
  it("lists every benchmark file in bench/ and test/browser/bench (the rest are helpers they import or pages they load)", async () => {
    const r = await bench("--list");
    assert.equal(r.code, 0, r.stderr);
    const listed = r.stdout
      .trim()
      .split("\n")
      .map((l) => l.split(/\s+/)[1]!);
    assert.equal(listed.length, 12);
    const all = [...scripts("bench"), ...scripts("test/browser/bench")].filter(
      (f) => f !== join("bench", "run.js"),
    );
    // Helpers: what a benchmark imports, and scripts its imports start as child processes by name.
    const direct = listed.flatMap(importsOf);
    const spawned = direct.flatMap((f) =>
      [...readFileSync(join(repoRoot, f), "utf8").matchAll(/"([\w-]+\.mjs)"/g)].map((m) =>
        join(dirname(f), m[1]!),
      ),
    );
    // Page scripts (a `page/` folder): loaded by the browser a benchmark drives, named in it.
    const served = all.filter(
      (f) =>
        f.split("/").includes("page") &&
        listed.some((b) => readFileSync(join(repoRoot, b), "utf8").includes(`/${basename(f)}`)),
    );
    const imported = new Set([...direct, ...spawned, ...served]);
    for (const file of all)
      assert.ok(
        listed.includes(file) || imported.has(file),
        `${file}: neither a listed benchmark nor imported by one`,
      );
    for (const file of listed)
      assert.ok(all.includes(file), `${file} is listed but does not exist`);
    assert.match(
      r.stdout,
      /^spike-model .*reference: torch \(Debian python3-torch\) forward pass on the same weights, one thread$/m,
    );
    assert.match(
      r.stdout,
      /^oasis .*reference: a numpy\/Python PAVA \(the Cython OASIS is not installed: its figures are quoted, not measured\)$/m,
    );
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    assert.match(pkg.scripts.bench!, /node bench\/run\.js$/);
  });

  it("--quick --only filters,oasis: both run, each prints a ratio line, the summary repeats them, exit 0", async () => {
    const r = await bench("--quick", "--only", "filters,oasis");
    assert.equal(r.code, 0, r.stderr);
    const summary = r.stdout.slice(r.stdout.indexOf("=== summary"));
    assert.match(summary, /^filters +ok /m);
    assert.match(summary, /^oasis +ok /m);
    for (const name of [
      "sosfiltfilt \\(zero-phase, odd padding\\)",
      "sosfilt \\(one pass\\)",
      "filtfilt \\(b, a\\)",
    ]) {
      assert.match(
        summary,
        new RegExp(
          `^    ${name} +ours +[\\d.]+ ms +scipy +[\\d.]+ ms +ratio ours/ref [\\d.]+$`,
          "m",
        ),
      );
    }
    // The OASIS reference is a numpy stand-in, and its line says so.
    assert.match(
      summary,
      /^ {4}oasisAR1\(g=0\.95, lam=0\), 1e4 frames +ours +[\d.]+ ms +numpy PAVA +[\d.]+ ms +ratio ours\/ref [\d.]+ \(the reference measured here is a numpy PAVA, not the Cython OASIS\)/m,
    );
    assert.match(summary, /^2 of 2 benchmarks ran and printed their ratios$/m);
    const latest = JSON.parse(
      readFileSync(join(repoRoot, "bench", "results", "latest.json"), "utf8"),
    ) as { quick: boolean; results: { name: string; status: string; ratios: string[] }[] };
    assert.equal(latest.quick, true);
    assert.deepEqual(
      latest.results.map((x) => [x.name, x.status, x.ratios.length]),
      [
        ["filters", "ok", 3],
        ["oasis", "ok", 1],
      ],
    );
  });

  it("the OASIS bench (full size) labels every Cython figure as quoted, not measured, and keeps it out of the ratios", async () => {
    const r = await bench("--only", "oasis");
    assert.equal(r.code, 0, r.stderr);
    const quoted = r.stdout
      .split("\n")
      .filter(
        (l) =>
          /Cython/.test(l) &&
          !l.startsWith("=== ") &&
          !/^oasis +/.test(l) &&
          !/reference measured here is a numpy PAVA/.test(l),
      );
    assert.equal(quoted.length, 6, r.stdout); // AR(1), AR(2), deconvolve × 1e5, 1e6 frames
    for (const line of quoted) {
      assert.match(
        line,
        /Cython (OASIS|deconvolve\(penalty=1\)): [\d.]+ ms quoted from reference-numbers\.md, not measured in this run$/,
      );
      assert.doesNotMatch(line, /\bratio\b/);
    }
    const summary = r.stdout.slice(r.stdout.indexOf("=== summary"));
    assert.deepEqual(
      summary
        .split("\n")
        .filter((l) => l.startsWith("    "))
        .map(
          (l) =>
            /oasisAR1\(g=0\.95, lam=0\), (1e\d) frames .* numpy PAVA .* ratio ours\/ref [\d.]+ \(the reference measured here is a numpy PAVA, not the Cython OASIS\)/.exec(
              l,
            )?.[1],
        ),
      ["1e5", "1e6"],
    );
  });

  it("an unknown benchmark or argument is a usage error (exit 2) naming the benchmarks", async () => {
    const r = await bench("--only", "filtres");
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^bench: unknown benchmark filtres; benchmarks: filters, oasis, roi, spike-model, nwb-read, write, widgets, time-link, remote, queue, kernel, browser$/m,
    );
    assert.equal((await bench("--fast")).code, 2);
  });
});

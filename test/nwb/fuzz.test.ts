// Corrupt files never hang and never half-succeed: a seeded corpus of mutated copies of the bundled
// recordings and fixtures (truncation, byte flips in the superblock / metadata / dataset bytes,
// zeroed blocks), each opened and walked with every dataset read in-process, and a sample through
// `tsnwb info --json` as a user runs it. Every case must end (the HDF5 deadline ends loops) with
// the file opened and read, or one NWBError naming the file and the cause; never h5wasm's raw
// words, never HDF5's diagnostic stack on stderr, never exit 0 after a failure; sources unchanged.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { openLocalH5 } from "../../kernel-ext/nwb/h5/local.js";
import type { H5GroupMeta, H5Source } from "../../kernel-ext/nwb/h5/source.js";
import { NWBError } from "../../kernel-ext/nwb/errors.js";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { runTsnwb } from "../support/cli.js";
import { uniform } from "../support/random.js";
import { allFixtures, PYTHON, repoRoot, sha256File } from "./support.js";

const CASES = Number(process.env.TSNWB_FUZZ_CASES ?? 1000);
const CLI_SAMPLE = Number(process.env.TSNWB_FUZZ_CLI ?? 50);
const SEED = Number(process.env.TSNWB_FUZZ_SEED ?? 14);
/** A folder to keep every mutated file in, to look into a case (the files are deleted otherwise). */
const KEEP = process.env.TSNWB_FUZZ_KEEP;
/** Short, so that a loop costs the suite little; a real file's metadata calls take milliseconds. */
const DEADLINE_MS = 2_000;
/** h5wasm's own words, which must never reach a user. */
const RAW_WASM = /Aborted\(|memory access out of bounds|name not defined|RuntimeError|wasm/i;

const KINDS = [
  "truncation",
  "flip-superblock",
  "flip-metadata",
  "flip-data",
  "zeroed-block",
] as const;
type Kind = (typeof KINDS)[number];

interface Regions {
  size: number;
  superblock: [number, number];
  data: [number, number][];
}

interface Case {
  index: number;
  source: string;
  kind: Kind;
  bytes: Buffer;
}

/** One mutation of `src` of the given kind, at places drawn from `u`. */
function mutate(src: Buffer, regions: Regions, kind: Kind, u: () => number): Buffer {
  const size = src.length;
  const at = (a: number, b: number) => a + Math.floor(u() * Math.max(1, b - a));
  const [s0, s1] = regions.superblock;
  if (kind === "truncation") return Buffer.from(src.subarray(0, at(s0 + 8, size)));
  const out = Buffer.from(src);
  const flip = (pos: number) => {
    if (pos < size) out[pos] ^= 1 + Math.floor(u() * 255);
  };
  if (kind === "zeroed-block") {
    const len = 16 << Math.floor(u() * 9); // 16 B … 4 KiB
    const start = at(s0 + 8, size - 1);
    out.fill(0, start, Math.min(size, start + len));
    return out;
  }
  const flips = 1 + Math.floor(u() * 4);
  for (let i = 0; i < flips; i++) {
    if (kind === "flip-superblock") flip(at(s0 + 8, s1));
    else if (kind === "flip-data" && regions.data.length > 0) {
      const [a, b] = regions.data[Math.floor(u() * regions.data.length)];
      flip(at(a, b));
    } else flip(metadataOffset(regions, u));
  }
  return out;
}

/** A byte after the superblock that no dataset's stored bytes cover. */
function metadataOffset(regions: Regions, u: () => number): number {
  for (;;) {
    const pos = regions.superblock[1] + Math.floor(u() * (regions.size - regions.superblock[1]));
    if (!regions.data.some(([a, b]) => pos >= a && pos < b)) return pos;
  }
}

/** The outcome of one case, for the table: "opened+read OK", "opened, N reads: <cause>", "open failed: <cause>". */
function causeOf(e: NWBError): string {
  const m = e.expected;
  if (/did not finish/.test(m)) return "loop ended at deadline";
  if (/crashed/.test(m)) return "HDF5 crashed (reported)";
  if (/stopped after an earlier failure/.test(m)) return "file unusable after crash";
  if (/truncated/.test(m)) return "truncated";
  if (/checksum/.test(m)) return "checksum";
  if (/compressed/.test(m)) return "corrupt compressed data";
  if (/corrupt or truncated data/.test(m)) return "corrupt data";
  if (/corrupt HDF5 metadata|superblock or root group is corrupt/.test(m))
    return "corrupt HDF5 metadata";
  if (/not an HDF5 file/.test(m)) return "not HDF5";
  if (/NWB|nwb_version/.test(m)) return "not NWB 2.x";
  return "NWB field check";
}

function datasetPaths(g: H5GroupMeta, out: string[] = []): string[] {
  for (const c of Object.values(g.children)) {
    if (c.kind === "group") datasetPaths(c, out);
    else if (c.kind === "dataset") out.push(c.path);
  }
  return out;
}

interface Outcome {
  outcome: string;
  /** Messages of every error the case produced. */
  messages: string[];
  /** Errors that were not NWBErrors naming the file. */
  defects: string[];
  /** Whether openNWB and the object listing (what `tsnwb info` does) succeeded. */
  nwbOk: boolean;
}

/** Opens `file` in-process (the guard's deadline shortened), walks it and reads every dataset. */
async function walk(file: string): Promise<Outcome> {
  const messages: string[] = [];
  const defects: string[] = [];
  const check = (e: unknown): e is NWBError => {
    const message = e instanceof Error ? e.message : String(e);
    messages.push(message);
    if (!(e instanceof NWBError) || e.file !== file) {
      defects.push(`${(e as Error)?.name}: ${message}`);
      return false;
    }
    return true;
  };
  let h5: H5Source;
  try {
    h5 = await openLocalH5(file, { hdf5DeadlineMs: DEADLINE_MS });
  } catch (e) {
    return {
      outcome: check(e) ? `open failed: ${causeOf(e)}` : "open failed: other error",
      messages,
      defects,
      nwbOk: false,
    };
  }
  // Every dataset, then the NWB layer on top (openNWB closes the source when it fails).
  let failure: string | undefined;
  for (const path of datasetPaths(h5.meta.root)) {
    try {
      await h5.readDataset(path);
    } catch (e) {
      failure ??= check(e) ? causeOf(e) : "other error";
      // A user reopens the file after HDF5 crashed on it; every later read says so.
      if (e instanceof NWBError && e.fileUnusable) break;
    }
  }
  let nwbOk = false;
  try {
    const nwb = await openNWB(h5);
    nwb.objects();
    nwbOk = true;
    await h5.close();
  } catch (e) {
    // Not an NWB file, a required NWB field broken, or the file unusable after a crash.
    check(e);
  }
  if (failure === undefined)
    return {
      outcome: nwbOk ? "opened+read OK" : "HDF5 read OK, openNWB failed",
      messages,
      defects,
      nwbOk,
    };
  return { outcome: `opened, a read failed: ${failure}`, messages, defects, nwbOk };
}

/** Everything written to stderr while `fn` runs (and still shown). */
async function capturingStderr<T>(fn: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  let stderr = "";
  const write = process.stderr.write.bind(process.stderr);
  const error = console.error;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stderr += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  console.error = (...args: unknown[]) => {
    stderr += `${args.map(String).join(" ")}\n`;
    error.apply(console, args);
  };
  try {
    return { value: await fn(), stderr };
  } finally {
    process.stderr.write = write;
    console.error = error;
  }
}

function table(rows: Map<string, Map<string, number>>): string {
  const outcomes = [...new Set([...rows.values()].flatMap((r) => [...r.keys()]))].sort();
  const lines = [
    `| outcome | ${KINDS.join(" | ")} | all |`,
    `|---|${KINDS.map(() => "---|").join("")}---|`,
  ];
  for (const o of outcomes) {
    const counts = KINDS.map((k) => rows.get(k)?.get(o) ?? 0);
    lines.push(`| ${o} | ${counts.join(" | ")} | ${counts.reduce((a, b) => a + b, 0)} |`);
  }
  const totals = KINDS.map((k) => [...(rows.get(k)?.values() ?? [])].reduce((a, b) => a + b, 0));
  lines.push(`| all | ${totals.join(" | ")} | ${totals.reduce((a, b) => a + b, 0)} |`);
  return lines.join("\n");
}

describe("corrupt files: a seeded fuzz corpus never hangs and never half-succeeds", function () {
  this.timeout(600_000);
  let dir: string;
  let sources: string[];
  let regions: Record<string, Regions>;
  let hashes: Map<string, string>;
  let cases: Case[];
  /** The cases also run through the command line (drawn with their own seed, so every kind is in). */
  let cliSample: Case[];
  const outcomes: { c: Case; o: Outcome }[] = [];

  before(function () {
    dir = KEEP ?? mkdtempSync(join(tmpdir(), "tsnwb-fuzz-"));
    const recordings = readdirSync(join(repoRoot, "data", "recordings"))
      .filter((f) => f.endsWith(".nwb"))
      .map((f) => join(repoRoot, "data", "recordings", f));
    sources = [...recordings, ...allFixtures()];
    hashes = new Map(sources.map((s) => [s, sha256File(s)]));
    regions = JSON.parse(
      execFileSync(PYTHON, [join(repoRoot, "test", "nwb", "fuzz_regions.py"), ...sources], {
        encoding: "utf8",
        maxBuffer: 64 << 20,
      }),
    );
    // Small sources carry the corpus; files over 1 MB (recordings, two fixtures) one case in ten,
    // so the corpus stays small on disk and fast to walk.
    const small = sources.filter((s) => statSync(s).size < 1 << 20);
    const large = sources.filter((s) => statSync(s).size >= 1 << 20);
    const u = uniform(SEED);
    const contents = new Map<string, Buffer>();
    cases = [];
    for (let index = 0; index < CASES; index++) {
      const pool = u() < 0.1 ? large : small;
      const source = pool[Math.floor(u() * pool.length)];
      const kind = KINDS[index % KINDS.length];
      let src = contents.get(source);
      if (!src) contents.set(source, (src = readFileSync(source)));
      cases.push({ index, source, kind, bytes: mutate(src, regions[source], kind, u) });
    }
    const pick = uniform(SEED + 1);
    const drawn = new Set<number>();
    while (drawn.size < Math.min(CLI_SAMPLE, cases.length))
      drawn.add(Math.floor(pick() * cases.length));
    cliSample = cases.filter((c) => drawn.has(c.index));
  });

  after(function () {
    if (dir && !KEEP) rmSync(dir, { recursive: true, force: true });
  });

  it(`opens and walks each of the mutated files in-process: every case ends with its data or one NWBError`, async function () {
    const rows = new Map<string, Map<string, number>>();
    const defects: string[] = [];
    const started = Date.now();
    let slowest = { ms: 0, file: "" };
    for (const c of cases) {
      const file = join(dir, `case-${c.index}-${c.kind}-${basename(c.source)}`);
      writeFileSync(file, c.bytes);
      const t0 = Date.now();
      const { value: o, stderr } = await capturingStderr(() => walk(file));
      const ms = Date.now() - t0;
      outcomes.push({ c, o });
      const row = rows.get(c.kind) ?? new Map<string, number>();
      row.set(o.outcome, (row.get(o.outcome) ?? 0) + 1);
      rows.set(c.kind, row);
      for (const d of o.defects) defects.push(`${file} (from ${c.source}): ${d}`);
      for (const m of o.messages)
        if (RAW_WASM.test(m)) defects.push(`${file}: raw h5wasm words in an error: ${m}`);
      if (/HDF5-DIAG/.test(stderr)) defects.push(`${file}: HDF5's diagnostic stack reached stderr`);
      if (RAW_WASM.test(stderr))
        defects.push(`${file}: raw h5wasm words on stderr: ${stderr.slice(0, 300)}`);
      // A hang would stop the suite here (mocha's timeout fails it); the slowest case is reported.
      if (ms > slowest.ms) slowest = { ms, file: basename(file) };
      // Only the files the CLI sample uses are kept (the recordings' copies are 4.5 MB each).
      if (!KEEP && !cliSample.includes(c)) rmSync(file);
    }
    console.log(
      `\n      ${cases.length} mutated files (seed ${SEED}) in ${((Date.now() - started) / 1000).toFixed(1)} s in-process (slowest ${slowest.ms} ms, ${slowest.file}):\n`,
    );
    console.log(table(rows).replace(/^/gm, "      "));
    console.log("\n      an error of each outcome:");
    for (const o of new Set(outcomes.map((x) => x.o.outcome))) {
      const example = outcomes.find((x) => x.o.outcome === o && x.o.messages.length > 0);
      if (example) console.log(`      ${o}: ${example.o.messages[0].replace(dir, "…")}`);
    }
    for (const [s, h] of hashes) assert.equal(sha256File(s), h, `${s} changed`);
    assert.deepEqual(defects, []);
    assert.ok(cases.length >= Math.min(CASES, 1000));
  });

  it(`a sample of ${CLI_SAMPLE} through tsnwb info --json: exit ≠ 0 whenever it reports an error, never raw words`, async function () {
    const sample = cliSample;
    const problems: string[] = [];
    const counts = new Map<string, number>();
    for (const c of sample) {
      const file = join(dir, `case-${c.index}-${c.kind}-${basename(c.source)}`);
      const r = await runTsnwb(["info", "--json", file], {
        env: { TSNWB_HDF5_DEADLINE_MS: String(DEADLINE_MS) },
      });
      const key = `${c.kind} exit ${r.code}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (RAW_WASM.test(r.stderr) || RAW_WASM.test(r.stdout))
        problems.push(`${file}: raw h5wasm words: ${r.stderr.slice(0, 300)}`);
      if (/HDF5-DIAG/.test(r.stderr))
        problems.push(`${file}: HDF5-DIAG on stderr without --verbose`);
      const inProcess = outcomes.find((x) => x.c === c)?.o;
      if (r.code === 0) {
        if (r.stderr.trim() !== "")
          problems.push(`${file}: exit 0 with stderr: ${r.stderr.slice(0, 300)}`);
        assert.doesNotThrow(() => JSON.parse(r.stdout), `${file}: exit 0 must print complete JSON`);
        if (!inProcess?.nwbOk)
          problems.push(
            `${file}: exit 0, but in-process the open failed (${inProcess?.messages[0]})`,
          );
      } else {
        if (r.stdout.trim() !== "")
          problems.push(`${file}: failed (exit ${r.code}) after printing to stdout`);
        if (!r.stderr.includes(file))
          problems.push(`${file}: the error does not name the file: ${r.stderr}`);
        if (inProcess?.nwbOk)
          problems.push(`${file}: failed in the CLI (${r.stderr.trim()}) but opened in-process`);
      }
    }
    console.log(
      `\n      tsnwb info --json on ${sample.length} of them: ${[...counts].map(([k, n]) => `${k}: ${n}`).join(", ")}`,
    );
    assert.deepEqual(problems, []);
  });
});

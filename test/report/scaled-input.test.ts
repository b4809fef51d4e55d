// `tsnwb report` reads values in their unit whatever the file's scaling: a recording rewritten with
// h5py to store the same ΔF/F as (ΔF/F − 0.5) / 1e-3 (conversion 1e-3, offset 0.5) and the same
// voltages with conversion 1 and channel_conversion = the original conversion gives the same
// summary and the same figure (axis labels, ticks and drawn lines) as the original.
// Runs the built code (npm run build first).
import { strict as assert } from "node:assert";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTsnwb } from "../support/cli.js";
import { runPython } from "../widgets/support.js";

const repo = new URL("../..", import.meta.url).pathname;
const NAME = "Chen2013_GCaMP6s_cell4_rec1";

interface Report { cells: { ok: boolean; error?: string; summary?: Record<string, unknown> }[] }

/** Every number in `a` within relative 1e-9 of `b` (ΔF/F · 1e3 · 1e-3 is not always exact), the rest equal. */
function sameValues(a: unknown, b: unknown, where: string): void {
  if (typeof a === "number" && typeof b === "number") {
    assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${where}: ${a} vs ${b}`);
  } else if (a && b && typeof a === "object" && typeof b === "object") {
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), `${where}: fields`);
    for (const k of Object.keys(a)) sameValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${where}.${k}`);
  } else {
    assert.deepEqual(a, b, where);
  }
}

describe("tsnwb report on a recording stored with conversion, offset and channel_conversion", function () {
  this.timeout(300_000);
  let dir: string;
  const reports: Record<"original" | "rescaled", { report: Report; svg: string }> = {} as never;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-report-scaled-"));
    const src = join(repo, "data/recordings", `${NAME}.nwb`);
    for (const kind of ["original", "rescaled"] as const) {
      // Same file name in both runs, so the cell labels and figure titles are the same.
      mkdirSync(join(dir, kind));
      const file = join(dir, kind, `${NAME}.nwb`);
      if (kind === "original") copyFileSync(src, file);
      else runPython("conformance.py", ["rescale", `${src},${file}`]);
      const out = join(dir, `${kind}-out`);
      const r = await runTsnwb(["report", file, "--out", out, "--jobs", "1"]);
      assert.equal(r.code, 0, r.stderr);
      reports[kind] = {
        report: JSON.parse(readFileSync(join(out, "report.json"), "utf8")),
        svg: readFileSync(join(out, "figures", `${NAME}.coupling.svg`), "utf8"),
      };
    }
  });

  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("gives the same per-cell numbers as the original", () => {
    const [a, b] = [reports.original.report.cells[0]!, reports.rescaled.report.cells[0]!];
    assert.ok(a.ok && b.ok, `${a.error ?? ""} ${b.error ?? ""}`);
    sameValues(b.summary, a.summary, "summary");
  });

  it("draws the same figure: the voltage lane in volts with the original's ticks, the same ΔF/F", () => {
    const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    const lines = (svg: string) => [...svg.matchAll(/<path class="lane-line" data-lane="(\w+)"[^>]*d="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    const [a, b] = [reports.original.svg, reports.rescaled.svg];
    assert.ok(texts(a).some((t) => /\(volts\)$/.test(t!)), "the voltage lane is labelled in volts");
    assert.deepEqual(texts(b), texts(a));
    assert.deepEqual(lines(b).map(([id]) => id), ["voltage", "dff"]);
    assert.deepEqual(lines(b), lines(a));
  });
});

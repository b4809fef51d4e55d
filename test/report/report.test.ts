// `tsnwb report` on the bundled recordings, run as a user runs it (the built CLI, a worker pool),
// checked against an independent h5py/numpy implementation of the same definitions, for
// determinism, for a bad file among good ones, and its HTML page opened in Chromium from file://.
import { strict as assert } from "node:assert";
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import { runTsnwb } from "../support/cli.js";

const run = promisify(execFile);
const repo = new URL("../..", import.meta.url).pathname;
const recordings = readdirSync(join(repo, "data/recordings")).filter((f) => f.endsWith(".nwb")).sort().map((f) => `data/recordings/${f}`);

interface Summary {
  label: string; indicator: string; spikes: number; rateHz: number; durationSeconds: number; frames: number;
  events: Record<string, number>; peakDff: Record<string, number | null>;
  riseDecay: Record<string, { riseTime: number; decayTime: number; r2: number } | null>;
  detection: { threshold: number | null; probability: Record<string, number | null> };
  inference: { method: string; spikefinderR: number | null; rule: string; weightsSha256?: string; modelId?: string; notTrainedOn?: string | null };
  inferenceByMethod: {
    oasis: { method: string; spikefinderR: number | null };
    model: { method: string; spikefinderR: number | null; modelId: string; weightsSha256: string; notTrainedOn: string | null; frameRateHz: number; noiseLevel: number };
  };
}
interface Report { cells: { file: string; ok: boolean; error?: string; summary?: Summary }[]; groups: { indicator: string; cells: number }[] }

const tsnwb = (args: string[]) => runTsnwb(args);

const close = (a: number | null | undefined, b: number | null | undefined, what: string) => {
  if (b === null || b === undefined) return assert.equal(a, null, `${what}: expected null, got ${a}`);
  assert.ok(typeof a === "number" && Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b)), `${what}: ${a} vs reference ${b}`);
};

describe("tsnwb report on the bundled recordings", function () {
  this.timeout(600_000);
  let dir: string;
  let out: string;
  let result: { code: number; stdout: string; stderr: string };
  let report: Report;
  const badFile = "not-an-nwb-file.nwb";

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-report-"));
    out = join(dir, "out");
    writeFileSync(join(dir, badFile), "this is not HDF5\n".repeat(100));
    result = await tsnwb(["report", ...recordings, join(dir, badFile), "--out", out, "--jobs", "2"]);
    report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
  });

  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("reports the bad file, skips it, and completes the others (exit code 3)", () => {
    assert.equal(result.code, 3, result.stderr);
    assert.equal(report.cells.length, recordings.length + 1);
    const bad = report.cells.at(-1)!;
    assert.equal(bad.ok, false);
    assert.match(bad.error!, new RegExp(badFile.replace(/\./g, "\\.")));
    assert.match(result.stderr, /FAILED .*not-an-nwb-file\.nwb/);
    assert.deepEqual(report.cells.slice(0, -1).map((c) => c.ok), recordings.map(() => true));
  });

  it("shows progress per file", () => {
    for (let i = 1; i <= recordings.length + 1; i++) assert.match(result.stderr, new RegExp(`\\[${i}/${recordings.length + 1}\\]`));
  });

  it("per cell: spikes, rate, isolated events, peak ΔF/F and detection probability equal an independent h5py/numpy implementation", async () => {
    const { stdout } = await run("/usr/bin/python3", [join(repo, "test/report/py/independent.py"), ...recordings], { cwd: repo, maxBuffer: 1 << 26 });
    const ref = JSON.parse(stdout) as Record<string, any>;
    for (const cell of report.cells.slice(0, -1)) {
      const s = cell.summary!, r = ref[cell.file];
      const where = cell.file;
      assert.equal(s.indicator, r.indicator, where);
      assert.equal(s.spikes, r.spikes, `${where}: spikes`);
      assert.equal(s.frames, r.frames, `${where}: frames`);
      close(s.durationSeconds, r.duration, `${where}: duration`);
      close(s.rateHz, r.rate, `${where}: rate`);
      assert.deepEqual(s.events, r.events, `${where}: isolated events per AP count`);
      for (const c of ["1", "2", "3+"]) close(s.peakDff[c], r.peakDff[c], `${where}: peak ΔF/F ${c} AP`);
      close(s.detection.threshold, r.threshold, `${where}: 1% FP threshold`);
      for (const k of ["1", "2"]) close(s.detection.probability[k], r.detection[k], `${where}: P(detect ${k} AP)`);
    }
  });

  it("spike inference correlates with the true spikes in every cell (spikefinder r > 0.1), by each method", () => {
    for (const cell of report.cells.slice(0, -1)) {
      for (const r of [cell.summary!.inference.spikefinderR, cell.summary!.inferenceByMethod.oasis.spikefinderR, cell.summary!.inferenceByMethod.model.spikefinderR]) {
        assert.ok(typeof r === "number" && r > 0.1 && r <= 1, `${cell.file}: spikefinder r = ${r}`);
      }
    }
  });

  it("scores each ground-truth cell with the fold model that never saw its dataset, equal to inferSpikes on h5py-read ΔF/F; the default follows the cross-validation rule", async () => {
    const { inferSpikes, spikefinderCorrelation, selectModel } = await import("../../kernel-ext/analysis/index.js");
    const { modelBeatsOasisAt } = await import("../../kernel-ext/report/cell-inference.js");
    // The source datasets of the bundled recordings (data/README.md).
    const datasets: Record<string, string> = { Chen2013_GCaMP6f_cell1C_rec0: "DS09", Chen2013_GCaMP6s_cell4_rec1: "DS14", Allen_GCaMP6f_Emx1_102959_rec0: "DS10", Allen_GCaMP6s_Cux2_102436_rec0: "DS13" };
    const { stdout } = await run("/usr/bin/python3", ["-c", `
import h5py, json, sys
out = {}
for p in sys.argv[1:]:
    f = h5py.File(p, "r"); s = f["processing/ophys/DfOverF/roi_response_series"]
    out[p] = {"dff": s["data"][:].tolist(), "t": s["timestamps"][:].tolist(), "spikes": f["units/spike_times"][:].tolist()}
print(json.dumps(out))`, ...recordings], { cwd: repo, maxBuffer: 1 << 28 });
    const ref = JSON.parse(stdout) as Record<string, { dff: number[]; t: number[]; spikes: number[] }>;
    for (const cell of report.cells.slice(0, -1)) {
      const s = cell.summary!, m = s.inferenceByMethod.model, ds = datasets[s.label]!;
      assert.equal(m.notTrainedOn, ds, `${s.label}: fold`);
      assert.match(m.modelId, new RegExp(`-without-${ds}$`));
      const t = Float64Array.from(ref[cell.file]!.t);
      const spikes = Float64Array.from(ref[cell.file]!.spikes).filter((x) => x >= t[0]! && x <= t[t.length - 1]!);
      const res = inferSpikes({ values: Float64Array.from(ref[cell.file]!.dff), timestamps: t }, { notTrainedOn: ds, onWarning: () => {} });
      assert.equal(m.weightsSha256, res.model.sha256);
      close(m.spikefinderR, spikefinderCorrelation(res.rate, spikes, { times: t }), `${s.label}: model r`);
      close(m.noiseLevel, res.noiseLevel, `${s.label}: noise level`);
      const expected = modelBeatsOasisAt(selectModel(m.frameRateHz).rate) ? "model" : "oasis";
      assert.equal(s.inference.method, expected, `${s.label}: default method`);
      assert.equal(s.inference.spikefinderR, expected === "model" ? m.spikefinderR : s.inferenceByMethod.oasis.spikefinderR);
      assert.match(s.inference.rule, /leave-one-dataset-out cross-validation/);
    }
    const md = readFileSync(join(out, "summary.md"), "utf8");
    assert.match(md, /spikefinder r OASIS \/ model \(default\)/);
    assert.match(md, /fold model that never saw its dataset/);
  });

  it("groups cells by indicator (GCaMP6f vs GCaMP6s)", () => {
    assert.deepEqual(report.groups.map((g) => [g.indicator, g.cells]), [["GCaMP6f", 2], ["GCaMP6s", 2]]);
    // Real ground truth: GCaMP6f transients decay faster than GCaMP6s ones (Chen et al. 2013).
    const [f, s] = report.groups as unknown as { decayTime1AP: { mean: number | null } }[];
    assert.ok(f!.decayTime1AP.mean !== null && s!.decayTime1AP.mean !== null, "a 1-AP decay fit in both groups");
    assert.ok(f!.decayTime1AP.mean! < s!.decayTime1AP.mean!, `τdecay 6f ${f!.decayTime1AP.mean} < 6s ${s!.decayTime1AP.mean}`);
    const md = readFileSync(join(out, "summary.md"), "utf8");
    for (const cell of report.cells.slice(0, -1)) assert.ok(md.includes(`| ${cell.summary!.label} |`), cell.summary!.label);
  });

  it("writes one SVG and one PNG per cell and for the groups; the SVG has the coupling panels", () => {
    const figs = readdirSync(join(out, "figures")).sort();
    const stems = [...report.cells.slice(0, -1).flatMap((c) => [`${c.summary!.label}.coupling`, `${c.summary!.label}.inference`]), "coupling-groups"];
    for (const s of stems) for (const ext of ["svg", "png"]) assert.ok(figs.includes(`${s}.${ext}`), `${s}.${ext} in ${figs}`);
    const png = readFileSync(join(out, "figures", "coupling-groups.png"));
    assert.equal(png.subarray(1, 4).toString(), "PNG");
    const svg = readFileSync(join(out, "figures", "coupling-groups.svg"), "utf8");
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.includes("GCaMP6s") && svg.includes("GCaMP6f"), "group labels in the figure");
    const inference = readFileSync(join(out, "figures", `${report.cells[0]!.summary!.label}.inference.svg`), "utf8");
    for (const lane of ["OASIS s", "model rate", "model spikes", "true spikes"]) assert.ok(inference.includes(lane), `${lane} in the inference figure`);
  });

  it("is deterministic: the same inputs give byte-identical JSON and SVG", async () => {
    const again = join(dir, "again");
    const two = recordings.slice(0, 1);
    const r = await tsnwb(["report", ...two, "--out", again, "--jobs", "1"]);
    assert.equal(r.code, 0, r.stderr);
    const rep2 = JSON.parse(readFileSync(join(again, "report.json"), "utf8")) as Report;
    assert.deepEqual(rep2.cells, report.cells.slice(0, 1));
    for (const c of rep2.cells) {
      const name = `${c.summary!.label}.coupling.svg`;
      assert.ok(readFileSync(join(again, "figures", name)).equals(readFileSync(join(out, "figures", name))), `${name} differs between runs`);
    }
    const first = readFileSync(join(again, "report.json"));
    const r3 = await tsnwb(["report", ...two, "--out", join(dir, "third"), "--jobs", "2"]);
    assert.equal(r3.code, 0, r3.stderr);
    assert.ok(readFileSync(join(dir, "third", "report.json")).equals(first), "report.json differs between runs");
  });

  it("the HTML report opens from file:// with no server and shows every coupling view", async () => {
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (q) => requests.push(q.url()));
      await page.goto(pathToFileURL(join(out, "report.html")).href, { timeout: 120_000 });
      await page.waitForFunction(() => document.body.dataset.tsnwbRendered, null, { timeout: 120_000 });
      const views = await page.$$eval(".tsnwb-coupling", (els) => els.length);
      assert.equal(views, recordings.length + 1, "one coupling view per cell + the groups view");
      const svgPaths = await page.$$eval(".tsnwb-coupling svg path", (els) => els.length);
      assert.ok(svgPaths > 10, `drawn paths: ${svgPaths}`);
      assert.deepEqual(requests.filter((u) => !/^(file|data|blob):/.test(u)), []);
    } finally {
      await browser.close();
    }
  });

  it("report.html links each cell's inference trace and movie: a click in the trace moves the movie to the preview frame nearest the cursor (numpy), no kernel", async () => {
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(pathToFileURL(join(out, "report.html")).href, { timeout: 120_000 });
      await page.waitForFunction(() => document.body.dataset.tsnwbRendered, null, { timeout: 120_000 });
      assert.equal(await page.$$eval(".tsnwb-movie[data-linked='true']", (els) => els.length), recordings.length, "one linked movie per cell");
      const movie = () => page.$eval(".tsnwb-movie", (el) => ({ frame: Number((el as HTMLElement).dataset.frame), note: (el as HTMLElement).dataset.linkNote ?? "" }));
      const overlay = page.locator(".tsnwb-trace rect.tsnwb-overlay").first();
      await overlay.scrollIntoViewIfNeeded();
      const box = (await overlay.boundingBox())!;
      const seen: number[] = [];
      for (const fraction of [0.3, 0.8]) {
        await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
        const t = Number(await page.$eval(".tsnwb-trace .tsnwb-lanes-plot", (el) => (el as HTMLElement).dataset.cursor));
        const expected = Number(
          execFileSync("/usr/bin/python3", ["-c", `import h5py, numpy as np, sys
ts = h5py.File(sys.argv[1], "r")["/acquisition/TwoPhotonSeries_green/timestamps"][:]
n = min(120, len(ts))
idx = np.floor(np.arange(n) * (len(ts) - 1) / (n - 1) + 0.5).astype(int)
print(int(idx[np.argmin(np.abs(ts[idx] - float(sys.argv[2])))]))`, join(repo, recordings[0]!), String(t)], { encoding: "utf8" }),
        );
        await page.waitForFunction((f) => document.querySelector<HTMLElement>(".tsnwb-movie")!.dataset.frame === String(f), expected);
        const m = await movie();
        assert.match(m.note, /^$|^preview frame at t=.*the full movie needs the kernel$/);
        seen.push(m.frame);
      }
      assert.notEqual(seen[0], seen[1], "the movie's frame moved with the cursor");
    } finally {
      await browser.close();
    }
  });

  it("rejects a call without --out or without files with a usage message", async () => {
    const a = await tsnwb(["report", recordings[0]!]);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /--out DIR is required/);
    const b = await tsnwb(["report", "--out", join(dir, "x")]);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /no input files/);
  });
});

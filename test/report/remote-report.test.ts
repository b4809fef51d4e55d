// `tsnwb report` over URLs, run as a user runs it (the built CLI, a worker pool): two bundled
// recordings served by the test range server (its own process, 127.0.0.1) give the same per-cell
// summaries as the same recordings read from disk, while a missing URL (404) and a server without
// Range support are reported with clear errors and the rest completes (exit code 3).
// Runs the built code (npm run build first).
import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RangeServer } from "../remote/support/range-server.js";
import { runTsnwb } from "../support/cli.js";

const repo = new URL("../..", import.meta.url).pathname;
const recordings = readdirSync(join(repo, "data/recordings")).filter((f) => f.endsWith(".nwb")).sort().slice(0, 2);

interface Report { cells: { file: string; ok: boolean; error?: string; summary?: Record<string, unknown> }[] }

const tsnwb = (args: string[]) => runTsnwb(args);

describe("tsnwb report over URLs", function () {
  this.timeout(600_000);
  let dir: string;
  let server: RangeServer;
  let noRangeServer: RangeServer;
  let urls: string[];
  let missingUrl: string;
  let noRangeUrl: string;
  let remote: { code: number; stdout: string; stderr: string };
  let remoteReport: Report;
  let localReport: Report;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-remote-report-"));
    server = await RangeServer.start();
    noRangeServer = await RangeServer.start();
    await noRangeServer.configure({ noRange: true });
    urls = [];
    for (const f of recordings) urls.push(await server.serve(`/recordings/${f}`, join(repo, "data/recordings", f)));
    missingUrl = `${server.origin}/recordings/missing.nwb`;
    noRangeUrl = await noRangeServer.serve(`/recordings/${recordings[0]}`, join(repo, "data/recordings", recordings[0]!));

    remote = await tsnwb(["report", ...urls, missingUrl, noRangeUrl, "--out", join(dir, "remote"), "--jobs", "2"]);
    remoteReport = JSON.parse(readFileSync(join(dir, "remote", "report.json"), "utf8"));
    const local = await tsnwb(["report", ...recordings.map((f) => `data/recordings/${f}`), "--out", join(dir, "local"), "--jobs", "2"]);
    assert.equal(local.code, 0, local.stderr);
    localReport = JSON.parse(readFileSync(join(dir, "local", "report.json"), "utf8"));
  });

  after(async () => {
    await server?.stop();
    await noRangeServer?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("analyses the served files, reports the failing URLs, and exits with code 3", () => {
    assert.equal(remote.code, 3, remote.stderr);
    assert.deepEqual(remoteReport.cells.map((c) => [c.file, c.ok]), [...urls.map((u) => [u, true]), [missingUrl, false], [noRangeUrl, false]]);
  });

  it("each URL cell's summary equals the same recording's summary read from disk", () => {
    assert.equal(localReport.cells.length, recordings.length);
    for (let i = 0; i < recordings.length; i++) {
      assert.ok(remoteReport.cells[i]!.summary, `${urls[i]}: no summary`);
      assert.deepEqual(remoteReport.cells[i]!.summary, localReport.cells[i]!.summary, `${urls[i]} vs data/recordings/${recordings[i]}`);
    }
  });

  it("the URLs were read with Range requests, not downloaded whole", async () => {
    const stats = await server.stats();
    assert.ok(stats.rangeRequests > 0, "range requests made");
    for (const f of recordings) assert.ok(stats.log.some((l) => l.path === `/recordings/${f}` && l.range !== null), `${f} requested by range`);
  });

  it("the missing URL and the server without Range support fail with errors naming the URL and the cause", () => {
    const missing = remoteReport.cells.find((c) => c.file === missingUrl)!;
    assert.ok(missing.error!.includes(missingUrl), missing.error);
    assert.match(missing.error!, /404/);
    const noRange = remoteReport.cells.find((c) => c.file === noRangeUrl)!;
    assert.ok(noRange.error!.includes(noRangeUrl), noRange.error);
    assert.match(noRange.error!, /range/i);
    assert.ok(remote.stderr.includes(`FAILED ${missingUrl}`), remote.stderr);
    assert.ok(remote.stderr.includes(`FAILED ${noRangeUrl}`), remote.stderr);
  });

  it("shows a progress line per URL and a closing line", () => {
    const n = urls.length + 2;
    assert.match(remote.stderr, new RegExp(`^tsnwb report: ${n} files on 2 workers$`, "m"));
    for (let i = 1; i <= n; i++) assert.match(remote.stderr, new RegExp(`^tsnwb report: \\[${i}/${n}\\] (done  |FAILED) http://127\\.0\\.0\\.1:`, "m"));
    for (const u of urls) assert.ok(remote.stderr.includes(`done   ${u}`), `${u} done in\n${remote.stderr}`);
    assert.match(remote.stderr, /^tsnwb report: 2 cells analysed, 2 failed, /m);
  });
});

// `tsnwb report --queue` on a real redis-server with real `tsnwb worker` processes (the built
// CLI): 3 workers over 16 distinct recordings (the bundled ones, copied under new names with a few
// trailing bytes so that each copy is its own content), one worker SIGKILLed in the middle of a
// recording and Redis restarted during the batch; the merged report equals the local run's
// (report.json cells and SVG figures byte for byte). Then: a re-run reuses every result; failing
// inputs give the local run's exit codes with their causes; Ctrl-C stops a batch, --status shows
// it, and the same command resumes it; two batches on one Redis stay apart.
import { strict as assert } from "node:assert";
import {
  copyFileSync,
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { RangeServer } from "../remote/support/range-server.js";
import { runTsnwb } from "../support/cli.js";
import { RedisServer } from "./support/redis-server.js";
import { type Running, startTsnwb } from "./support/processes.js";

const repo = new URL("../..", import.meta.url).pathname;
const bundled = readdirSync(join(repo, "data/recordings"))
  .filter((f) => f.endsWith(".nwb"))
  .sort();

interface Report {
  cells: { file: string; ok: boolean; error?: string; summary?: { label: string } }[];
}
const readReport = (dir: string) =>
  JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as Report;

describe("tsnwb report --queue: a distributed batch on redis-server with tsnwb workers", function () {
  this.timeout(600_000);
  let redis: RedisServer;
  let dir: string;
  let inputs: string[];
  const workers: Running[] = [];
  const startWorker = (...extra: string[]) => {
    const w = startTsnwb(["worker", "--queue", redis.url, "--stall-timeout", "3", ...extra]);
    workers.push(w);
    return w;
  };

  before(async () => {
    redis = await RedisServer.start();
    dir = mkdtempSync(join(tmpdir(), "tsnwb-queue-"));
    inputs = [];
    for (let copy = 0; copy < 4; copy++) {
      for (const f of bundled) {
        const path = join(dir, `copy${copy}_${f}`);
        copyFileSync(join(repo, "data/recordings", f), path);
        appendFileSync(path, `tsnwb test copy ${copy}`); // past HDF5's end of file: a distinct content hash
        inputs.push(path);
      }
    }
  });

  after(async () => {
    for (const w of workers) w.killGroup();
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe("3 workers, 16 recordings, a worker killed mid-recording and Redis restarted", () => {
    let coordinator: Running;
    let local: { code: number; stderr: string };
    let killedSource = "";

    before(async () => {
      local = await runTsnwb(["report", ...inputs, "--out", join(dir, "local"), "--jobs", "2"]);
      const w = [startWorker(), startWorker(), startWorker()];
      await Promise.all(w.map((x) => x.waitFor(/concurrency 1/, 60_000)));
      coordinator = startTsnwb([
        "report",
        ...inputs,
        "--queue",
        redis.url,
        "--out",
        join(dir, "queued"),
      ]);

      // Find worker 0 in the middle of a recording: its job's progress names it.
      const client = new Redis(redis.url, { maxRetriesPerRequest: null });
      const queue = new Queue("recordings", { connection: client, prefix: "tsnwb" });
      const name = `:${w[0]!.child.pid}`;
      try {
        const deadline = Date.now() + 120_000;
        while (!killedSource && Date.now() < deadline) {
          for (const job of await queue.getActive()) {
            const progress = job.progress as { worker?: string };
            if (progress?.worker?.endsWith(name)) killedSource = job.data.source;
          }
          if (!killedSource) await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await queue.close();
        client.disconnect();
      }
      assert.ok(killedSource, "worker 0 never took a job");
      w[0]!.killGroup();
      assert.equal((await w[0]!.exit).signal, "SIGKILL");
      await coordinator.waitFor(/\[\d+\/16\] done/);
      await redis.restart(1500);
    });

    it("the local run of the same inputs succeeds", () =>
      assert.equal(local.code, 0, local.stderr));

    it("the batch completes with exit code 0 after the restart and the kill", async () => {
      const { code } = await coordinator.exit;
      assert.equal(code, 0, coordinator.output());
      assert.match(
        coordinator.output(),
        /lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+ .*reconnecting/,
      );
      assert.match(coordinator.output(), /reconnected to Redis/);
    });

    it("every recording is in the report exactly once, the killed worker's recording included", () => {
      const report = readReport(join(dir, "queued"));
      assert.deepEqual(
        report.cells.map((c) => c.file),
        inputs,
      );
      assert.ok(report.cells.every((c) => c.ok));
      assert.equal(
        coordinator
          .output()
          .split("\n")
          .filter((l) => l.includes(`done   ${killedSource}`)).length,
        1,
        `${killedSource} reported once`,
      );
      assert.match(coordinator.output(), /16\/16 done, 0 running, 0 failed, [1-9]\d* retried/);
    });

    it("report.json cells and every SVG figure equal the local run's, byte for byte", () => {
      const a = readFileSync(join(dir, "local", "report.json"));
      const b = readFileSync(join(dir, "queued", "report.json"));
      assert.ok(a.equals(b), "report.json differs");
      const svgs = readdirSync(join(dir, "local", "figures")).filter((f) => f.endsWith(".svg"));
      assert.ok(svgs.length >= bundled.length + 1);
      for (const f of svgs)
        assert.ok(
          readFileSync(join(dir, "local", "figures", f)).equals(
            readFileSync(join(dir, "queued", "figures", f)),
          ),
          `${f} differs`,
        );
      const html = readFileSync(join(dir, "queued", "report.html"), "utf8");
      assert.match(html, /CouplingModel/);
    });

    it("the surviving workers took over the killed worker's recording", () => {
      const logs = workers
        .slice(1, 3)
        .map((w) => w.output())
        .join("\n");
      assert.ok(logs.includes(`done   ${killedSource}`), logs);
    });

    it("running the batch again reuses every result and writes the same report", async () => {
      const again = await runTsnwb([
        "report",
        ...inputs,
        "--queue",
        redis.url,
        "--out",
        join(dir, "queued"),
      ]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stderr, /16 files, 16 already analysed, 0 queued/);
      assert.ok(
        readFileSync(join(dir, "local", "report.json")).equals(
          readFileSync(join(dir, "queued", "report.json")),
        ),
      );
    });
  });

  describe("failures: retried with backoff, then reported with their cause; exit codes as the local run's", () => {
    let server: RangeServer;
    before(async () => {
      server = await RangeServer.start();
      if (!workers.some((w) => w.child.exitCode === null)) startWorker();
    });
    after(async () => server?.stop());

    it("a corrupt file and a 404 URL among good files: exit code 3, each failure with its cause after 2 attempts", async () => {
      const corrupt = join(dir, "corrupt.nwb");
      writeFileSync(corrupt, "this is not HDF5\n".repeat(100));
      const missing = `${server.origin}/recordings/missing.nwb`;
      const r = await runTsnwb([
        "report",
        inputs[0]!,
        corrupt,
        missing,
        "--queue",
        redis.url,
        "--attempts",
        "2",
        "--out",
        join(dir, "failing"),
      ]);
      assert.equal(r.code, 3, r.stderr);
      const report = readReport(join(dir, "failing"));
      assert.deepEqual(
        report.cells.map((c) => [c.file, c.ok]),
        [
          [inputs[0], true],
          [corrupt, false],
          [missing, false],
        ],
      );
      assert.match(report.cells[1]!.error!, /corrupt\.nwb/);
      assert.ok(
        report.cells[2]!.error!.includes(missing) && /404/.test(report.cells[2]!.error!),
        report.cells[2]!.error,
      );
      assert.match(r.stderr, /FAILED .*corrupt\.nwb/);
      assert.match(r.stderr, /3\/3 done \(1 reused\)|1 reused/);
      assert.match(r.stderr, /0 running, 2 failed, [2-9] retried/);
      const logs = workers.map((w) => w.output()).join("\n");
      assert.match(logs, /FAILED .*corrupt\.nwb \(attempt 1 of 2; retried\)/);
    });

    it("all inputs failing: exit code 1", async () => {
      const r = await runTsnwb([
        "report",
        join(dir, "corrupt.nwb"),
        "--queue",
        redis.url,
        "--attempts",
        "1",
        "--out",
        join(dir, "all-failed"),
      ]);
      assert.equal(r.code, 1, r.stderr);
    });
  });
});

// The queue's command line against real redis-servers and real workers: clear errors for a bad
// URL, an unreachable Redis and a missing or wrong password (never printing it); Ctrl-C on the
// coordinator, --status from another shell, and resuming; a worker's --max-memory; dandi:
// expansion against the DANDI API stand-in; deploy/ files that parse.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RangeServer } from "../remote/support/range-server.js";
import { runTsnwb } from "../support/cli.js";
import { freePort } from "../support/net.js";
import { RedisServer } from "./support/redis-server.js";
import { type Running, startTsnwb } from "./support/processes.js";

const repo = new URL("../..", import.meta.url).pathname;
const bundled = readdirSync(join(repo, "data/recordings"))
  .filter((f) => f.endsWith(".nwb"))
  .sort();
const timed = async (args: string[], env: Record<string, string> = {}) => {
  const t0 = Date.now();
  const r = await runTsnwb(args, { env });
  return { ...r, seconds: (Date.now() - t0) / 1000 };
};

describe("tsnwb report --queue / tsnwb worker: connections, stop and resume, memory, dandi:, deploy/", function () {
  this.timeout(600_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "tsnwb-queue-cli-"))));
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  describe("bad URLs and passwords: an error naming the URL and the cause within seconds", () => {
    let secured: RedisServer;
    before(async () => (secured = await RedisServer.start(["--requirepass", "s3cret-pw"])));
    after(async () => secured?.stop());

    it("a URL that is not redis:// is a usage error", async () => {
      const r = await timed(["worker", "--queue", "http://127.0.0.1:6379"]);
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        /--queue 'http:\/\/127\.0\.0\.1:6379': expected a redis:\/\/ or rediss:\/\/ URL/,
      );
    });

    it("nothing listening: connection refused, naming the URL", async () => {
      const port = await freePort();
      for (const args of [
        ["worker", "--queue", `redis://127.0.0.1:${port}`],
        [
          "report",
          "data/recordings",
          "--queue",
          `redis://127.0.0.1:${port}`,
          "--out",
          join(dir, "x"),
        ],
      ]) {
        const r = await timed(args);
        assert.equal(r.code, 1, r.stderr);
        assert.ok(
          r.stderr.includes(
            `cannot use the Redis at redis://127.0.0.1:${port}: connection refused`,
          ),
          r.stderr,
        );
        assert.ok(r.seconds < 15, `${r.seconds} s`);
      }
    });

    it("a Redis that needs a password, none given: says so; a wrong one: rejected; never printed", async () => {
      const none = await timed(["report", "--queue", secured.url, "--status"]);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /requires a password; give it in the URL .* or in REDIS_URL/);
      const wrong = await timed([
        "report",
        "--queue",
        `redis://:wrong-pw@127.0.0.1:${secured.port}`,
        "--status",
      ]);
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /rejected the user name or password/);
      assert.ok(
        !wrong.stderr.includes("wrong-pw") && wrong.stderr.includes("redis://:***@127.0.0.1"),
        wrong.stderr,
      );
    });

    it("the password from REDIS_URL is used for the same host and port, and not printed", async () => {
      const r = await timed(["report", "--queue", secured.url, "--status"], {
        REDIS_URL: `redis://:s3cret-pw@127.0.0.1:${secured.port}`,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^queue redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: 0 jobs running/);
      assert.ok(!(r.stdout + r.stderr).includes("s3cret-pw"));
    });

    it("rediss:// (TLS) to a plain port fails clearly within seconds", async () => {
      const r = await timed([
        "report",
        "--queue",
        `rediss://127.0.0.1:${secured.port}`,
        "--status",
      ]);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        new RegExp(`cannot use the Redis at rediss://127\\.0\\.0\\.1:${secured.port}: `),
      );
      assert.ok(r.seconds < 15, `${r.seconds} s`);
    });
  });

  describe("with a redis-server and a worker", () => {
    let redis: RedisServer;
    const running: Running[] = [];
    let inputs: string[];
    before(async () => {
      redis = await RedisServer.start();
      inputs = [];
      for (let copy = 0; copy < 2; copy++) {
        for (const f of bundled) {
          const path = join(dir, `stop${copy}_${f}`);
          copyFileSync(join(repo, "data/recordings", f), path);
          appendFileSync(path, `tsnwb stop test ${copy}`);
          inputs.push(path);
        }
      }
    });
    after(async () => {
      for (const r of running) r.killGroup();
      await redis?.stop();
    });

    it("Ctrl-C stops the batch (exit 130), --status shows it stopped, and the same command resumes it", async () => {
      const worker = startTsnwb(["worker", "--queue", redis.url, "--stall-timeout", "3"]);
      running.push(worker);
      const args = ["report", ...inputs, "--queue", redis.url, "--out", join(dir, "stopped")];
      const coordinator = startTsnwb(args);
      running.push(coordinator);
      await coordinator.waitFor(/\[1\/8\] done/);
      coordinator.child.kill("SIGINT");
      const { code } = await coordinator.exit;
      assert.equal(code, 130, coordinator.output());
      assert.match(
        coordinator.output(),
        /stopped batch \w+: \d of 8 files done; .*run the same command again to resume/,
      );
      const status = await runTsnwb(["report", "--queue", redis.url, "--status"]);
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /: stopped\n {2}\d\/8 done/);
      await new Promise((r) => setTimeout(r, 1500)); // the job that was running finishes
      const waiting = execFileSync(
        "redis-cli",
        ["-p", String(redis.port), "llen", "tsnwb:recordings:wait"],
        { encoding: "utf8" },
      ).trim();
      assert.equal(waiting, "0", "the stopped batch's waiting jobs were removed");

      const resumed = await runTsnwb(args);
      assert.equal(resumed.code, 0, resumed.stderr);
      const m = /run 2: 8 files, (\d) already analysed, (\d) queued/.exec(resumed.stderr);
      assert.ok(m && Number(m[1]) >= 1 && Number(m[1]) + Number(m[2]) === 8, resumed.stderr);
      const report = JSON.parse(readFileSync(join(dir, "stopped", "report.json"), "utf8")) as {
        cells: { file: string; ok: boolean }[];
      };
      assert.deepEqual(
        report.cells.map((c) => [c.file, c.ok]),
        inputs.map((f) => [f, true]),
      );
    });

    it("two batches on one Redis at once do not mix", async () => {
      const [a, b] = await Promise.all([
        runTsnwb(["report", ...inputs.slice(0, 3), "--queue", redis.url, "--out", join(dir, "a")]),
        runTsnwb(["report", ...inputs.slice(5), "--queue", redis.url, "--out", join(dir, "b")]),
      ]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      const files = (d: string) =>
        (
          JSON.parse(readFileSync(join(dir, d, "report.json"), "utf8")) as {
            cells: { file: string }[];
          }
        ).cells.map((c) => c.file);
      assert.deepEqual(files("a"), inputs.slice(0, 3));
      assert.deepEqual(files("b"), inputs.slice(5));
    });

    it("--max-memory: a job over the worker's resident-memory limit is requeued, its analysis process restarted, then failed with the cause", async () => {
      for (const r of running) r.killGroup();
      const small = startTsnwb([
        "worker",
        "--queue",
        redis.url,
        "--stall-timeout",
        "3",
        "--max-memory",
        "160",
      ]);
      running.push(small);
      const path = join(dir, "memory.nwb");
      copyFileSync(join(repo, "data/recordings", bundled[0]!), path);
      appendFileSync(path, "tsnwb memory test");
      const r = await runTsnwb([
        "report",
        path,
        "--queue",
        redis.url,
        "--attempts",
        "1",
        "--out",
        join(dir, "memory"),
      ]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        /FAILED .*memory\.nwb: .*needs more memory than the worker's limit \(\d+ MB resident, over --max-memory 160 MB, 3 times\)/,
      );
      assert.match(
        small.output(),
        /requeued .*memory\.nwb: \d+ MB resident, over --max-memory 160 MB; its analysis process was ended and is restarted/,
      );
      assert.match(r.stderr, /[2-9] retried/);
    });
  });

  describe("dandi:DANDISET[/VERSION]", () => {
    let server: RangeServer;
    let apiUrl: string;
    before(async () => {
      server = await RangeServer.start();
      const at = "2021-08-19T16:41:00.000000Z";
      const assets = bundled.slice(0, 2).map((f, i) => {
        const blob = `b000000${i}-0000-4000-8000-00000000000${i}`;
        return {
          asset_id: `00000000-0000-4000-8000-00000000000${i}`,
          blob,
          blobKey: `blobs/${blob}`,
          path: `sub-${i}/${f}`,
          size: statSync(join(repo, "data/recordings", f)).size,
          created: at,
          modified: at,
        };
      });
      for (const [i, a] of assets.entries())
        await server.serve(`/${a.blobKey}`, join(repo, "data/recordings", bundled[i]!));
      const notNwb = {
        ...assets[0]!,
        asset_id: "00000000-0000-4000-8000-0000000000aa",
        path: "README.md",
      };
      apiUrl = await server.dandi({
        dandisets: [
          {
            identifier: "000048",
            name: "test",
            created: at,
            published: "0.210819.1641",
            pageSize: 1,
            assets: [...assets, notNwb],
          },
        ],
      });
    });
    after(async () => server?.stop());

    it("expands to the dandiset's NWB assets (all pages, published version) and reports them like local files", async () => {
      const r = await runTsnwb(
        ["report", "dandi:000048", "--out", join(dir, "dandi"), "--jobs", "2"],
        { env: { DANDI_API_URL: apiUrl } },
      );
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stderr,
        /dandi:000048: 2 NWB assets in dandiset 000048 version 0\.210819\.1641/,
      );
      const report = JSON.parse(readFileSync(join(dir, "dandi", "report.json"), "utf8")) as {
        cells: { file: string; ok: boolean; summary: unknown }[];
      };
      assert.deepEqual(
        report.cells.map((c) => c.file),
        [
          `${server.origin}/blobs/b0000000-0000-4000-8000-000000000000`,
          `${server.origin}/blobs/b0000001-0000-4000-8000-000000000001`,
        ],
      );
      assert.ok(report.cells.every((c) => c.ok));
    });

    it("a missing dandiset or version is an error naming it", async () => {
      const r = await runTsnwb(["report", "dandi:000999/draft", "--out", join(dir, "none")], {
        env: { DANDI_API_URL: apiUrl },
      });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /assets of dandiset 000999\/draft not found \(404\)/);
      const bad = await runTsnwb(["report", "dandi:48", "--out", join(dir, "none")]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /expected dandi:DANDISET or dandi:DANDISET\/VERSION/);
    });
  });

  describe("deploy/", () => {
    it("kubernetes.yaml parses (PyYAML) into a Redis StatefulSet + Service and a worker Deployment with resource limits", () => {
      const out = execFileSync(
        "/usr/bin/python3",
        [
          "-c",
          "import json,sys,yaml; print(json.dumps(list(yaml.safe_load_all(open(sys.argv[1])))))",
          join(repo, "deploy/kubernetes.yaml"),
        ],
        { encoding: "utf8" },
      );
      const docs = JSON.parse(out) as { kind: string; metadata: { name: string }; spec?: any }[];
      assert.deepEqual(
        docs.map((d) => d.kind),
        ["PersistentVolumeClaim", "StatefulSet", "Service", "Deployment"],
      );
      const worker = docs.find((d) => d.kind === "Deployment")!.spec.template.spec.containers[0];
      assert.ok(worker.resources.limits.memory && worker.resources.limits.cpu);
      assert.ok(worker.args.includes("--max-memory"));
    });

    it("slurm-workers.sh passes bash -n and starts tsnwb worker; the Dockerfile's entry point is tsnwb worker", () => {
      execFileSync("bash", ["-n", join(repo, "deploy/slurm-workers.sh")]);
      assert.match(
        readFileSync(join(repo, "deploy/slurm-workers.sh"), "utf8"),
        /^#SBATCH --array=/m,
      );
      const dockerfile = readFileSync(join(repo, "deploy/Dockerfile"), "utf8");
      assert.match(
        dockerfile,
        /^ENTRYPOINT \["node", "\/opt\/tsnwb\/bin\/tsnwb\.js", "worker"\]$/m,
      );
      assert.match(readFileSync(join(repo, "README.md"), "utf8"), /deploy\/README\.md/);
    });
  });
});

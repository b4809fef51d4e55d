// The same batch through the local worker-thread pool and through the queue (a real redis-server,
// `tsnwb worker` processes on this machine): wall time ratios, the queue's overhead per job, and
// each worker's peak resident memory (the worker and its analysis processes, sampled from /proc),
// also under --max-memory. Runs the built CLI. `--quick`: 8 recordings instead of 32.
import { execFileSync, spawn } from "node:child_process";
import {
  appendFileSync,
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin/tsnwb.js");
const quick = process.argv.includes("--quick");
const N = quick ? 8 : 32;
const dir = mkdtempSync(join(tmpdir(), "tsnwb-queue-bench-"));
const bundled = readdirSync(join(root, "data/recordings"))
  .filter((f) => f.endsWith(".nwb"))
  .sort();
const inputs = [];
for (let i = 0; i < N; i++) {
  const f = bundled[i % bundled.length];
  const path = join(dir, `r${String(i).padStart(2, "0")}_${f}`);
  copyFileSync(join(root, "data/recordings", f), path);
  appendFileSync(path, `bench copy ${i}`); // distinct content: no result is reused
  inputs.push(path);
}

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const url = `redis://127.0.0.1:${port}`;
const redis = spawn(
  "/usr/bin/redis-server",
  [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    "--appendonly",
    "yes",
  ],
  { stdio: "ignore" },
);
for (let i = 0; i < 100; i++) {
  try {
    if (
      execFileSync("redis-cli", ["-p", String(port), "ping"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim() === "PONG"
    )
      break;
  } catch {
    // not answering yet: try again
  }
  await new Promise((r) => setTimeout(r, 100));
}

function run(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) =>
      code === 0
        ? resolve((performance.now() - t0) / 1000)
        : reject(new Error(`tsnwb ${args[0]} exited ${code}:\n${err}`)),
    );
  });
}

/** RSS of a process and its descendants (bytes), from /proc. */
function treeRss(pid) {
  let total = 0;
  try {
    total +=
      Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      for (const c of readFileSync(`/proc/${pid}/task/${t}/children`, "utf8")
        .split(" ")
        .filter(Boolean))
        total += treeRss(Number(c));
    }
  } catch {
    // the process ended while being measured: it holds no memory
  }
  return total;
}

function startWorker(extra = []) {
  const child = spawn(process.execPath, [bin, "worker", "--queue", url, ...extra], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const w = { child, peak: 0, log: "" };
  child.stderr.on("data", (d) => (w.log += d));
  w.timer = setInterval(() => (w.peak = Math.max(w.peak, treeRss(child.pid))), 50);
  return w;
}

async function stopWorker(w) {
  clearInterval(w.timer);
  const exited = new Promise((r) => w.child.once("exit", r));
  w.child.kill("SIGTERM");
  await exited;
}

async function queued(workers, extra = []) {
  execFileSync("redis-cli", ["-p", String(port), "flushall"]);
  const ws = Array.from({ length: workers }, () => startWorker(extra));
  await new Promise((r) => setTimeout(r, 3000)); // workers connected and their first analysis process starting
  const seconds = await run([
    "report",
    ...inputs,
    "--queue",
    url,
    "--out",
    join(dir, `q${workers}`),
  ]);
  for (const w of ws) await stopWorker(w);
  return { seconds, peaks: ws.map((w) => w.peak / 1048576) };
}

const mb = (x) => `${x.toFixed(0)} MB`;
try {
  console.log(
    `queue bench: ${N} recordings (copies of the ${bundled.length} bundled ones), redis-server on ${url}`,
  );
  const local1 = await run(["report", ...inputs, "--out", join(dir, "l1"), "--jobs", "1"]);
  const local2 = await run(["report", ...inputs, "--out", join(dir, "l2"), "--jobs", "2"]);
  const q1 = await queued(1);
  const q2 = await queued(2);
  const limit = 400;
  const qm = await queued(2, ["--max-memory", String(limit)]);
  console.log(`local pool, 1 thread:  ${local1.toFixed(1)} s`);
  console.log(`local pool, 2 threads: ${local2.toFixed(1)} s`);
  console.log(
    `queue, 1 worker:       ${q1.seconds.toFixed(1)} s; wall ratio queue/local (1 vs 1): ${(q1.seconds / local1).toFixed(2)}`,
  );
  console.log(
    `queue, 2 workers:      ${q2.seconds.toFixed(1)} s; wall ratio queue/local (2 vs 2): ${(q2.seconds / local2).toFixed(2)}`,
  );
  console.log(
    `queue overhead per job (1 worker vs 1 thread): ${(((q1.seconds - local1) / N) * 1000).toFixed(0)} ms`,
  );
  console.log(
    `peak RSS per worker (worker + analysis process): 1 worker ${q1.peaks.map(mb).join(", ")}; 2 workers ${q2.peaks.map(mb).join(", ")}`,
  );
  console.log(
    `--max-memory ${limit}: 2 workers in ${qm.seconds.toFixed(1)} s, peak RSS ${qm.peaks.map(mb).join(", ")}; ratio peak/limit ${(Math.max(...qm.peaks) / limit).toFixed(2)}`,
  );
} finally {
  redis.kill("SIGTERM");
  await new Promise((r) => redis.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
}

// Worker-thread entry of the report pool: analyses one file per message and answers with the
// result or the error, so one bad file never stops the others.
import { parentPort } from "node:worker_threads";
import "../nwb/remote/register-opener.js"; // URLs and DANDI references as well as paths
import { analyzeFile } from "./analyze-file.js";

export interface Job {
  index: number;
  source: string;
  figuresDir: string;
}

if (!parentPort) throw new Error("kernel-ext/report/worker.js must run in a worker thread");
const port = parentPort;
port.on("message", (job: Job) => {
  analyzeFile(job.source, job.figuresDir).then(
    (result) => port.postMessage({ index: job.index, ok: true, result }),
    (err: unknown) => port.postMessage({ index: job.index, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});

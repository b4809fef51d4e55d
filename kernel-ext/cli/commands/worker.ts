// tsnwb worker --queue redis://HOST:PORT: a worker of distributed `tsnwb report` batches.
import { runQueueWorker } from "../../queue/queue-worker.js";
import { resolveQueueUrl } from "../../queue/redis-url.js";
import type { Command } from "../main.js";
import { message } from "../message.js";
import { numberOption, parseArgs } from "../parse-args.js";
import { UsageError } from "../usage-error.js";

const usage = `usage: tsnwb worker --queue redis://HOST:PORT [--concurrency N] [--max-memory MB] [--stall-timeout S]

Analyses recordings of \`tsnwb report --queue\` batches: takes one job at a time per slot from the
queue in Redis, and sends each recording's summary, figures and widget state back through Redis.
Start as many workers as you like, on any machines that reach Redis and the data (paths on shared
storage, https://, s3://, DANDI). Stop with Ctrl-C or SIGTERM: running jobs finish first (a second
signal stops at once; those jobs then run on another worker after the stall timeout).

options:
  --queue URL             redis://[:PASSWORD@]HOST:PORT[/DB] or rediss:// (TLS); default: $REDIS_URL.
                          Without a password in the URL, REDIS_URL's is used for the same host and port.
  --concurrency N, -c N   recordings analysed at once, each in its own process (default 1)
  --max-memory MB         limit on the worker's resident memory, its analysis processes included
                          (WebAssembly and buffers too, not only the JS heap). A job that goes over
                          it is given back to the queue and the analysis process restarted; a job
                          that goes over it 3 times fails. Default: no limit.
  --stall-timeout S       seconds after which a job of a worker that stopped answering (killed,
                          machine gone) goes to another worker (default 30)

Exit code: 0 after a clean stop, 1 when Redis cannot be used, 2 for a usage error.`;

export const command: Command = {
  summary: "run a worker for distributed report batches (BullMQ on Redis)",
  usage,
  async run(args) {
    const parsed = parseArgs(args, [
      { name: "--queue", value: true },
      { name: "--concurrency", aliases: ["-c"], value: true },
      { name: "--max-memory", aliases: ["--max-memory-mb"], value: true },
      { name: "--stall-timeout", value: true },
    ]);
    if (parsed.positional.length)
      throw new UsageError(`unexpected argument '${parsed.positional[0]}'`);
    const url = resolveQueueUrl(parsed.get("--queue"));
    const c = parsed.get("--concurrency");
    const m = parsed.get("--max-memory");
    const s = parsed.get("--stall-timeout");
    const stop = new AbortController();
    const stopNow = new AbortController();
    const onSignal = () => (stop.signal.aborted ? stopNow.abort() : stop.abort());
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      const summary = await runQueueWorker({
        url,
        concurrency:
          c === undefined
            ? 1
            : numberOption("--concurrency", c, { integer: true, min: 1, inclusive: true }),
        maxMemoryMb:
          m === undefined
            ? undefined
            : numberOption("--max-memory", m, { min: 128, inclusive: true }),
        stallTimeoutMs:
          s === undefined
            ? undefined
            : numberOption("--stall-timeout", s, { min: 0.5, inclusive: true }) * 1000,
        log: (line) => message("worker", line),
        stopSignal: stop.signal,
        stopNowSignal: stopNow.signal,
      });
      message(
        "worker",
        `stopped: ${summary.jobs} recording${summary.jobs === 1 ? "" : "s"} analysed, ${summary.failed} failed attempt${summary.failed === 1 ? "" : "s"}, ${summary.memoryRequeues} given back for memory, peak resident memory ${Math.round(summary.peakResidentBytes / 1048576)} MB`,
      );
      return 0;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};

// tsnwb report FILE|DIR|URL... --out DIR: the coupling analysis of each cell, headless; with
// --queue URL on workers anywhere (BullMQ on Redis, kernel-ext/queue/).
import { batchStatusLines } from "../../queue/batch-status.js";
import { runQueuedReport } from "../../queue/coordinator.js";
import { resolveQueueUrl } from "../../queue/redis-url.js";
import { runReport } from "../../report/run-report.js";
import type { Command } from "../main.js";
import { message } from "../message.js";
import { numberOption, parseArgs } from "../parse-args.js";
import { resolveReportSources } from "../report-sources.js";
import { UsageError } from "../usage-error.js";

const usage = `usage: tsnwb report INPUT... --out DIR [--jobs N] [--max-memory-mb MB]
       tsnwb report INPUT... --out DIR --queue redis://HOST:PORT [--attempts N]
       tsnwb report --queue redis://HOST:PORT --status

Runs the spike–calcium coupling analysis on each NWB file (DANDI:000048 layout: a unit's spike
times and a ΔF/F RoiResponseSeries) on a pool of worker threads, or with --queue on \`tsnwb worker\`
processes on any machines (a job per file on a BullMQ queue in Redis; see deploy/README.md).

INPUT is any of:
  path/to/file.nwb        a local NWB file (opened read-only)
  path/to/folder          the .nwb files directly in the folder, sorted by name
  https://host/file.nwb   an NWB file on an HTTP(S) server that answers Range requests (read lazily)
  s3://bucket/key.nwb     a public S3 object, e.g. s3://dandiarchive/blobs/…
  https://api.dandiarchive.org/api/assets/<asset id>/download/
                          a DANDI asset by its API URL (also …/dandisets/<id>/versions/<v>/assets/<asset id>/)

options:
  --out DIR, -o DIR       output folder (required), written:
      report.json         per cell: indicator, spikes, rate, isolated events per AP count, peak ΔF/F,
                          rise/decay, detection probability at 1% false positives, OASIS inference r;
                          and per-indicator means
      summary.md          the same as Markdown tables
      figures/*.svg|png   one coupling figure per cell and coupling-groups (GCaMP6s vs GCaMP6f)
      report.html         one offline page with the live widgets (state embedded, bundle inlined)
  --jobs N, -j N          worker threads (default: the number of cores, at most one per file)
  --max-memory-mb MB      heap ceiling per worker (default 4096, at least 64)
  --queue URL             run the batch on \`tsnwb worker\`s: redis://[:PASSWORD@]HOST:PORT[/DB] or
                          rediss:// (TLS); a password may come from REDIS_URL instead. Files already
                          analysed (same content, same tsnwb build) are reused; one progress line for
                          the batch. Ctrl-C stops the batch (running files finish); the same command
                          again resumes it.
  --attempts N            with --queue: tries per file before it is reported failed (default 3;
                          retries after 2 s, 4 s, …)
  --status                with --queue: the progress of every batch on that Redis, then exit

A file that cannot be analysed is reported and skipped; the others still complete.
Exit code: 0 when every file was analysed, 3 when some failed, 1 when all failed, 2 for a usage error.`;

export const command: Command = {
  summary: "coupling analysis of NWB files → figures (SVG/PNG), JSON, HTML report",
  usage,
  async run(args) {
    const parsed = parseArgs(args, [
      { name: "--out", aliases: ["-o"], value: true },
      { name: "--jobs", aliases: ["-j"], value: true },
      { name: "--max-memory-mb", value: true },
      { name: "--queue", value: true },
      { name: "--attempts", value: true },
      { name: "--status" },
    ]);
    if (parsed.has("--status")) {
      if (!parsed.has("--queue")) throw new UsageError("--status needs --queue redis://HOST:PORT");
      if (parsed.positional.length) throw new UsageError("--status takes no inputs");
      for (const line of await batchStatusLines(resolveQueueUrl(parsed.get("--queue"))))
        console.log(line);
      return 0;
    }
    const out = parsed.get("--out");
    if (!out) throw new UsageError("--out DIR is required");
    const jobsText = parsed.get("--jobs");
    const jobs =
      jobsText === undefined
        ? undefined
        : numberOption("--jobs", jobsText, { integer: true, min: 1, inclusive: true });
    const memoryText = parsed.get("--max-memory-mb");
    const maxMemoryMb =
      memoryText === undefined
        ? undefined
        : numberOption("--max-memory-mb", memoryText, { min: 64, inclusive: true });
    if (parsed.positional.length === 0)
      throw new UsageError("no input files (give NWB files, folders or URLs)");
    const onProgress = (line: string) => message("report", line.replace(/^report: /, ""));
    if (parsed.has("--queue")) {
      if (parsed.has("--jobs") || parsed.has("--max-memory-mb"))
        throw new UsageError(
          "--jobs and --max-memory-mb are for the local pool; with --queue, give workers --concurrency and --max-memory",
        );
      const url = resolveQueueUrl(parsed.get("--queue"));
      const attemptsText = parsed.get("--attempts");
      const attempts =
        attemptsText === undefined
          ? undefined
          : numberOption("--attempts", attemptsText, { integer: true, min: 1, inclusive: true });
      return runQueued(
        await resolveReportSources(parsed.positional, onProgress),
        out,
        url,
        attempts,
        onProgress,
      );
    }
    if (parsed.has("--attempts")) throw new UsageError("--attempts needs --queue");
    const files = await resolveReportSources(parsed.positional, onProgress);
    const { failed, report } = await runReport(files, { out, jobs, maxMemoryMb, onProgress });
    if (failed === 0) return 0;
    return failed === report.cells.length ? 1 : 3;
  },
};

/** The exit code of a finished batch: 0 all analysed, 3 some failed, 1 all failed. */
const exitCode = (failed: number, cells: number) => (failed === 0 ? 0 : failed === cells ? 1 : 3);

async function runQueued(
  files: string[],
  out: string,
  url: ReturnType<typeof resolveQueueUrl>,
  attempts: number | undefined,
  onLine: (line: string) => void,
): Promise<number> {
  // On a terminal the batch line is redrawn in place; in a log, each new state is a line.
  const tty = process.stderr.isTTY;
  let drawn = false;
  const clear = () => {
    if (drawn) process.stderr.write("\r\x1b[K");
    drawn = false;
  };
  const stop = new AbortController();
  const onSigint = () => {
    if (stop.signal.aborted) process.exit(130);
    clear();
    message("report", "stopping the batch (Ctrl-C again to quit at once)");
    stop.abort();
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);
  try {
    const result = await runQueuedReport(files, {
      out,
      url,
      attempts,
      signal: stop.signal,
      onLine: (line) => {
        clear();
        onLine(line);
      },
      onStatus: (line, changed) => {
        if (!tty) return changed ? onLine(line) : undefined;
        clear();
        process.stderr.write(`tsnwb report: ${line}`);
        drawn = true;
      },
    });
    clear();
    if (result.stopped) {
      message(
        "report",
        `stopped batch ${result.batchId}: ${result.done} of ${result.total} files done; files being analysed finish on their workers; run the same command again to resume`,
      );
      return 130;
    }
    const analysed = result.report.cells.length - result.failed;
    message(
      "report",
      `${analysed} cell${analysed === 1 ? "" : "s"} analysed, ${result.failed} failed → ${out}`,
    );
    return exitCode(result.failed, result.report.cells.length);
  } finally {
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigint);
  }
}

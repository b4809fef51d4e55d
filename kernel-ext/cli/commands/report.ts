// tsnwb report FILE|DIR|URL... --out DIR: the coupling analysis of each cell, headless.
import { runReport } from "../../report/run-report.js";
import type { Command } from "../main.js";
import { message } from "../message.js";
import { numberOption, parseArgs } from "../parse-args.js";
import { expandReportInputs } from "../report-inputs.js";
import { UsageError } from "../usage-error.js";

const usage = `usage: tsnwb report INPUT... --out DIR [--jobs N] [--max-memory-mb MB]

Runs the spike–calcium coupling analysis on each NWB file (DANDI:000048 layout: a unit's spike
times and a ΔF/F RoiResponseSeries) on a pool of worker threads.

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
    ]);
    const out = parsed.get("--out");
    if (!out) throw new UsageError("--out DIR is required");
    const jobsText = parsed.get("--jobs");
    const jobs = jobsText === undefined ? undefined : numberOption("--jobs", jobsText, { integer: true, min: 1, inclusive: true });
    const memoryText = parsed.get("--max-memory-mb");
    const maxMemoryMb = memoryText === undefined ? undefined : numberOption("--max-memory-mb", memoryText, { min: 64, inclusive: true });
    if (parsed.positional.length === 0) throw new UsageError("no input files (give NWB files, folders or URLs)");
    const files = expandReportInputs(parsed.positional);
    const onProgress = (line: string) => message("report", line.replace(/^report: /, ""));
    const { failed, report } = await runReport(files, { out, jobs, maxMemoryMb, onProgress });
    if (failed === 0) return 0;
    return failed === report.cells.length ? 1 : 3;
  },
};

// `tsnwb report`: the coupling analysis of many cells, headless. Files run on a worker pool;
// each writes its own figure; then the GCaMP6s vs GCaMP6f figure, a JSON summary, a Markdown
// table and one offline HTML page with the live widgets (state embedded, bundle inlined).
import { availableParallelism } from "node:os";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Widget } from "../kernel/widget/widget.js";
import { CouplingModel } from "../models/coupling/coupling-model.js";
import { exportHTML } from "../models/export/html-page.js";
import { saveFigure } from "../models/figure/save-figure.js";
import { createRequire } from "node:module";
import type { FileResult } from "./analyze-file.js";
import { type JobOutcome, runPool } from "./pool.js";
import { summarizeGroups } from "./groups.js";
import type { Report, ReportEntry } from "./report.js";
import { reportNumbersSection } from "./report-page.js";
import { summaryMarkdown } from "./summary-markdown.js";
import { cellWidgets } from "./cell-widgets.js";
import type { Job } from "./worker.js";

const version = (createRequire(import.meta.url)("../../../package.json") as { version: string }).version;

export interface ReportOptions {
  out: string;
  /** Worker threads (default: the number of cores, at most the number of files). */
  jobs?: number;
  /** Heap ceiling per worker in MB (default 4096). */
  maxMemoryMb?: number;
  /** Progress lines (default: to stderr). */
  onProgress?: (line: string) => void;
}

export interface ReportResult {
  report: Report;
  failed: number;
  outputs: string[];
}

function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.partial`, text);
  renameSync(`${path}.partial`, path);
}

export async function runReport(sources: string[], options: ReportOptions): Promise<ReportResult> {
  if (sources.length === 0) throw new Error("report: no input files (expected one or more NWB paths or URLs)");
  const progress = options.onProgress ?? ((line: string) => process.stderr.write(line + "\n"));
  const figuresDir = join(options.out, "figures");
  mkdirSync(figuresDir, { recursive: true });

  const jobs: Job[] = sources.map((source, index) => ({ index, source, figuresDir }));
  // Under tsx (tests, `npx tsx`) the worker is the TypeScript source; built, it is worker.js.
  const fromSource = import.meta.url.endsWith(".ts");
  const workerUrl = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
  const workers = Math.max(1, Math.min(options.jobs ?? availableParallelism(), jobs.length));
  const t0 = performance.now();
  let done = 0;
  progress(`report: ${jobs.length} file${jobs.length === 1 ? "" : "s"} on ${workers} worker${workers === 1 ? "" : "s"}`);
  const outcomes = await runPool<Job, FileResult>(
    workerUrl,
    jobs,
    { workers, maxMemoryMb: options.maxMemoryMb ?? 4096, execArgv: fromSource ? ["--import", "tsx"] : [] },
    (job, outcome: JobOutcome<FileResult>) => {
      done++;
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      progress(`[${done}/${jobs.length}] ${outcome.ok ? "done  " : "FAILED"} ${job.source}${outcome.ok ? "" : `: ${outcome.error}`} (${secs} s)`);
    },
  );

  const written = await writeReportOutputs(sources, outcomes, options.out);
  const analysed = written.report.cells.length - written.failed;
  progress(`report: ${analysed} cell${analysed === 1 ? "" : "s"} analysed, ${written.failed} failed, ${((performance.now() - t0) / 1000).toFixed(1)} s → ${options.out}`);
  return written;
}

/**
 * Everything after the per-file analyses, for the local pool and the queue's merge alike:
 * report.json, summary.md, the groups figure and report.html in `out` (the per-cell figures are
 * already in `out`/figures and listed in each result).
 */
export async function writeReportOutputs(sources: string[], outcomes: JobOutcome<FileResult>[], out: string): Promise<ReportResult> {
  const figuresDir = join(out, "figures");
  mkdirSync(figuresDir, { recursive: true });
  const cells: ReportEntry[] = outcomes.map((o, i) => (o.ok ? { file: sources[i]!, ok: true, summary: o.result.summary } : { file: sources[i]!, ok: false, error: o.error }));
  const results = outcomes.flatMap((o) => (o.ok ? [o.result] : []));
  const groups = summarizeGroups(results.map((r) => r.summary));
  const report: Report = { generator: `tsnwb ${version} report`, cells, groups };
  const outputs: string[] = [];

  writeAtomic(join(out, "report.json"), JSON.stringify(report, null, 2) + "\n");
  outputs.push(join(out, "report.json"));
  writeAtomic(join(out, "summary.md"), summaryMarkdown(report));
  outputs.push(join(out, "summary.md"));
  for (const r of results) outputs.push(...r.figures);

  if (results.length > 0) {
    const widgets: Widget<object>[] = [];
    const links: Widget<object>[] = [];
    try {
      const groupsModel = await CouplingModel.create(results.map((r) => ({ id: r.traces.label, ...r.traces })), { mode: "groups", title: "spike–calcium coupling: GCaMP6s vs GCaMP6f" });
      widgets.push(groupsModel);
      for (const ext of ["svg", "png"]) {
        const path = join(figuresDir, `coupling-groups.${ext}`);
        await saveFigure(groupsModel, path);
        outputs.push(path);
      }
      for (const r of results) widgets.push(...cellWidgets(r, links));
      const html = join(out, "report.html");
      await exportHTML(widgets, html, { title: "tsnwb report: spike–calcium coupling", appendix: reportNumbersSection(report) });
      outputs.push(html);
    } finally {
      for (const w of [...links, ...widgets]) w.close();
    }
  }
  const failed = cells.filter((c) => !c.ok).length;
  return { report, failed, outputs };
}

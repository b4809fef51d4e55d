// tsnwb report FILE... --out DIR: the coupling analysis of each cell, headless.
import { runReport } from "../../report/run-report.js";
import type { Command } from "../main.js";

const usage = `usage: tsnwb report FILE|URL... --out DIR [--jobs N] [--max-memory-mb MB]

Runs the spike–calcium coupling analysis on each NWB file (DANDI:000048 layout: a unit's spike
times and a ΔF/F RoiResponseSeries; paths, https:// or s3:// URLs) on a pool of worker threads,
and writes into DIR:
  report.json          per cell: indicator, spikes, rate, isolated events per AP count, peak ΔF/F,
                       rise/decay, detection probability at 1% false positives, OASIS inference r;
                       and per-indicator means
  summary.md           the same as Markdown tables
  figures/*.svg|png    one coupling figure per cell and coupling-groups (GCaMP6s vs GCaMP6f)
  report.html          one offline page with the live widgets (state embedded, bundle inlined)
A file that cannot be analysed is reported and skipped; the others still complete.
Exit code: 0 when every file was analysed, 3 when some failed, 1 when all failed.`;

export const command: Command = {
  summary: "coupling analysis of NWB files → figures (SVG/PNG), JSON, HTML report",
  usage,
  async run(args) {
    const files: string[] = [];
    let out: string | undefined;
    let jobs: number | undefined;
    let maxMemoryMb: number | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const value = () => {
        const v = args[++i];
        if (v === undefined) throw new Error(`report: ${a} needs a value\n\n${usage}`);
        return v;
      };
      if (a === "--out" || a === "-o") out = value();
      else if (a === "--jobs" || a === "-j") jobs = Number(value());
      else if (a === "--max-memory-mb") maxMemoryMb = Number(value());
      else if (a.startsWith("-")) throw new Error(`report: unknown option ${a}\n\n${usage}`);
      else files.push(a);
    }
    if (!out) throw new Error(`report: --out DIR is required\n\n${usage}`);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new Error(`report: --jobs expects a whole number ≥ 1`);
    if (maxMemoryMb !== undefined && !(maxMemoryMb >= 64)) throw new Error(`report: --max-memory-mb expects a number ≥ 64`);
    if (files.length === 0) throw new Error(`report: no input files\n\n${usage}`);
    const { failed, report } = await runReport(files, { out, jobs, maxMemoryMb });
    if (failed === 0) return 0;
    return failed === report.cells.length ? 1 : 3;
  },
};

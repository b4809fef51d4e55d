// The merge of a batch, on the coordinator: each recording's result from Redis (its figures written
// into `out`/figures, the rest decoded to what the local pool returns) or its failure, then the
// same writer as the local run (report.json, summary.md, groups figure, report.html).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { type FileResult, writeFigures } from "../report/analyze-file.js";
import type { JobOutcome } from "../report/pool.js";
import { type ReportResult, writeReportOutputs } from "../report/run-report.js";
import { decodeAnalysis } from "./payload-codec.js";

export async function mergeOutputs(
  redis: Redis,
  sources: string[],
  resultKeys: string[],
  failures: Map<number, string>,
  out: string,
): Promise<ReportResult> {
  const figuresDir = join(out, "figures");
  mkdirSync(figuresDir, { recursive: true });
  const outcomes: JobOutcome<FileResult>[] = [];
  for (let i = 0; i < sources.length; i++) {
    const payload = await redis.getBuffer(resultKeys[i]!);
    if (payload) {
      const { figures, ...rest } = decodeAnalysis(payload);
      outcomes.push({
        ok: true,
        result: { ...rest, figures: await writeFigures(figures, figuresDir) },
      });
    } else {
      outcomes.push({
        ok: false,
        error:
          failures.get(i) ??
          `${sources[i]}: no result in the queue (its job was removed before it finished)`,
      });
    }
  }
  return writeReportOutputs(sources, outcomes, out);
}

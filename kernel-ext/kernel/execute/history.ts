// Input history for history_request (tail / range / search), kept in memory for this kernel session.
export interface HistoryRequest {
  output?: boolean;
  hist_access_type?: string;
  n?: number;
  start?: number;
  stop?: number;
  pattern?: string;
  unique?: boolean;
}

type Entry = { line: number; input: string; output: string | null };
type HistoryRow = [number, number, string | [string, string | null]];

const SESSION = 1;

export class History {
  private readonly entries: Entry[] = [];

  record(line: number, input: string, output: string | null): void {
    this.entries.push({ line, input, output });
  }

  query(req: HistoryRequest): HistoryRow[] {
    let rows: Entry[];
    switch (req.hist_access_type) {
      case "range": {
        const start = req.start ?? 0;
        const stop = req.stop ?? Number.POSITIVE_INFINITY;
        rows = this.entries.filter((e) => e.line >= start && e.line < stop);
        break;
      }
      case "search": {
        const re = globToRegExp(req.pattern ?? "*");
        rows = this.entries.filter((e) => re.test(e.input));
        if (req.unique) {
          const seen = new Set<string>();
          rows = rows
            .reverse()
            .filter((e) => !seen.has(e.input) && seen.add(e.input))
            .reverse();
        }
        if (req.n !== undefined && req.n !== null) rows = rows.slice(-req.n);
        break;
      }
      default:
        rows = this.entries.slice(-(req.n ?? 10));
    }
    return rows.map((e) => [SESSION, e.line, req.output ? [e.input, e.output] : e.input]);
  }
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
}

// Runs a committed notebook with Debian's nbclient (test/notebooks/py/run_notebook.py) on the tsnwb
// kernel and reads the executed copy: error outputs, widget views, stored widget state and the
// `NBCHECK {json}` lines that tagged cells print for the tests.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

export const repoRoot = new URL("../../../", import.meta.url).pathname;
export const python = "/usr/bin/python3";
export const notebooksDir = join(repoRoot, "notebooks");
const run = promisify(execFile);

export const WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json";
export const WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json";

export interface Output { output_type: string; name?: string; text?: string | string[]; data?: Record<string, any>; ename?: string; evalue?: string }
export interface Cell { cell_type: string; source: string | string[]; metadata: { tags?: string[] }; outputs?: Output[] }
export interface Notebook { cells: Cell[]; metadata: { kernelspec: { name: string; language: string }; widgets?: Record<string, any> } }

/** The kernelspec (installed by the real `tsnwb install --prefix`) and a folder for executed copies. */
export class NotebookRunner {
  readonly prefix = mkdtempSync(join(tmpdir(), "tsnwb-nb-kernelspec-"));
  readonly outDir = mkdtempSync(join(tmpdir(), "tsnwb-nb-executed-"));

  async install(): Promise<void> {
    await run(process.execPath, [join(repoRoot, "bin", "tsnwb.js"), "install", "--prefix", this.prefix]);
  }

  /** Executes notebooks/NAME in notebooks/ (so ../data paths resolve); the committed file is not touched. */
  async execute(name: string): Promise<ExecutedNotebook> {
    const out = join(this.outDir, name);
    let stderr: string;
    let failed = false;
    try {
      ({ stderr } = await run(python, [join(repoRoot, "test", "notebooks", "py", "run_notebook.py"), join(notebooksDir, name), out, notebooksDir, "240"], {
        cwd: notebooksDir,
        env: { ...process.env, JUPYTER_PATH: join(this.prefix, "share", "jupyter"), PYDEVD_DISABLE_FILE_VALIDATION: "1" },
        maxBuffer: 64 * 1024 * 1024,
      }));
    } catch (e) {
      failed = true;
      stderr = (e as { stderr?: string }).stderr ?? String(e);
    }
    let nb: Notebook;
    try {
      nb = JSON.parse(readFileSync(out, "utf8"));
    } catch {
      throw new Error(`${name}: nbclient wrote no executed notebook\n${stderr}`);
    }
    return new ExecutedNotebook(name, nb, failed, stderr);
  }

  remove(): void {
    rmSync(this.prefix, { recursive: true, force: true });
    rmSync(this.outDir, { recursive: true, force: true });
  }
}

const text = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));

export class ExecutedNotebook {
  constructor(readonly name: string, readonly nb: Notebook, readonly failed: boolean, readonly stderr: string) {}

  get outputs(): Output[] {
    return this.nb.cells.flatMap((c) => c.outputs ?? []);
  }

  /** Error outputs, and stderr streams (a cell that logs to stderr counts as a problem too). */
  problems(): string[] {
    const errs = this.outputs.filter((o) => o.output_type === "error").map((o) => `${o.ename}: ${o.evalue}`);
    const stderr = this.outputs.filter((o) => o.output_type === "stream" && o.name === "stderr").map((o) => `stderr: ${text(o.text)}`);
    return [...errs, ...stderr, ...(this.failed ? [`nbclient: ${this.stderr}`] : [])];
  }

  /** Model ids of the widget views shown in the outputs. */
  widgetViews(): string[] {
    return this.outputs.filter((o) => o.data?.[WIDGET_VIEW_MIME]).map((o) => o.data![WIDGET_VIEW_MIME].model_id as string);
  }

  /** The stored widget state: model id → { model_name, model_module, state, buffers }. */
  widgetState(): Record<string, { model_name: string; model_module: string; state: Record<string, any>; buffers?: unknown[] }> {
    return this.nb.metadata.widgets?.[WIDGET_STATE_MIME]?.state ?? {};
  }

  /** Every `NBCHECK {json}` line printed by cells tagged "check", in order. */
  checks(): any[] {
    const out: any[] = [];
    for (const c of this.nb.cells) {
      if (!c.metadata.tags?.includes("check")) continue;
      for (const o of c.outputs ?? []) {
        if (o.output_type !== "stream" || o.name !== "stdout") continue;
        for (const line of text(o.text).split("\n")) if (line.startsWith("NBCHECK ")) out.push(JSON.parse(line.slice(8)));
      }
    }
    return out;
  }

  /** All check objects merged into one (later keys win). */
  check(): Record<string, any> {
    return Object.assign({}, ...this.checks());
  }
}

/** Runs test/notebooks/py/reference.py COMMAND with a JSON argument and returns its JSON answer. */
export async function reference<T = any>(command: string, arg: unknown): Promise<T> {
  const { stdout } = await run(python, [join(repoRoot, "test", "notebooks", "py", "reference.py"), command, JSON.stringify(arg)], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout);
}

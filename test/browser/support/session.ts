// The shared fixture of the browser suite: one Jupyter server, one Chromium and one harness page
// with one tsnwb kernel, created on first use and torn down after the whole run (a root `after`
// hook registered when this module loads). Test files call `liveSession()` in their `before`.
import { mkdirSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../support/chromium.js";
import { startJupyterServer, repoRoot, type JupyterServer } from "./jupyter-server.js";
import { startPageServer } from "./page-server.js";

export interface CellResult {
  id: string;
  status: "ok" | "error" | "abort";
  outputs: (
    | { widget: string; renderMs: number }
    | { text: string }
    | { stream: string; text: string }
    | { error: string }
  )[];
}

export interface LiveSession {
  page: Page;
  browser: Browser;
  /** Runs one cell (its outputs go in <div id="cell-NAME">, or cell-N); throws with the kernel's
   *  error when the cell fails. */
  run(code: string, name?: string): Promise<CellResult>;
  /** Evaluates a TypeScript expression in the kernel and returns it (through JSON on stdout). */
  value<T = unknown>(expression: string): Promise<T>;
  /** The model id of the first widget the cell displayed. */
  widgetOf(cell: CellResult): string;
  screenshot(name: string): Promise<void>;
  /** Clicks `selector` and returns the file the page downloads. */
  download(selector: string): Promise<{ name: string; data: Buffer }>;
}

/** Views report a lost kernel after this long without a reply (shortened from 5 s for the tests). */
export const LOST_AFTER_MS = 1500;

export const artifacts = join(repoRoot, "test-artifacts", "browser");

let pending: Promise<LiveSession> | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

export function requireBundles(): void {
  for (const f of ["tsnwb-widgets.live.js", "tsnwb-widgets.embed.js"]) {
    if (!existsSync(join(repoRoot, "dist/widgets", f)))
      throw new Error(`dist/widgets/${f} is missing: run \`npm run build\` first`);
  }
}

export function sharedBrowser(): Promise<Browser> {
  return (browserPromise ??= launchChromium().then((b) => (cleanups.push(() => b.close()), b)));
}
let browserPromise: Promise<Browser> | undefined;

export function liveSession(): Promise<LiveSession> {
  return (pending ??= open());
}

async function open(): Promise<LiveSession> {
  requireBundles();
  mkdirSync(artifacts, { recursive: true });
  const server: JupyterServer = await startJupyterServer();
  cleanups.push(() => server.stop());
  const pages = await startPageServer();
  cleanups.push(() => pages.close());
  const browser = await sharedBrowser();
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/favicon|404/.test(m.text())) consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(pages.url, { timeout: 90_000 });
  await page.evaluate((o) => (window as any).harness.connect(o), {
    baseUrl: server.baseUrl,
    token: server.token,
    kernelName: server.kernelName,
    lostAfterMs: LOST_AFTER_MS,
  });
  cleanups.push(() =>
    page.evaluate(() => (window as any).harness.kernel?.shutdown()).catch(() => undefined),
  );
  // Declared with its type so that `this` in the methods is a LiveSession (value() calls run()).
  const session: LiveSession = {
    page,
    browser,
    async run(code, name) {
      const r = (await page.evaluate(([c, n]) => (window as any).harness.run(c, n), [
        code,
        name,
      ] as const)) as CellResult;
      const err = r.outputs.find((o): o is { error: string } => "error" in o);
      if (r.status !== "ok" || err) {
        const text = r.outputs
          .map((o) => ("error" in o ? o.error : "text" in o ? o.text : ""))
          .join("\n");
        throw new Error(`cell failed (${r.status}): ${text}\n${consoleErrors.join("\n")}`);
      }
      return r;
    },
    async value(expression) {
      const r = await this.run(`console.log("@@" + JSON.stringify(${expression}))`);
      const out = r.outputs.map((o) => ("stream" in o ? o.text : "")).join("");
      const line = out.split("\n").find((l) => l.startsWith("@@"));
      if (!line) throw new Error(`no value printed for ${expression}: ${out}`);
      return JSON.parse(line.slice(2));
    },
    widgetOf(cell) {
      const w = cell.outputs.find((o): o is { widget: string; renderMs: number } => "widget" in o);
      if (!w)
        throw new Error(`cell ${cell.id} displayed no widget: ${JSON.stringify(cell.outputs)}`);
      return w.widget;
    },
    async download(selector) {
      const [d] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
      const path = await d.path();
      return { name: d.suggestedFilename(), data: readFileSync(path) };
    },
    async screenshot(name) {
      await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
    },
  };
  return session;
}

/** Closes everything the session opened (mocha does it after the run; scripts call it). */
export async function closeSession(): Promise<void> {
  // Last opened, first closed: the page's kernel, the browser, the page server, the Jupyter server.
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  cleanups.length = 0;
}

// Registered as a root hook when mocha loads this module; a plain script (the benchmark) has no
// `after` and calls closeSession itself.
if (typeof after === "function") {
  after(async function () {
    this.timeout(30_000);
    await closeSession();
  });
}

// Drives a JupyterLab page through its own application object (`window.jupyterapp`, set by
// app/main.ts): the commands a user runs from menus, and the notebook models they act on.
// DOM queries are used where the test is about what is drawn.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, ConsoleMessage, Page } from "playwright-core";
import { artifactsDir } from "./paths.js";
import type { LabServer } from "./server.js";

export interface NbOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
export interface NbCell {
  cell_type: string;
  source: string | string[];
  outputs?: NbOutput[];
  execution_count?: number | null;
}

/** Console messages that JupyterLab itself logs in a healthy session on this server. */
const benignConsole = [/kernelInfoTimeout property/];

export class LabPage {
  readonly consoleErrors: string[] = [];
  readonly consoleWarnings: string[] = [];
  readonly failedRequests: string[] = [];

  private constructor(
    readonly page: Page,
    readonly server: LabServer,
  ) {
    page.on("console", (m: ConsoleMessage) => {
      const text = m.text();
      if (benignConsole.some((re) => re.test(text))) return;
      if (m.type() === "error") this.consoleErrors.push(text);
      if (m.type() === "warning") this.consoleWarnings.push(text);
    });
    page.on("pageerror", (e) =>
      this.consoleErrors.push(`pageerror: ${e.message}\n${e.stack ?? ""}`),
    );
    page.on("response", (r) => {
      if (r.status() >= 400)
        this.failedRequests.push(
          `${r.status()} ${r.request().method()} ${r.url().replace(/token=[0-9a-f]+/, "token=…")}`,
        );
    });
  }

  static async open(
    browser: Browser,
    server: LabServer,
  ): Promise<{ lab: LabPage; loadMs: number }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Generous: on a busy 2-core machine the 2.3 MB bundle alone can take tens of seconds.
    page.setDefaultTimeout(60_000);
    page.setDefaultNavigationTimeout(120_000);
    const lab = new LabPage(page, server);
    const loadMs = await lab.load();
    return { lab, loadMs };
  }

  /** Opens /lab?reset and resolves when the shell has restored its (fresh) layout. */
  async load(): Promise<number> {
    const started = Date.now();
    await this.page.goto(this.server.labUrl());
    await this.page.waitForFunction(() => (window as any).jupyterapp?.started !== undefined, null, {
      timeout: 60_000,
    });
    await this.page.evaluate(() => (window as any).jupyterapp.restored.then(() => true));
    return Date.now() - started;
  }

  async reload(): Promise<number> {
    const started = Date.now();
    await this.page.reload();
    await this.page.waitForFunction(() => (window as any).jupyterapp?.started !== undefined, null, {
      timeout: 60_000,
    });
    await this.page.evaluate(() => (window as any).jupyterapp.restored.then(() => true));
    return Date.now() - started;
  }

  /** What app/main.ts recorded: source extensions and their plugin ids, prebuilt extensions loaded, dropped plugins. */
  buildInfo(): Promise<{
    sourceExtensions: string[];
    sourcePluginIds: string[];
    federatedExtensions: Array<{ name: string; url: string; pluginIds: string[] }>;
    droppedPlugins: string[];
    appVersion: string;
  }> {
    return this.page.evaluate(() => (window as any).tsnwbE2E);
  }

  async activePluginIds(): Promise<string[]> {
    return this.page.evaluate(() => {
      const app = (window as any).jupyterapp;
      return app.listPlugins().filter((id: string) => app.isPluginActivated(id));
    });
  }

  /** Opens a notebook (in the server root) and resolves once its kernel is connected and idle. */
  async openNotebook(path: string): Promise<number> {
    const started = Date.now();
    await this.page.evaluate(async (p) => {
      const app = (window as any).jupyterapp;
      const panel = await app.commands.execute("docmanager:open", { path: p, factory: "Notebook" });
      await panel.context.ready;
      await panel.sessionContext.ready;
    }, path);
    await this.waitKernelIdle(path);
    return Date.now() - started;
  }

  async waitKernelIdle(path: string, timeoutMs = 60_000): Promise<void> {
    await this.page.waitForFunction(
      (p) => {
        const app = (window as any).jupyterapp;
        for (const w of app.shell.widgets("main")) {
          if (w.context?.path !== p) continue;
          const kernel = w.sessionContext?.session?.kernel;
          return kernel?.connectionStatus === "connected" && kernel?.status === "idle";
        }
        return false;
      },
      path,
      { timeout: timeoutMs, polling: 100 },
    );
  }

  /**
   * Runs every cell (Run ▸ Run All Cells) and resolves when the last one has finished; `ok` is
   * JupyterLab's verdict (false when a cell raised an error).
   */
  async runAll(path: string): Promise<{ ms: number; ok: boolean }> {
    const started = Date.now();
    await this.activate(path);
    const ok = await this.page.evaluate(() =>
      (window as any).jupyterapp.commands.execute("notebook:run-all-cells"),
    );
    await this.waitKernelIdle(path);
    return { ms: Date.now() - started, ok: ok === true };
  }

  async activate(path: string): Promise<void> {
    await this.page.evaluate((p) => {
      const app = (window as any).jupyterapp;
      for (const w of app.shell.widgets("main"))
        if (w.context?.path === p) app.shell.activateById(w.id);
    }, path);
  }

  /** The notebook's cells as nbformat JSON, from the open document's model. */
  cells(path: string): Promise<NbCell[]> {
    return this.page.evaluate((p) => {
      const app = (window as any).jupyterapp;
      for (const w of app.shell.widgets("main")) {
        if (w.context?.path !== p) continue;
        const cells = w.content.model.cells;
        const out = [];
        for (let i = 0; i < cells.length; i++) out.push(cells.get(i).toJSON());
        return out;
      }
      throw new Error(`notebook ${p} is not open`);
    }, path);
  }

  /** Runs one cell (by index) and resolves with its outputs once the kernel is idle again. */
  async runCell(path: string, index: number): Promise<NbOutput[]> {
    await this.activate(path);
    await this.page.evaluate(
      async ({ p, i }) => {
        const app = (window as any).jupyterapp;
        for (const w of app.shell.widgets("main")) {
          if (w.context?.path !== p) continue;
          w.content.activeCellIndex = i;
          w.content.deselectAll();
          await app.commands.execute("notebook:run-cell");
        }
      },
      { p: path, i: index },
    );
    await this.waitKernelIdle(path);
    return (await this.cells(path))[index].outputs ?? [];
  }

  /**
   * Runs `code` on the notebook's kernel without a cell (nothing is added to the notebook) and
   * resolves with the text/plain of its value; a kernel error rejects with its name and message.
   */
  async execute(path: string, code: string): Promise<string> {
    const reply = await this.page.evaluate(
      async ({ p, c }) => {
        const app = (window as any).jupyterapp;
        for (const w of app.shell.widgets("main")) {
          if (w.context?.path !== p) continue;
          const future = w.sessionContext.session.kernel.requestExecute({
            code: c,
            store_history: false,
          });
          const out = { text: "", error: "" };
          future.onIOPub = (msg: any) => {
            const type = msg.header.msg_type;
            if (type === "execute_result") out.text = msg.content.data["text/plain"] ?? "";
            if (type === "error") out.error = `${msg.content.ename}: ${msg.content.evalue}`;
          };
          await future.done;
          return out;
        }
        return { text: "", error: `notebook ${p} is not open` };
      },
      { p: path, c: code },
    );
    if (reply.error)
      throw new Error(`kernel of ${path} ran ${JSON.stringify(code)}: ${reply.error}`);
    return reply.text;
  }

  /** A CSS selector for the notebook's panel (its views, not those of other open notebooks). */
  async panelSelector(path: string): Promise<string> {
    const id = await this.page.evaluate((p) => {
      const app = (window as any).jupyterapp;
      for (const w of app.shell.widgets("main")) if (w.context?.path === p) return w.id as string;
      throw new Error(`notebook ${p} is not open`);
    }, path);
    return `[id="${id}"]`;
  }

  /**
   * Scrolls every output of a notebook panel (the shown one by default) into view: JupyterLab's
   * notebook windowing renders a cell's outputs only once they come near the viewport, and where
   * the fold falls depends on how tall the outputs above have been drawn so far.
   */
  async revealOutputs(panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"): Promise<void> {
    // (a hidden tab's outputs never become visible to scroll to)
    for (const out of await this.page.locator(`${panel} .jp-OutputArea-output`).all())
      await out.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => undefined); // (replaced meanwhile)
  }

  /** The notebook's kernel id, or null when it has none (never started, or shut down). */
  kernelId(path: string): Promise<string | null> {
    return this.page.evaluate((p) => {
      const app = (window as any).jupyterapp;
      for (const w of app.shell.widgets("main"))
        if (w.context?.path === p) return w.sessionContext?.session?.kernel?.id ?? null;
      throw new Error(`notebook ${p} is not open`);
    }, path);
  }

  /** Ids of the kernels the server runs now. */
  runningKernelIds(): Promise<string[]> {
    return this.page.evaluate(async () => {
      const kernels = (window as any).jupyterapp.serviceManager.kernels;
      await kernels.refreshRunning();
      return [...kernels.running()].map((k: { id: string }) => k.id);
    });
  }

  /** Shuts the notebook's kernel down and leaves the notebook open (JupyterLab's "Shut Down Kernel"). */
  async shutdownKernel(path: string): Promise<void> {
    await this.page.evaluate(async (p) => {
      const app = (window as any).jupyterapp;
      for (const w of app.shell.widgets("main"))
        if (w.context?.path === p) await w.sessionContext.shutdown();
    }, path);
  }

  async save(path: string): Promise<void> {
    await this.activate(path);
    await this.page.evaluate(() => (window as any).jupyterapp.commands.execute("docmanager:save"));
  }

  /** Shuts the notebook's kernel down and closes its tab. */
  async closeNotebook(path: string): Promise<void> {
    await this.page.evaluate(async (p) => {
      const app = (window as any).jupyterapp;
      for (const w of app.shell.widgets("main")) {
        if (w.context?.path !== p) continue;
        await w.sessionContext.shutdown();
        w.dispose();
      }
    }, path);
  }

  async setTheme(name: "JupyterLab Light" | "JupyterLab Dark"): Promise<void> {
    await this.page.evaluate(
      (theme) => (window as any).jupyterapp.commands.execute("apputils:change-theme", { theme }),
      name,
    );
    await this.page.waitForFunction((theme) => document.body.dataset.jpThemeName === theme, name, {
      timeout: 20_000,
    });
    // A theme change shows JupyterLab's splash screen and removes it 200 ms after the theme loads;
    // a second change inside that window makes JupyterLab itself throw (removeChild of the splash
    // it already removed), so wait until the splash is gone.
    await this.page.waitForFunction(() => !document.getElementById("jupyterlab-splash"), null, {
      timeout: 20_000,
    });
  }

  /** Starts a kernel of the named kernelspec for a notebook that has none, and waits for it to be idle. */
  async startKernel(path: string, name: string): Promise<void> {
    await this.page.evaluate(
      async ({ p, n }) => {
        const app = (window as any).jupyterapp;
        for (const w of app.shell.widgets("main"))
          if (w.context?.path === p) await w.sessionContext.changeKernel({ name: n });
      },
      { p: path, n: name },
    );
    await this.waitKernelIdle(path);
  }

  /**
   * Starts a kernel session for a notebook that is not open, and waits until its kernel is idle:
   * opening the notebook then joins that session instead of starting a kernel of its own.
   */
  async startSession(path: string, name: string): Promise<void> {
    await this.page.evaluate(
      async ({ p, n }) => {
        const sessions = (window as any).jupyterapp.serviceManager.sessions;
        const session = await sessions.startNew({
          path: p,
          name: p,
          type: "notebook",
          kernel: { name: n },
        });
        const kernel = session.kernel;
        // (no named functions in page code: the test runner's transpiler would wrap them)
        const deadline = Date.now() + 60_000;
        while (!(kernel.connectionStatus === "connected" && kernel.status === "idle")) {
          if (Date.now() > deadline) throw new Error(`the kernel for ${p} is not idle after 60 s`);
          await new Promise((r) => setTimeout(r, 100));
        }
        session.dispose(); // (this connection only: the session and its kernel keep running)
      },
      { p: path, n: name },
    );
  }

  /** Restarts the notebook's kernel without the confirmation dialog and waits for it to be idle. */
  async restartKernel(path: string): Promise<void> {
    await this.page.evaluate(async (p) => {
      const app = (window as any).jupyterapp;
      for (const w of app.shell.widgets("main"))
        if (w.context?.path === p) await w.sessionContext.session.kernel.restart();
    }, path);
    await this.waitKernelIdle(path);
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(artifactsDir, { recursive: true });
    const file = join(artifactsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

/** The text of a stream / execute_result output, joined. */
export function outputText(o: NbOutput): string {
  if (o.text !== undefined) return Array.isArray(o.text) ? o.text.join("") : o.text;
  const plain = o.data?.["text/plain"];
  if (plain !== undefined)
    return Array.isArray(plain)
      ? (plain as string[]).join("")
      : typeof plain === "string"
        ? plain
        : JSON.stringify(plain);
  return "";
}

/** An nbformat 4 notebook for the given kernel with these code cells. */
export function notebookJson(
  kernel: { name: string; displayName: string },
  sources: string[],
): string {
  return JSON.stringify(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: { name: kernel.name, display_name: kernel.displayName, language: "typescript" },
        language_info: { name: "typescript" },
      },
      cells: sources.map((source, i) => ({
        cell_type: "code",
        id: `cell-${i}`,
        metadata: {},
        source,
        outputs: [],
        execution_count: null,
      })),
    },
    null,
    1,
  );
}

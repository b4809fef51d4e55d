// The project's example notebooks (notebooks/*.ipynb), each opened in JupyterLab and run with Run
// All on the tsnwb kernel: no error output, nothing on stderr, no console error, and every widget
// output drawn by our views. A screenshot of each is kept in test-artifacts/jupyterlab/.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "../support/net.js";
import type { NotebookKernel } from "./harness/kernels.js";
import type { LabPage } from "./harness/lab-page.js";
import { repoRoot } from "./harness/paths.js";
import type { LabServer } from "./harness/server.js";
import { timings } from "./harness/timings.js";

export interface NotebookSuiteContext {
  lab(): LabPage;
  server(): LabServer;
  kernel(): NotebookKernel;
  sourceExtensions(): string[];
}

const notebooksDir = join(repoRoot, "notebooks");
/** The committed notebooks (in a git checkout; all present ones elsewhere): ones still being written are not run. */
function committedNotebooks(): string[] {
  if (!existsSync(notebooksDir)) return [];
  const present = readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb"));
  const git = spawnSync("git", ["ls-files", "--", "notebooks"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (git.status !== 0) return present.sort();
  const tracked = new Set(git.stdout.split("\n").filter(Boolean));
  return present.filter((f) => tracked.has(`notebooks/${f}`)).sort();
}

const exampleNotebooks = committedNotebooks();

export function notebookSpecs(ctx: NotebookSuiteContext): void {
  before(function () {
    if (!ctx.kernel().isTsnwb || !ctx.sourceExtensions().includes("widgets/src/plugin.ts"))
      this.skip();
    // The notebooks live in notebooks/ and read ../data/recordings/…: the same layout, in the
    // server's root, with copies of the notebooks (Run All must not touch the committed files).
    const root = ctx.server().rootDir;
    cpSync(notebooksDir, join(root, "notebooks"), { recursive: true });
    if (!existsSync(join(root, "data"))) symlinkSync(join(repoRoot, "data"), join(root, "data"));
  });

  if (exampleNotebooks.length === 0)
    it.skip("runs the example notebooks [none in notebooks/ yet]", () => undefined);

  for (const name of exampleNotebooks) {
    it(`runs notebooks/${name} with Run All: no errors, every widget drawn`, async function () {
      this.timeout(300_000);
      const lab = ctx.lab();
      const path = `notebooks/${name}`;
      const consoleErrorsBefore = lab.consoleErrors.length;
      timings.record(`open ${name}`, await lab.openNotebook(path));
      const run = await lab.runAll(path);
      timings.record(`run all ${name}`, run.ms);
      const cells = await lab.cells(path);
      const problems = cells.flatMap((c, i) =>
        (c.outputs ?? [])
          .filter((o) => o.output_type === "error" || o.name === "stderr")
          .map(
            (o) =>
              `cell ${i}: ${o.ename ?? o.name}: ${o.evalue ?? (Array.isArray(o.text) ? o.text.join("") : o.text)}`,
          ),
      );
      assert.deepEqual(problems, [], "error or stderr outputs");
      assert.equal(run.ok, true, "Run All reported a failed cell");
      const widgetOutputs = cells
        .flatMap((c) => c.outputs ?? [])
        .filter((o) => o.data?.["application/vnd.jupyter.widget-view+json"]).length;
      // Outputs below the fold are rendered when scrolled to (JupyterLab's notebook windowing).
      for (const out of await lab.page
        .locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output")
        .all())
        await out.scrollIntoViewIfNeeded();
      // (a RecordingView shows its member views inside it: only outermost views are outputs' views)
      const outermostViews = () =>
        lab.page.evaluate(
          () =>
            [...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .tsnwb")].filter(
              (v) => !v.parentElement?.closest(".tsnwb"),
            ).length,
        );
      await waitFor(
        async () => ((await outermostViews()) >= widgetOutputs ? true : undefined),
        60_000,
        `${widgetOutputs} views drawn`,
      );
      assert.equal(await outermostViews(), widgetOutputs, "one of our views per widget output");
      const errorStatus = await lab.page
        .locator('.jp-NotebookPanel:not(.lm-mod-hidden) .tsnwb-status[data-status="error"]')
        .allTextContents();
      assert.deepEqual(errorStatus, [], "a view reports an error");
      await lab.page
        .locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell")
        .first()
        .scrollIntoViewIfNeeded();
      await lab.screenshot(`notebook-${name.replace(/\.ipynb$/, "")}`);
      assert.deepEqual(lab.consoleErrors.slice(consoleErrorsBefore), [], "console errors");
      await lab.closeNotebook(path);
    });
  }
}

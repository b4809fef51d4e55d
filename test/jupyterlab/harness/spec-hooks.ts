// What every block of view specs does around its tests: skip (saying why) where the tsnwb kernel
// or our widget plugin is missing, and keep a screenshot of the page for each failed test.
import type { NotebookKernel } from "./kernels.js";
import type { LabPage } from "./lab-page.js";

/** Skips the block unless the tsnwb kernel is installed and our widget plugin is bundled. */
export function skipWithoutViews(
  block: Mocha.Context,
  kernel: NotebookKernel,
  sourceExtensions: string[],
): void {
  if (kernel.isTsnwb && sourceExtensions.includes("widgets/src/plugin.ts")) return;
  console.log("      skipped: needs the tsnwb kernel and the bundled widget plugin");
  block.skip();
}

/** After each failed test of the block, a screenshot named after it (test-artifacts/jupyterlab). */
export function screenshotFailures(lab: () => LabPage | undefined): void {
  afterEach(async function () {
    const page = lab();
    if (this.currentTest?.state === "failed" && page)
      await page.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, "-")}`);
  });
}

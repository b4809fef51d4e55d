// Wall-clock times of the suite's steps (install, build, page loads, notebook runs), printed once
// at the end of each suite: they are reported, never asserted.
const rows: Array<{ step: string; ms: number; note?: string }> = [];

export const timings = {
  record(step: string, ms: number, note?: string): void {
    rows.push({ step, ms, note });
  },
  print(): void {
    if (!rows.length) return;
    console.log("\n      JupyterLab e2e timings:");
    for (const r of rows)
      console.log(
        `        ${r.step.padEnd(48)} ${(r.ms / 1000).toFixed(2).padStart(7)} s${r.note ? `  (${r.note})` : ""}`,
      );
    rows.length = 0; // each suite prints its own steps
  },
};

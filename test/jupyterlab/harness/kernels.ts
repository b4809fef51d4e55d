// The kernel the notebooks run on: the tsnwb kernel, registered with its own `tsnwb install
// --prefix DIR` (run on the built CLI, as a user would). Until that command exists in the build,
// stock tslab stands in so the JupyterLab harness itself stays tested; `kernel.isTsnwb` says which.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./paths.js";

export interface NotebookKernel {
  /** kernelspec name for the notebook metadata */
  name: string;
  displayName: string;
  /** the Jupyter data dir to put on JUPYTER_PATH */
  dataDir: string;
  isTsnwb: boolean;
}

export function installKernel(prefix: string): NotebookKernel {
  const dataDir = join(prefix, "share", "jupyter");
  const cli = join(repoRoot, "bin", "tsnwb.js");
  const installer = join(repoRoot, "dist", "kernel-ext", "cli", "commands", "install.js");
  if (existsSync(installer)) {
    const r = spawnSync(process.execPath, [cli, "install", "--prefix", prefix], {
      encoding: "utf8",
    });
    if (r.status !== 0)
      throw new Error(
        `tsnwb install --prefix ${prefix} failed (exit ${r.status}): ${r.stderr}${r.stdout}`,
      );
    const spec = join(dataDir, "kernels", "tsnwb", "kernel.json");
    if (!existsSync(spec)) throw new Error(`tsnwb install --prefix ${prefix} wrote no ${spec}`);
    return { name: "tsnwb", displayName: "TypeScript (NWB)", dataDir, isTsnwb: true };
  }
  const kernelDir = join(dataDir, "kernels", "tslab");
  mkdirSync(kernelDir, { recursive: true });
  const tslab = join(repoRoot, "node_modules", "tslab", "bin", "tslab");
  writeFileSync(
    join(kernelDir, "kernel.json"),
    JSON.stringify({
      argv: [process.execPath, tslab, "kernel", "--config-path", "{connection_file}"],
      display_name: "TypeScript (tslab)",
      language: "typescript",
    }),
  );
  return { name: "tslab", displayName: "TypeScript (tslab)", dataDir, isTsnwb: false };
}

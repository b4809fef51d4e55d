import type { Command } from "../main.js";
import { parseDataDirOptions } from "../data-dir-options.js";
import { dataDir, KERNEL_NAME, uninstallKernelSpec } from "../../kernel/kernelspec.js";
import { uninstallStillFigureTemplate } from "../../models/export/nbconvert/register-template.js";

export const command: Command = {
  summary: "remove the tsnwb kernelspec from Jupyter",
  usage: `usage: tsnwb uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME]

Removes <data dir>/kernels/<NAME>/ (default ${KERNEL_NAME}) and the JupyterLab extension install put there,
and the nbconvert template with the config keys install set (only while they hold install's values).
Data dir options as for \`tsnwb install\`.`,
  async run(args) {
    const options = parseDataDirOptions(args, false);
    const dir = dataDir(options.choice);
    const removed = uninstallKernelSpec(dir, options.name);
    if (removed.length > 0) removed.push(...uninstallStillFigureTemplate(dir));
    if (removed.length === 0)
      throw new Error(`no kernelspec '${options.name ?? KERNEL_NAME}' in ${dir}/kernels`);
    for (const path of removed) console.log(`removed ${path}`);
    return 0;
  },
};

import type { Command } from "../main.js";
import { parseDataDirOptions } from "../../kernel/data-dir-options.js";
import { dataDir, KERNEL_NAME, uninstallKernelSpec } from "../../kernel/kernelspec.js";
import { uninstallStillFigureTemplate } from "../../widgets/export/nbconvert/register-template.js";

export const command: Command = {
  summary: "remove the tsnwb kernelspec from Jupyter",
  usage: `usage: tsnwb uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME]

Removes <data dir>/kernels/<NAME>/ (default ${KERNEL_NAME}) and the JupyterLab extension install put there,
and the nbconvert template with the config keys install set (only while they hold install's values).
Data dir options as for \`tsnwb install\`.`,
  async run(args) {
    let options;
    try {
      options = parseDataDirOptions(args, "uninstall", false);
    } catch (e) {
      console.error((e as Error).message);
      return 2;
    }
    const dir = dataDir(options.choice);
    const removed = uninstallKernelSpec(dir, options.name);
    if (removed.length > 0) removed.push(...uninstallStillFigureTemplate(dir));
    if (removed.length === 0) {
      console.error(`tsnwb uninstall: no kernelspec '${options.name ?? KERNEL_NAME}' in ${dir}/kernels`);
      return 1;
    }
    for (const path of removed) console.log(`removed ${path}`);
    return 0;
  },
};

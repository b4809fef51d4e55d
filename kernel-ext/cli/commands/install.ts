import type { Command } from "../main.js";
import { parseDataDirOptions } from "../data-dir-options.js";
import { jupyterPathAdvice } from "../jupyter-data-path.js";
import { message } from "../message.js";
import { dataDir, DISPLAY_NAME, installKernelSpec, KERNEL_NAME } from "../../kernel/kernelspec.js";

export const command: Command = {
  summary: "register the tsnwb kernel with Jupyter (no Python needed)",
  usage: `usage: tsnwb install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT]

Writes the kernelspec <data dir>/kernels/${KERNEL_NAME}/kernel.json, which runs this tsnwb copy.
  --user          the user's Jupyter data dir: $JUPYTER_DATA_DIR or ~/.local/share/jupyter (default)
  --sys-prefix    <sys.prefix>/share/jupyter of the active virtualenv/conda env ($VIRTUAL_ENV, $CONDA_PREFIX), else /usr
  --prefix DIR    DIR/share/jupyter
  --name NAME     kernelspec name (default ${KERNEL_NAME})
  --display-name  name shown in Jupyter (default "${DISPLAY_NAME}")
When the widgets' JupyterLab extension has been built (dist/labextension), it is installed too.
When Jupyter does not search the data dir (e.g. --prefix DIR), the JUPYTER_PATH to set is printed.`,
  async run(args) {
    const options = parseDataDirOptions(args, true);
    const dir = dataDir(options.choice);
    const result = installKernelSpec(dir, options.name, options.displayName);
    console.log(`installed kernelspec '${options.name ?? KERNEL_NAME}' in ${result.kernelDir}`);
    if (result.labextensionDir) console.log(`installed the JupyterLab extension in ${result.labextensionDir}`);
    const advice = jupyterPathAdvice(dir);
    if (advice.found) console.log(`Jupyter finds it: ${dir} is on its data path`);
    else message("install", `Jupyter does not search ${dir}; for it to find the kernel, set: ${advice.exportLine}`);
    return 0;
  },
};

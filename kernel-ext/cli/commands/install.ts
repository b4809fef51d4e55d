import type { Command } from "../main.js";
import { parseDataDirOptions } from "../data-dir-options.js";
import { jupyterPathAdvice } from "../jupyter-data-path.js";
import { message } from "../message.js";
import { dataDir, DISPLAY_NAME, installKernelSpec, KERNEL_NAME } from "../../kernel/kernelspec.js";
import {
  configDir,
  describeTemplateInstall,
  installStillFigureTemplate,
} from "../../models/export/nbconvert/register-template.js";

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
When Jupyter does not search the data dir (e.g. --prefix DIR), the JUPYTER_PATH to set is printed.
Also installs the nbconvert template tsnwb-lab (<data dir>/nbconvert/templates/) and selects it in
<config dir>/jupyter_nbconvert_config.json (~/.jupyter, <sys.prefix>/etc/jupyter or DIR/etc/jupyter;
keys already set there are kept), so \`jupyter nbconvert --to html\` shows each view's figure offline.`,
  async run(args) {
    const options = parseDataDirOptions(args, true);
    const dir = dataDir(options.choice);
    const result = installKernelSpec(dir, options.name, options.displayName);
    console.log(`installed kernelspec '${options.name ?? KERNEL_NAME}' in ${result.kernelDir}`);
    if (result.labextensionDir)
      console.log(`installed the JupyterLab extension in ${result.labextensionDir}`);
    const advice = jupyterPathAdvice(dir);
    if (advice.found) console.log(`Jupyter finds it: ${dir} is on its data path`);
    else
      message(
        "install",
        `Jupyter does not search ${dir}; for it to find the kernel, set: ${advice.exportLine}`,
      );
    const template = describeTemplateInstall(
      installStillFigureTemplate(dir, configDir(options.choice)),
      options.choice,
    );
    for (const line of template.out) console.log(line);
    if (template.warning) console.error(template.warning);
    return 0;
  },
};

import type { Command } from "../main.js";
import { parseDataDirOptions } from "../../kernel/data-dir-options.js";
import { dataDir, DISPLAY_NAME, installKernelSpec, KERNEL_NAME } from "../../kernel/kernelspec.js";
import { configDir, describeTemplateInstall, installStillFigureTemplate } from "../../widgets/export/nbconvert/register-template.js";

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
Also installs the nbconvert template tsnwb-lab (<data dir>/nbconvert/templates/) and selects it in
<config dir>/jupyter_nbconvert_config.json (~/.jupyter, <sys.prefix>/etc/jupyter or DIR/etc/jupyter;
keys already set there are kept), so \`jupyter nbconvert --to html\` shows each view's figure offline.`,
  async run(args) {
    let options;
    try {
      options = parseDataDirOptions(args, "install", true);
    } catch (e) {
      console.error((e as Error).message);
      return 2;
    }
    const dir = dataDir(options.choice);
    const result = installKernelSpec(dir, options.name, options.displayName);
    console.log(`installed kernelspec '${options.name ?? KERNEL_NAME}' in ${result.kernelDir}`);
    if (result.labextensionDir) console.log(`installed the JupyterLab extension in ${result.labextensionDir}`);
    const template = describeTemplateInstall(installStillFigureTemplate(dir, configDir(options.choice)), options.choice);
    for (const line of template.out) console.log(line);
    if (template.warning) console.error(template.warning);
    return 0;
  },
};

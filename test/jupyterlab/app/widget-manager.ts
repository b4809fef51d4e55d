// The ipywidgets manager for JupyterLab (@jupyter-widgets/jupyterlab-manager). Its own controls
// plugin loads @jupyter-widgets/controls through webpack's require.ensure; under esbuild the
// same registration is done here with a dynamic import().
import { IJupyterWidgetRegistry } from "@jupyter-widgets/base";
import { JUPYTER_CONTROLS_VERSION } from "@jupyter-widgets/controls/lib/version";
import {
  baseWidgetsPlugin,
  managerPlugin,
  outputWidgetPlugin,
} from "@jupyter-widgets/jupyterlab-manager/lib/plugin";

const controlWidgetsPlugin = {
  id: `@jupyter-widgets/jupyterlab-manager:controls-${JUPYTER_CONTROLS_VERSION}`,
  requires: [IJupyterWidgetRegistry],
  autoStart: true,
  activate: (_app: unknown, registry: IJupyterWidgetRegistry): void => {
    registry.registerWidget({
      name: "@jupyter-widgets/controls",
      version: JUPYTER_CONTROLS_VERSION,
      exports: () => import("@jupyter-widgets/controls") as never,
    });
  },
};

export const widgetManagerPlugins = [
  managerPlugin,
  baseWidgetsPlugin,
  controlWidgetsPlugin,
  outputWidgetPlugin,
] as never[];

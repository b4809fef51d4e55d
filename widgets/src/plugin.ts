// The JupyterLab plugin: registers our models and views with the ipywidgets manager
// (jupyterlab_widgets) under MODULE_NAME. Written against the plugin object's shape rather than
// @jupyterlab/application's types (not a dependency here); JupyterLab checks the shape at load.
import { IJupyterWidgetRegistry } from "@jupyter-widgets/base";
import * as ourModule from "./index";
import { MODULE_NAME, MODULE_VERSION } from "./module";

export const tsnwbWidgetsPlugin = {
  id: "tsnwb-widgets:plugin",
  description: "tsnwb views of NWB data (traces, rasters, ROIs, movies, spike–calcium coupling).",
  requires: [IJupyterWidgetRegistry],
  autoStart: true,
  activate(_app: unknown, registry: IJupyterWidgetRegistry): void {
    registry.registerWidget({
      name: MODULE_NAME,
      version: MODULE_VERSION,
      exports: widgetExports(),
    });
  },
};

/** Only the model/view classes: the registry's ExportMap holds classes, nothing else. */
function widgetExports(): Record<string, any> {
  return Object.fromEntries(Object.entries(ourModule).filter(([, v]) => typeof v === "function"));
}

export default tsnwbWidgetsPlugin;

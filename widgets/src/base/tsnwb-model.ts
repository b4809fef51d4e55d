// Base of every tsnwb model: the module/class names a front end needs to find the view. The state
// itself (contract/*.ts) is whatever the kernel model sends; buffers arrive as DataViews in place.
import { DOMWidgetModel } from "@jupyter-widgets/base";
import { MODULE_NAME, MODULE_VERSION } from "../module";

export function modelDefaults(modelName: string, viewName: string): Record<string, unknown> {
  return {
    _model_module: MODULE_NAME,
    _model_module_version: MODULE_VERSION,
    _model_name: modelName,
    _view_module: MODULE_NAME,
    _view_module_version: MODULE_VERSION,
    _view_name: viewName,
    title: "",
    source: { path: "", neurodataType: "" },
    messages: [],
  };
}

export abstract class TsnwbModel extends DOMWidgetModel {
  /** The whole state as the contract types it (the figure renderers take exactly this). */
  stateSnapshot<S>(): S {
    return { ...this.attributes } as S;
  }
}

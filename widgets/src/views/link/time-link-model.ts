import { DOMWidgetModel } from "@jupyter-widgets/base";
import type { ObjectHash } from "backbone";
import { MODULE_NAME } from "../../../../contract/common";
import { TIME_LINK_NAMES, type TimeLinkState } from "../../../../contract/time-link";
import { MODULE_VERSION } from "../../module";

export class TimeLinkModel extends DOMWidgetModel {
  override defaults(): ObjectHash {
    const state: TimeLinkState = {
      title: "",
      source: { path: "", neurodataType: "" },
      messages: [],
      window: null,
      cursor: null,
      members: [],
    };
    return {
      ...super.defaults(),
      _model_module: MODULE_NAME,
      _model_module_version: MODULE_VERSION,
      _model_name: TIME_LINK_NAMES.modelName,
      _view_module: MODULE_NAME,
      _view_module_version: MODULE_VERSION,
      _view_name: TIME_LINK_NAMES.viewName,
      ...state,
    };
  }
}

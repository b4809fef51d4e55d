// Every live widget in the process, by model id, shared by all copies of tsnwb (like ipywidgets'
// Widget.widgets): the control comm answers `request_states` from it, and widgetStateBundle
// follows IPY_MODEL_ references through it.
import { processGlobal } from "../process-global.js";
import type { SeparatedState } from "./buffers.js";

export interface WidgetModelState {
  model_name: string;
  model_module: string;
  model_module_version: string;
  state: Record<string, unknown>;
  buffers: { path: (string | number)[]; encoding: "base64"; data: string }[];
}

/** What the registry needs from a widget; stable across tsnwb copies. */
export interface RegisteredWidget {
  readonly modelId: string;
  /** Full state with binary values separated, model/view names included. */
  wireState(): SeparatedState;
  toJSONState(): WidgetModelState;
}

export function widgetRegistry(): Map<string, RegisteredWidget> {
  return processGlobal("tsnwb.widgets", () => new Map<string, RegisteredWidget>());
}

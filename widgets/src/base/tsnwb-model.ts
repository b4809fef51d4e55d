// Base of every tsnwb model: the module/class names a front end needs to find the view, and a
// serializer that keeps binary state. The state itself (contract/*.ts) is what the kernel model
// sends; buffers arrive as DataViews in place.
import { DOMWidgetModel, type WidgetModel } from "@jupyter-widgets/base";
import { WIDGET_NAMES, type BaseState, type WidgetKind } from "../../../contract/common";
import type { WidgetStates } from "../../../contract/widget-states";
import { MODULE_NAME, MODULE_VERSION } from "../module";

/** The defaults of a `kind` model: the module and class names a front end needs to find its view,
 *  and a value for every key of the widget's state, checked against the contract (a saved state
 *  leaves out the keys equal to these, and gets them back from here). */
export function modelDefaults<K extends WidgetKind>(
  kind: K,
  state: Omit<WidgetStates[K], keyof BaseState>,
): Record<string, unknown> {
  const base: BaseState = { title: "", source: { path: "", neurodataType: "" }, messages: [] };
  return {
    _model_module: MODULE_NAME,
    _model_module_version: MODULE_VERSION,
    _model_name: WIDGET_NAMES[kind].modelName,
    _view_module: MODULE_NAME,
    _view_module_version: MODULE_VERSION,
    _view_name: WIDGET_NAMES[kind].viewName,
    ...base,
    ...state,
  };
}

/** A deep copy in which every ArrayBufferView stays binary, as a DataView over exactly its own
 *  bytes (the widget manager saves a view's whole `.buffer`, so a view into a larger message
 *  buffer would save the wrong bytes). Everything else is copied as JSON would copy it. */
export function copyKeepingBuffers(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (ArrayBuffer.isView(value))
    return new DataView(
      value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer,
    );
  if (value instanceof ArrayBuffer) return new DataView(value.slice(0));
  if (Array.isArray(value))
    return value.map((v) => (v === undefined ? null : copyKeepingBuffers(v)));
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "object") return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function")
    return copyKeepingBuffers((value as { toJSON(): unknown }).toJSON());
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    if (v !== undefined && typeof v !== "function") out[k] = copyKeepingBuffers(v);
  return out;
}

export abstract class TsnwbModel extends DOMWidgetModel {
  /** ipywidgets' default serializer deep-copies through JSON, which turns nested binary state
   *  (lane overviews, contours, images) into `{}` — saved notebook state would lose it. */
  override serialize(state: Record<string, any>): Record<string, any> {
    const serializers = (this.constructor as typeof WidgetModel).serializers ?? {};
    for (const k of Object.keys(state)) {
      const custom = serializers[k]?.serialize;
      state[k] = custom ? custom(state[k], this) : copyKeepingBuffers(state[k]);
    }
    return state;
  }
}

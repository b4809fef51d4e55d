// The `jupyter.widget.control` comm: a front end that (re)loads a page asks for every live widget
// with `request_states` and rebuilds them from one `update_states` reply (ipywidgets ≥ 8).
import { kernelBridge } from "../bridge.js";
import type { BufferPath } from "./buffers.js";
import { widgetRegistry } from "./registry.js";

export const WIDGET_CONTROL_TARGET = "jupyter.widget.control";

export function registerWidgetControl(): void {
  const bridge = kernelBridge();
  if (!bridge) return;
  bridge.registerCommTarget(WIDGET_CONTROL_TARGET, (comm) => {
    comm.onMsg((data) => {
      if (data?.method !== "request_states") {
        throw new Error(
          `${WIDGET_CONTROL_TARGET}: unknown method ${JSON.stringify(data?.method)}; expected request_states`,
        );
      }
      const states: Record<string, unknown> = {};
      const bufferPaths: BufferPath[] = [];
      const buffers: ArrayBufferView[] = [];
      for (const [id, widget] of widgetRegistry()) {
        const wire = widget.wireState();
        states[id] = {
          model_name: wire.state._model_name,
          model_module: wire.state._model_module,
          model_module_version: wire.state._model_module_version,
          state: wire.state,
        };
        wire.bufferPaths.forEach((p, i) => {
          bufferPaths.push([id, "state", ...p]);
          buffers.push(wire.buffers[i]);
        });
      }
      comm.send({ method: "update_states", states, buffer_paths: bufferPaths }, {}, buffers);
    });
  });
}

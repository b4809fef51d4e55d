// application/vnd.jupyter.widget-state+json (version 2.0): the saved state of widgets, for a
// notebook's metadata or a static HTML page rendered with @jupyter-widgets/html-manager.
import { widgetRegistry, type RegisteredWidget, type WidgetModelState } from "./registry.js";

export const WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json";

function referencedIds(value: unknown, out: Set<string>): void {
  if (typeof value === "string") {
    if (value.startsWith("IPY_MODEL_")) out.add(value.slice("IPY_MODEL_".length));
  } else if (Array.isArray(value)) value.forEach((v) => referencedIds(v, out));
  else if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
    Object.values(value).forEach((v) => referencedIds(v, out));
  }
}

/** `widgets` and every widget they reference (directly or through others), each once, with the
 *  JSON state the references were read from. */
export function withReferences(
  widgets: RegisteredWidget[],
): { widget: RegisteredWidget; json: WidgetModelState }[] {
  const registry = widgetRegistry();
  const found = new Map<string, { widget: RegisteredWidget; json: WidgetModelState }>();
  const queue = [...widgets];
  while (queue.length > 0) {
    const w = queue.shift()!;
    if (found.has(w.modelId)) continue;
    const json = w.toJSONState();
    found.set(w.modelId, { widget: w, json });
    const refs = new Set<string>();
    referencedIds(json.state, refs);
    for (const id of refs) {
      const ref = registry.get(id);
      if (!ref)
        throw new Error(
          `widget ${w.modelId} refers to IPY_MODEL_${id}, which is not a live widget (closed?)`,
        );
      if (!found.has(id)) queue.push(ref);
    }
  }
  return [...found.values()];
}

/** State of `widgets` and of every widget they reference (directly or through others). */
export function widgetStateBundle(widgets: RegisteredWidget[]): {
  version_major: 2;
  version_minor: 0;
  state: Record<string, WidgetModelState>;
} {
  const state: Record<string, WidgetModelState> = {};
  for (const { widget, json } of withReferences(widgets)) state[widget.modelId] = json;
  return { version_major: 2, version_minor: 0, state };
}

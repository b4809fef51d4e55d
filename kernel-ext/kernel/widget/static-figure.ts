// A widget's figure as still images, for every place the live view cannot be drawn: GitHub,
// nbviewer, nbconvert without network, editors without the widgets extension. The kernel's display
// paths put it next to the widget-view mime type. Renderers are registered by model name in a
// process-wide table (like the widget registry), so every copy of tsnwb finds the same ones.
import type { MimeBundle } from "../../display/mimebundle.js";
import { processGlobal } from "../process-global.js";
import type { Widget } from "./widget.js";

/** Image mime types → data, with their output metadata (e.g. a PNG's display width). */
export interface StaticFigure {
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

export type StaticFigureRenderer = (widget: Widget<any>) => Promise<StaticFigure>;

function renderers(): Map<string, StaticFigureRenderer> {
  return processGlobal(
    "tsnwb.staticFigureRenderers",
    () => new Map<string, StaticFigureRenderer>(),
  );
}

/** Draws widgets whose model is `modelName`; a later registration for the same name replaces it. */
export function registerStaticFigure(modelName: string, renderer: StaticFigureRenderer): void {
  renderers().set(modelName, renderer);
}

export function staticFigureRenderer(widget: Widget<any>): StaticFigureRenderer | undefined {
  return renderers().get(widget.spec.modelName);
}

// "Save SVG / PNG" draws the figure with the kernel's own renderers (render/), so a file
// saved in the browser is the figure `saveFigure(widget, …)` writes headlessly — except that lane
// views pass the window they show now instead of the kernel's.
import type { WidgetKind } from "../../../contract/common";
import type { LaneSlice } from "../../../contract/trace";
import { renderFigureSvg } from "../../../render/figure";

/** What a view hands over: its model's state, plus (lane views) the window data shown now. */
export interface FigureInput {
  state: Record<string, unknown>;
  slices?: Record<string, LaneSlice>;
}

export function renderFigure(kind: WidgetKind, input: FigureInput): string {
  return renderFigureSvg(kind, input.state, { slices: input.slices });
}

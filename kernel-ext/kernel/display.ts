// display(obj) for notebook code: shows any value in the running cell's output area, with its own
// [mimeBundle]() when it has one, else as text. Outside a kernel it prints the text form. A widget
// with a registered still figure is shown with it, and its output's image follows the view.
import { inspect } from "node:util";
import { hasMimeBundle, mimeBundle, type MimeBundle } from "../display/mimebundle.js";
import { kernelBridge } from "./bridge.js";
import { FigureOutputs, figureOutputs } from "./widget/figure-outputs.js";

/** The bundle a value is shown with: its own [mimeBundle]() (text/plain added when missing) or util.inspect text. */
export function toMimeBundle(value: unknown): MimeBundle {
  if (hasMimeBundle(value)) {
    const own = value[mimeBundle]();
    return "text/plain" in own ? own : { "text/plain": inspectText(value), ...own };
  }
  return { "text/plain": inspectText(value) };
}

function inspectText(value: unknown): string {
  return inspect(value, { depth: 4, maxArrayLength: 100, breakLength: 100 });
}

export interface DisplayOptions {
  /** Names the output so a later display(…, { displayId, update: true }) replaces it in place. */
  displayId?: string;
  update?: boolean;
  metadata?: Record<string, unknown>;
}

export function display(value: unknown, options: DisplayOptions = {}): void {
  const bridge = kernelBridge();
  const widget =
    bridge && !options.metadata && (!options.update || options.displayId)
      ? FigureOutputs.widgetWithFigure(value)
      : undefined;
  if (widget) return figureOutputs().showNow(widget, options.displayId, options.update === true);
  const bundle = toMimeBundle(value);
  if (bridge) bridge.displayBundle(bundle, options);
  else console.log(String(bundle["text/plain"]));
}

/**
 * Shows a cell's last value: a widget with a still figure as display_data that carries the figure
 * and a display_id (so the image can follow the view), anything else through `executeResult`.
 * Returns the value's text form, for the history.
 */
export async function showCellResult(
  value: unknown,
  executeResult: (bundle: MimeBundle) => void,
): Promise<string> {
  const widget = kernelBridge() ? FigureOutputs.widgetWithFigure(value) : undefined;
  if (widget) {
    await figureOutputs().showComplete(widget);
    return String(widget[mimeBundle]()["text/plain"]);
  }
  const bundle = toMimeBundle(value);
  executeResult(bundle);
  return String(bundle["text/plain"]);
}

/** Clears the current cell's output (after the next output arrives, when `wait`). */
export function clearOutput(wait = false): void {
  kernelBridge()?.clearOutput(wait);
}

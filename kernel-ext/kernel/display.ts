// display(obj) for notebook code: shows any value in the running cell's output area, with its own
// [mimeBundle]() when it has one, else as text. Outside a kernel it prints the text form.
import { inspect } from "node:util";
import { hasMimeBundle, mimeBundle, type MimeBundle } from "../display/mimebundle.js";
import { kernelBridge } from "./bridge.js";

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
  const bundle = toMimeBundle(value);
  const bridge = kernelBridge();
  if (bridge) bridge.displayBundle(bundle, options);
  else console.log(String(bundle["text/plain"]));
}

/** Clears the current cell's output (after the next output arrives, when `wait`). */
export function clearOutput(wait = false): void {
  kernelBridge()?.clearOutput(wait);
}

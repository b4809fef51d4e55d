// One cell's widgets in report.html: its CouplingView, its inference TraceView and, when the
// recording has a movie, the MovieView — the trace and the movie share the recording's clock, so
// they are time-linked (the page's cursor moves both, over the movie's preview frames, no kernel).
import { Widget } from "../kernel/widget/widget.js";
import { linkTime } from "../models/link/time-link-model.js";
import type { FileResult } from "./analyze-file.js";

/** The cell's widgets in page order; a link made between them goes into `links` (to close). */
export function cellWidgets(
  r: Pick<FileResult, "widget" | "inferenceWidget" | "movieWidget">,
  links: Widget<object>[],
): Widget<object>[] {
  const coupling = new Widget(r.widget.spec, r.widget.state);
  const inference = new Widget(r.inferenceWidget.spec, r.inferenceWidget.state);
  if (!r.movieWidget) return [coupling, inference];
  const movie = new Widget(r.movieWidget.spec, r.movieWidget.state);
  links.push(linkTime(inference, movie));
  return [coupling, inference, movie];
}

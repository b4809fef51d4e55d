// A lanes plot as a time-link member (TraceView, CouplingView's left panel): the link's window
// moves the plot and fetches that window; its cursor is drawn on the plot, with a note when it
// lies outside the lanes' full range; `onCursor` lets the view draw more at the cursor.
import type { WidgetModel } from "@jupyter-widgets/base";
import { cursorOutsideNote } from "../../../../contract/time-link";
import { TimeLinkFollower } from "../link/time-link-follower";
import { sameRange } from "../link/same-range";
import type { LanesPlot } from "./lanes-plot";
import type { WindowFetcher } from "./window-fetcher";

export function followLinkWithLanes(
  model: WidgetModel,
  plot: LanesPlot,
  fetcher: WindowFetcher,
  el: HTMLElement,
  view: {
    fullRange(): [number, number];
    note(text: string): void;
    onCursor?(t: number | null): void;
  },
): TimeLinkFollower {
  const showCursor = (t: number | null): void => {
    plot.setCursor(t);
    const full = view.fullRange();
    view.note(t !== null && (t < full[0] || t > full[1]) ? cursorOutsideNote(t, full) : "");
    view.onCursor?.(t);
  };
  return new TimeLinkFollower(model, {
    window: (range) => {
      if (sameRange(range, plot.xRange)) return;
      plot.setXRange(range);
      fetcher.request(plot.xRange);
    },
    cursor: showCursor,
    linked: (on) => {
      el.dataset.linked = String(on);
      if (!on) showCursor(null);
    },
  });
}

// TraceView: lanes on one linked time axis. Every pan/zoom asks the kernel for the visible window
// decimated to the plot's pixel width (newer requests supersede older ones) and draws the reply;
// with no kernel (a saved page) it shows the stored overviews.
import type { TraceState } from "../../../../contract/trace";
import { button } from "../../base/dom";
import { TsnwbView } from "../../base/tsnwb-view";
import type { FigureInput } from "../../base/figures";
import { LanesPlot } from "../lanes/lanes-plot";
import { WindowFetcher } from "../lanes/window-fetcher";
import type { TimeLinkFollower } from "../link/time-link-follower";
import { followLinkWithLanes } from "../lanes/lanes-link";
import { sameRange } from "../link/same-range";

export class TraceView extends TsnwbView<TraceState> {
  protected readonly kind = "trace";
  private plot!: LanesPlot;
  private fetcher!: WindowFetcher;
  private resize?: ResizeObserver;
  private link!: TimeLinkFollower;

  protected build(): void {
    this.plot = new LanesPlot({
      onWindow: (range, final) => {
        this.fetcher.request(range);
        this.link.setWindow(range, final);
        if (final) this.setState({ xRange: range });
      },
      onClick: (t) => this.link.setCursor(t),
      onYRange: (laneId, range) =>
        this.setState({ yRanges: { ...this.get("yRanges"), [laneId]: range } }),
    });
    this.fetcher = new WindowFetcher(this.model, this.plot, this.el, (text, kind) =>
      this.setStatus(text, kind),
    );
    this.toolbar.append(button("Reset zoom", () => this.plot.reset(), "tsnwb-reset"));
    this.body.appendChild(this.plot.element);
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(this.el);
    this.link = followLinkWithLanes(this.model, this.plot, this.fetcher, this.el, {
      fullRange: () => this.get("fullRange"),
      note: (text) => this.setLinkNote(text),
    });
  }

  private fit(): void {
    const w = this.el.clientWidth;
    if (w > 0 && Math.abs(w - this.plot.element.clientWidth) > 2) {
      this.plot.setWidth(w);
      this.fetcher.request(this.plot.xRange);
    }
  }

  protected draw(changed: Set<keyof TraceState>, byThisView: boolean): void {
    if (changed.has("lanes") || changed.has("fullRange")) {
      this.plot.setLanes(this.get("lanes"), this.get("fullRange"), this.get("yRanges") ?? {});
      const problems = this.fetcher.drawOverviews(this.get("lanes"));
      if (problems.length) this.setStatus(problems.join(" "), "error");
      this.el.dataset.laneCount = String(this.get("lanes").length);
      this.plot.setXRange(this.get("xRange"));
      this.fetcher.request(this.plot.xRange);
      return;
    }
    if (changed.has("yRanges") && !byThisView) this.plot.setYRanges(this.get("yRanges") ?? {});
    // (a linked view is already at the window the kernel copies into its xRange)
    if (changed.has("xRange") && !byThisView && !sameRange(this.get("xRange"), this.plot.xRange)) {
      this.plot.setXRange(this.get("xRange"));
      this.fetcher.request(this.plot.xRange);
    }
  }

  protected override adoptDrawing(predecessor: TsnwbView<TraceState>): void {
    if (predecessor instanceof TraceView) this.plot.setSlices(predecessor.plot.drawnSlices());
  }

  protected override figureInput(): FigureInput {
    return {
      state: {
        ...this.model.attributes,
        xRange: this.plot.xRange,
        cursor: this.link.linked ? this.link.cursor : null,
      },
      slices: this.plot.currentSlices(),
    };
  }

  protected override release(): void {
    this.resize?.disconnect();
    this.fetcher.dispose();
    this.link.dispose();
  }

  override remove(): void {
    this.release();
    return super.remove();
  }
}

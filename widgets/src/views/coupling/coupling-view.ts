// CouplingView: how spikes become calcium. Left, voltage, detected spikes and ΔF/F of one cell on
// one time axis (zoomed through the TraceView window protocol); right, event-triggered ΔF/F per AP
// count with fitted rise/decay, for the cell or per indicator group; below, the cell's events as an
// aligned heat map (AlignedView's rows). A time-link member: the left panel takes the link's
// window and cursor (session time); clicking an event row moves the cursor to that event.
import type { CouplingState } from "../../../../contract/coupling";
import { button, h, svgEl } from "../../base/dom";
import { TsnwbView } from "../../base/tsnwb-view";
import type { FigureInput } from "../../base/figures";
import { LanesPlot } from "../lanes/lanes-plot";
import { WindowFetcher } from "../lanes/window-fetcher";
import { drawTriggeredAverages } from "./triggered-averages";
import type { TimeLinkFollower } from "../link/time-link-follower";
import { followLinkWithLanes } from "../lanes/lanes-link";
import { drawEventRows } from "./event-rows";

export class CouplingView extends TsnwbView<CouplingState> {
  protected readonly kind = "coupling";
  private plot!: LanesPlot;
  private fetcher!: WindowFetcher;
  private averages!: HTMLElement;
  private cellSelect!: HTMLSelectElement;
  private eventRows!: SVGSVGElement;
  private link!: TimeLinkFollower;

  protected build(): void {
    this.plot = new LanesPlot({
      onWindow: (range, final) => {
        this.fetcher.request(range);
        this.link.setWindow(range, final);
        if (final) this.setState({ xRange: range });
      },
      onClick: (t) => this.link.setCursor(t),
      onYRange: () => undefined,
    });
    this.plot.setWidth(540);
    this.fetcher = new WindowFetcher(this.model, this.plot, this.el, (text, kind) =>
      this.setStatus(text, kind),
    );
    this.cellSelect = h("select", { class: "tsnwb-cell" });
    this.cellSelect.addEventListener("change", () =>
      this.setState({ cellIndex: Number(this.cellSelect.value) }),
    );
    this.toolbar.append(
      h("label", { text: "cell " }, [this.cellSelect]),
      button("Reset zoom", () => this.plot.reset(), "tsnwb-reset"),
    );
    this.averages = h("div", { class: "tsnwb-averages" });
    const row = h("div", { class: "tsnwb-coupling-panels" }, [this.plot.element, this.averages]);
    row.style.display = "flex";
    row.style.gap = "12px";
    row.style.alignItems = "flex-start";
    this.eventRows = svgEl("svg", { class: "tsnwb-coupling-events" });
    this.body.append(row, this.eventRows);
    this.link = followLinkWithLanes(this.model, this.plot, this.fetcher, this.el, {
      fullRange: () => this.get("fullRange"),
      note: (text) => this.setLinkNote(text),
      onCursor: () => this.drawEvents(),
    });
  }

  private drawEvents(): void {
    drawEventRows(this.eventRows, this.model.attributes as CouplingState, {
      cursor: this.link?.linked ? this.link.cursor : null,
      onRow: (trial) => this.link.setCursor(trial.time),
    });
    this.el.dataset.eventRows = String((this.get("events")?.trials ?? []).length);
  }

  protected draw(changed: Set<keyof CouplingState>, byThisView: boolean): void {
    if (changed.has("cells") || changed.has("cellIndex")) {
      const cells = this.get("cells") ?? [];
      this.cellSelect.replaceChildren(
        ...cells.map((c, i) =>
          h("option", {
            text: c.group ? `${c.label} (${c.group})` : c.label,
            attrs: { value: String(i) },
          }),
        ),
      );
      this.cellSelect.value = String(this.get("cellIndex"));
      this.cellSelect.disabled = cells.length < 2;
    }
    if (changed.has("lanes") || changed.has("fullRange")) {
      this.plot.setLanes(this.get("lanes") ?? [], this.get("fullRange"), {});
      const problems = this.fetcher.drawOverviews(this.get("lanes") ?? []);
      if (problems.length) this.setStatus(problems.join(" "), "error");
      this.plot.setXRange(this.get("xRange"));
      this.fetcher.request(this.plot.xRange);
    } else if (changed.has("xRange") && !byThisView) {
      this.plot.setXRange(this.get("xRange"));
      this.fetcher.request(this.plot.xRange);
    }
    if (changed.has("events") || changed.has("lags")) this.drawEvents();
    if (changed.has("groups") || changed.has("lags")) {
      drawTriggeredAverages(this.averages, this.get("lags"), this.get("groups") ?? []).catch((e) =>
        this.setStatus(`Could not draw the triggered averages: ${(e as Error).message}`, "error"),
      );
    }
  }

  protected override adoptDrawing(predecessor: TsnwbView<CouplingState>): void {
    if (predecessor instanceof CouplingView) this.plot.setSlices(predecessor.plot.drawnSlices());
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
    this.fetcher.dispose();
    this.link.dispose();
  }

  override remove(): void {
    this.release();
    return super.remove();
  }
}

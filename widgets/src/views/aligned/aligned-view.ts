// AlignedView: a signal around event times — the trials heat map (rows in the kernel's order,
// groups separated and labelled) above each group's mean ± s.e.m., on one lag axis. The group-by
// and sort-by controls set the synced `groupBy` / `sortBy`; the kernel regroups.
import { axisBottom, axisLeft } from "d3-axis";
import { scaleLinear } from "d3-scale";
import { select } from "d3-selection";
import type { AlignedState } from "../../../../contract/aligned";
import { asFloat32 } from "../../../../contract/typed-arrays";
import { alignedValueLabel, heatmapHeight } from "../../../../render/aligned-heatmap";
import { meanSemExtent, meanSemPaths } from "../../../../render/mean-sem";
import { svgEl } from "../../base/dom";
import { TsnwbView } from "../../base/tsnwb-view";
import { TimeLinkFollower } from "../link/time-link-follower";
import { drawHeatmapRows } from "./heatmap-rows";
import { ColumnControls } from "../grouping/column-controls";

const MARGIN = { left: 130, right: 16, top: 6, bottom: 30 };
const AVG_HEIGHT = 160;

export class AlignedView extends TsnwbView<AlignedState> {
  protected readonly kind = "aligned";
  private svg!: SVGSVGElement;
  private controls!: ColumnControls;
  private link!: TimeLinkFollower;

  protected build(): void {
    this.controls = new ColumnControls(this.toolbar, (key, column) =>
      this.setState({ [key]: column }),
    );
    this.svg = svgEl("svg", { class: "tsnwb-aligned-plot" });
    this.body.appendChild(this.svg);
    // A time-link member by its cursor only: its x axis is time from the event, not session time,
    // so the link's window does not apply. Clicking a row moves the cursor to that event.
    this.link = new TimeLinkFollower(this.model, {
      window: () => undefined,
      cursor: (t) => {
        this.el.dataset.cursor = t === null ? "" : String(t);
        this.plot();
      },
      linked: (on) => {
        this.el.dataset.linked = String(on);
        // out of a link the view has no cursor (the link does not call back on leaving)
        if (!on) this.el.dataset.cursor = "";
        this.plot();
      },
    });
  }

  protected override release(): void {
    this.link.dispose();
  }

  override remove(): void {
    this.release();
    return super.remove();
  }

  protected draw(changed: Set<keyof AlignedState>): void {
    if (changed.has("columns") || changed.has("groupBy") || changed.has("sortBy"))
      this.controls.update(this.get("columns") ?? [], {
        groupBy: this.get("groupBy"),
        sortBy: this.get("sortBy"),
      });
    this.plot();
  }

  private plot(): void {
    const state = this.model.attributes as AlignedState;
    const lags = asFloat32(state.lags);
    const trials = state.trials ?? [];
    const groups = state.groups ?? [];
    const width = Math.max(400, Math.min(960, this.el.clientWidth || 900));
    const plotW = width - MARGIN.left - MARGIN.right;
    const mapH = heatmapHeight(trials.length);
    const avgTop = MARGIN.top + mapH + 16;
    const height = avgTop + AVG_HEIGHT + MARGIN.bottom + 14;
    const domain: [number, number] =
      lags.length > 1 ? [lags[0]!, lags[lags.length - 1]!] : state.window;
    const x = scaleLinear().domain(domain).range([0, plotW]);
    this.svg.replaceChildren();
    this.svg.setAttribute("width", String(width));
    this.svg.setAttribute("height", String(height));

    const map = svgEl("g", {
      class: "tsnwb-aligned-trials",
      transform: `translate(${MARGIN.left},${MARGIN.top})`,
    });
    const cursor = this.link?.linked ? this.link.cursor : null;
    drawHeatmapRows(map, state, {
      x,
      plotW,
      height: mapH,
      cursor,
      onRow: (trial) => this.link.setCursor(trial.time),
    });
    this.el.dataset.rows = String(trials.length);

    let [lo, hi] = meanSemExtent(
      groups.map((g) => ({ mean: asFloat32(g.mean), sem: asFloat32(g.sem) })),
    );
    if (!(hi > lo)) [lo, hi] = Number.isFinite(lo) ? [lo - 0.5, lo + 0.5] : [0, 1];
    const y = scaleLinear()
      .domain([lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05])
      .range([AVG_HEIGHT, 0]);
    const avg = svgEl("g", {
      class: "tsnwb-aligned-averages",
      transform: `translate(${MARGIN.left},${avgTop})`,
    });
    groups.forEach((g, gi) => {
      const { band, mean } = meanSemPaths(lags, asFloat32(g.mean), asFloat32(g.sem), x, y, null);
      const legend = svgEl("text", {
        x: plotW - 4,
        y: 12 + gi * 13,
        "text-anchor": "end",
        "font-size": 10,
        fill: g.color,
      });
      legend.textContent = `${g.label}: n = ${g.trialCount}`;
      avg.append(
        svgEl("path", {
          class: "tsnwb-sem",
          d: band ?? "",
          fill: g.color,
          "fill-opacity": 0.2,
        }),
        svgEl("path", {
          class: "tsnwb-mean",
          "data-group": g.label,
          d: mean ?? "",
          fill: "none",
          stroke: g.color,
          "stroke-width": 1.5,
        }),
        legend,
      );
    });
    const yAxis = svgEl("g");
    select(yAxis).call(axisLeft(y).ticks(4));
    const yLabel = svgEl("text", {
      x: -60,
      y: AVG_HEIGHT / 2,
      "font-size": 10,
      "text-anchor": "middle",
      transform: `rotate(-90 -60 ${AVG_HEIGHT / 2})`,
    });
    yLabel.textContent = alignedValueLabel(state);
    avg.append(yAxis, yLabel);
    const xAxis = svgEl("g", { transform: `translate(${MARGIN.left},${avgTop + AVG_HEIGHT})` });
    select(xAxis).call(axisBottom(x).ticks(8));
    const xLabel = svgEl("text", {
      x: MARGIN.left + plotW / 2,
      y: height - 2,
      "font-size": 10,
      "text-anchor": "middle",
    });
    xLabel.textContent = `time from ${state.alignment.label} (s)`;
    this.svg.append(map, avg, xAxis, xLabel);
    // The mean lines' y scale, for checking drawn values against the state.
    this.el.dataset.yDomain = y.domain().join(",");
    this.setStatus(
      `${trials.length} of ${state.alignment.eventCount} events · ${groups.length} group${groups.length === 1 ? "" : "s"}` +
        (state.groupBy ? ` by ${state.groupBy}` : "") +
        (state.sortBy ? ` · sorted by ${state.sortBy}` : ""),
    );
  }
}

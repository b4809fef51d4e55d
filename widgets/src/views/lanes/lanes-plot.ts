// Several lanes on one linked time axis (TraceView, and the left panel of CouplingView): pan and
// zoom with the mouse (x only), reset, a hover readout, and per-lane autoscale. The plot only
// draws the slices it is given; asking the kernel for a window is the owner's job (`onWindow`).
import { axisBottom, axisLeft } from "d3-axis";
import { scaleLinear, type ScaleLinear } from "d3-scale";
import { select } from "d3-selection";
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from "d3-zoom";
import type { LaneSlice, TraceLane } from "../../../../contract/trace";
import { fmt, h, svgEl } from "../../base/dom";
import { nearest, visibleExtent, type DecodedSlice } from "./slice";

const MARGIN = { left: 120, right: 12, top: 6, bottom: 26 };
const LINE_HEIGHT = 80;
const EVENTS_HEIGHT = 30;
const GAP = 8;

interface LaneGeometry {
  lane: TraceLane;
  top: number;
  height: number;
  y: ScaleLinear<number, number>;
  group: SVGGElement;
  path: SVGPathElement;
  axis: SVGGElement;
  auto: HTMLButtonElement;
  empty: SVGTextElement;
}

export interface LanesPlotOptions {
  /** Called while the user pans/zooms (every frame at most) and when they stop (`final`). */
  onWindow(range: [number, number], final: boolean): void;
  /** The user toggled a lane's autoscale: the fixed range, or null for autoscale. */
  onYRange(laneId: string, range: [number, number] | null): void;
  /** The user clicked (without dragging) at time `t`. */
  onClick?(t: number): void;
}

export class LanesPlot {
  readonly element: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly overlay: SVGRectElement;
  /** Holds the overlay at the plot's origin: d3-zoom reads pointer positions in this frame, so the
   *  time under the pointer stays put when zooming (the label margin is not part of the plot). */
  private readonly overlayFrame: SVGGElement;
  private readonly xAxis: SVGGElement;
  private readonly clipRect: SVGRectElement;
  private readonly readout: HTMLElement;
  private readonly cursorLine: SVGLineElement;
  private cursor: number | null = null;
  private readonly controls: HTMLElement;
  private lanes: LaneGeometry[] = [];
  private slices = new Map<string, DecodedSlice>();
  private yRanges: Record<string, [number, number] | null> = {};
  private full: [number, number] = [0, 1];
  private x = scaleLinear();
  private width = 900;
  private zoomBehavior: ZoomBehavior<SVGRectElement, unknown>;
  private programmatic = false;
  private frame = 0;
  private static clipCount = 0;
  private readonly clipId = `tsnwb-clip-${++LanesPlot.clipCount}`;

  constructor(private readonly options: LanesPlotOptions) {
    this.svg = svgEl("svg", { class: "tsnwb-lanes" });
    const defs = svgEl("defs");
    const clip = svgEl("clipPath", { id: this.clipId });
    this.clipRect = svgEl("rect");
    clip.appendChild(this.clipRect);
    defs.appendChild(clip);
    this.xAxis = svgEl("g", { class: "tsnwb-x-axis" });
    this.overlay = svgEl("rect", {
      class: "tsnwb-overlay",
      fill: "transparent",
      cursor: "crosshair",
    });
    this.overlayFrame = svgEl("g", { class: "tsnwb-overlay-frame" });
    this.cursorLine = svgEl("line", { class: "tsnwb-cursor-line", y1: 0 });
    this.cursorLine.style.display = "none";
    this.overlayFrame.append(this.overlay, this.cursorLine);
    this.svg.append(defs, this.xAxis, this.overlayFrame);
    this.readout = h("div", { class: "tsnwb-readout" });
    this.controls = h("div", { class: "tsnwb-lane-controls" });
    this.element = h("div", { class: "tsnwb-lanes-plot tsnwb-canvas-stack" }, [
      this.svg,
      this.controls,
      this.readout,
    ]);

    this.zoomBehavior = zoom<SVGRectElement, unknown>()
      .scaleExtent([1, 1e9])
      .on("zoom", (e: D3ZoomEvent<SVGRectElement, unknown>) => this.zoomed(e, false))
      .on("end", (e: D3ZoomEvent<SVGRectElement, unknown>) => this.zoomed(e, true));
    select(this.overlay).call(this.zoomBehavior).on("dblclick.zoom", null);
    this.overlay.addEventListener("mousemove", (e) => this.hover(e));
    // d3-zoom swallows the click that ends a drag, so this is a click in place
    this.overlay.addEventListener("click", (e) => {
      const px = e.clientX - this.overlay.getBoundingClientRect().left;
      this.options.onClick?.(this.x.invert(px));
    });
    this.overlay.addEventListener("mouseleave", () => (this.readout.style.display = "none"));
  }

  /** Plot width in CSS pixels (excluding lane labels). */
  get plotWidth(): number {
    return Math.max(50, this.width - MARGIN.left - MARGIN.right);
  }

  get xRange(): [number, number] {
    const [a, b] = this.x.domain();
    return [a, b];
  }

  setWidth(width: number): void {
    if (width > 0 && Math.abs(width - this.width) >= 1) {
      const range = this.xRange;
      this.width = width;
      this.layout();
      this.setXRange(range);
    }
  }

  setLanes(
    lanes: TraceLane[],
    fullRange: [number, number],
    yRanges: Record<string, [number, number] | null>,
  ): void {
    this.full = fullRange[1] > fullRange[0] ? fullRange : [fullRange[0], fullRange[0] + 1];
    this.yRanges = { ...yRanges };
    for (const g of this.lanes) g.group.remove();
    this.controls.replaceChildren();
    let top = MARGIN.top;
    this.lanes = lanes.map((lane) => {
      const height = lane.kind === "events" ? EVENTS_HEIGHT : LINE_HEIGHT;
      const group = svgEl("g", {
        class: "tsnwb-lane",
        "data-lane": lane.id,
        "data-kind": lane.kind,
      });
      const label = svgEl("text", {
        x: 4 - MARGIN.left,
        y: 12,
        class: "tsnwb-lane-label",
        "font-size": 11,
      });
      const fullLabel = lane.unit ? `${lane.label} (${lane.unit})` : lane.label;
      // long labels are cut to the label column; the whole text is the tooltip
      label.textContent = fullLabel.length > 20 ? `${fullLabel.slice(0, 19)}…` : fullLabel;
      const labelBox = svgEl("g", { class: "tsnwb-lane-label-box" });
      const tip = svgEl("title");
      tip.textContent = fullLabel;
      labelBox.append(tip, label);
      const axis = svgEl("g", { class: "tsnwb-y-axis" });
      const body = svgEl("g", { "clip-path": `url(#${this.clipId})` });
      const path = svgEl("path", {
        class: "tsnwb-lane-path",
        fill: "none",
        stroke: lane.color || "#333",
        "stroke-width": 1,
      });
      const empty = svgEl("text", {
        class: "tsnwb-lane-empty",
        "font-size": 11,
        fill: "#999",
        "text-anchor": "middle",
      });
      body.appendChild(path);
      // what is missing in this lane ("3 NaN gaps", "no samples"), at its top right
      const note = svgEl("text", {
        class: "tsnwb-lane-note",
        "font-size": 10,
        fill: "#8a5a00",
        "text-anchor": "end",
        y: 10,
      });
      note.textContent = lane.messages.join("; ");
      group.append(labelBox, axis, body, empty, note);
      this.svg.insertBefore(group, this.overlayFrame);
      const auto = h("button", {
        class: "tsnwb-button tsnwb-autoscale",
        text: "auto y",
        title: "autoscale this lane to the visible data",
      });
      auto.dataset.lane = lane.id;
      auto.style.position = "absolute";
      auto.style.left = "4px";
      auto.style.top = `${top + 18}px`;
      auto.style.fontSize = "10px";
      if (lane.kind === "events") auto.style.display = "none";
      auto.addEventListener("click", () => this.toggleAutoscale(lane.id));
      this.controls.appendChild(auto);
      const geometry: LaneGeometry = {
        lane,
        top,
        height,
        y: scaleLinear(),
        group,
        path,
        axis,
        auto,
        empty,
      };
      top += height + GAP;
      return geometry;
    });
    for (const id of Object.keys(this.slices))
      if (!lanes.some((l) => l.id === id)) this.slices.delete(id);
    this.layout();
  }

  setYRanges(yRanges: Record<string, [number, number] | null>): void {
    this.yRanges = { ...yRanges };
    this.redraw();
  }

  setSlices(slices: DecodedSlice[]): void {
    for (const s of slices) this.slices.set(s.header.laneId, s);
    this.redraw();
  }

  /** The decoded slices drawn now (a view that replaces this one starts from them). */
  drawnSlices(): DecodedSlice[] {
    return [...this.slices.values()];
  }

  slice(laneId: string): DecodedSlice | undefined {
    return this.slices.get(laneId);
  }

  /** The slices drawn now, in the contract's form (what the figure renderer takes). */
  currentSlices(): Record<string, LaneSlice> {
    const out: Record<string, LaneSlice> = {};
    for (const [id, s] of this.slices) out[id] = { ...s.header, data: s.data };
    return out;
  }

  /** Shows [t0, t1] without asking anyone for data (the caller decides that). */
  setXRange(range: [number, number]): void {
    const [f0, f1] = this.full;
    const t0 = Math.max(f0, Math.min(range[0], range[1]));
    const t1 = Math.min(f1, Math.max(range[0], range[1]));
    const span = t1 > t0 ? t1 - t0 : f1 - f0;
    const k = (f1 - f0) / span;
    const base = scaleLinear().domain(this.full).range([0, this.plotWidth]);
    const t = zoomIdentity.scale(k).translate(-base(t1 > t0 ? t0 : f0), 0);
    this.programmatic = true;
    select(this.overlay).call(this.zoomBehavior.transform, t);
    this.programmatic = false;
    // exactly the asked window (the transform's round trip would add float noise)
    this.x = t1 > t0 ? scaleLinear().domain([t0, t1]).range([0, this.plotWidth]) : t.rescaleX(base);
    this.redraw();
  }

  /** Draws the linked cursor at `t` (null: none); only the line moves, nothing is redrawn. */
  setCursor(t: number | null): void {
    this.cursor = t;
    this.placeCursor();
  }

  private placeCursor(): void {
    const t = this.cursor;
    const [t0, t1] = this.xRange;
    const shown = t !== null && t >= t0 && t <= t1;
    this.cursorLine.style.display = shown ? "" : "none";
    this.element.dataset.cursor = t === null ? "" : String(t);
    if (!shown) return;
    const px = String(Math.round(this.x(t) * 10) / 10);
    this.cursorLine.setAttribute("x1", px);
    this.cursorLine.setAttribute("x2", px);
    this.element.dataset.cursorPx = px;
  }

  reset(): void {
    this.setXRange(this.full);
    this.options.onWindow(this.full, true);
  }

  private layout(): void {
    const last = this.lanes[this.lanes.length - 1];
    const lanesBottom = last ? last.top + last.height : MARGIN.top + 20;
    const height = lanesBottom + MARGIN.bottom;
    this.svg.setAttribute("width", String(this.width));
    this.svg.setAttribute("height", String(height));
    this.element.style.width = `${this.width}px`;
    this.element.style.height = `${height}px`;
    for (const g of this.lanes) {
      g.group.setAttribute("transform", `translate(${MARGIN.left},${g.top})`);
    }
    this.clipRect.setAttribute("width", String(this.plotWidth));
    this.clipRect.setAttribute("height", String(LINE_HEIGHT));
    this.clipRect.setAttribute("y", "0");
    this.overlayFrame.setAttribute("transform", `translate(${MARGIN.left},${MARGIN.top})`);
    this.overlay.setAttribute("width", String(this.plotWidth));
    this.overlay.setAttribute("height", String(Math.max(10, lanesBottom - MARGIN.top)));
    this.cursorLine.setAttribute("y2", String(Math.max(10, lanesBottom - MARGIN.top)));
    this.xAxis.setAttribute("transform", `translate(${MARGIN.left},${lanesBottom + 2})`);
    this.zoomBehavior
      .extent([
        [0, 0],
        [this.plotWidth, height],
      ])
      .translateExtent([
        [0, 0],
        [this.plotWidth, height],
      ]);
    this.x = this.x.copy().range([0, this.plotWidth]);
  }

  private zoomed(e: D3ZoomEvent<SVGRectElement, unknown>, final: boolean): void {
    if (this.programmatic) return;
    const base = scaleLinear().domain(this.full).range([0, this.plotWidth]);
    this.x = e.transform.rescaleX(base);
    this.redraw();
    if (final) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
      this.options.onWindow(this.xRange, true);
    } else if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.options.onWindow(this.xRange, false);
      });
    }
  }

  private toggleAutoscale(laneId: string): void {
    const g = this.lanes.find((l) => l.lane.id === laneId);
    if (!g) return;
    const fixed = this.yRanges[laneId];
    const next: [number, number] | null = fixed ? null : (g.y.domain() as [number, number]);
    this.yRanges[laneId] = next;
    this.options.onYRange(laneId, next);
    this.redraw();
  }

  redraw(): void {
    const [t0, t1] = this.xRange;
    const x = this.x;
    select(this.xAxis).call(axisBottom(x).ticks(Math.max(2, Math.round(this.plotWidth / 90))));
    this.xAxis.dataset.domain = `${t0},${t1}`;
    this.placeCursor();
    for (const g of this.lanes) {
      const s = this.slices.get(g.lane.id) ?? null;
      const fixed = this.yRanges[g.lane.id] ?? null;
      g.auto.classList.toggle("tsnwb-on", !fixed);
      g.auto.textContent = fixed ? "fixed y" : "auto y";
      g.empty.setAttribute("x", String(this.plotWidth / 2));
      g.group.querySelector(".tsnwb-lane-note")?.setAttribute("x", String(this.plotWidth - 4));
      g.empty.setAttribute("y", String(g.height / 2));
      const points = s ? s.header.count : 0;
      g.group.dataset.points = String(points);
      g.group.dataset.decimated = String(s?.header.decimated ?? false);
      g.group.dataset.sliceRange = s ? `${s.header.t0},${s.header.t1}` : "";
      if (g.lane.kind === "events") {
        g.path.setAttribute("d", s ? ticksPath(s.times, x, g.height) : "");
        g.empty.textContent = s && s.times.length === 0 ? "no events" : "";
        continue;
      }
      const extent = s ? visibleExtent(s, t0, t1) : null;
      let [lo, hi] = fixed ?? extent ?? [0, 1];
      if (!fixed) {
        const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 0.5;
        lo -= pad;
        hi += pad;
      }
      g.y = scaleLinear().domain([lo, hi]).range([g.height, 0]);
      g.group.dataset.yDomain = `${lo},${hi}`;
      select(g.axis).call(axisLeft(g.y).ticks(3).tickSizeOuter(0));
      g.path.setAttribute("d", s && s.values ? linePath(s.times, s.values, x, g.y) : "");
      g.empty.textContent =
        !s || s.header.count === 0
          ? (g.lane.messages[0] ?? "no samples")
          : extent
            ? ""
            : "no finite samples in view";
    }
  }

  private hover(e: MouseEvent): void {
    const rect = this.overlay.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const t = this.x.invert(px);
    const lines = [`t = ${fmt(t)} s`];
    for (const g of this.lanes) {
      const s = this.slices.get(g.lane.id);
      const i = s ? nearest(s.times, t) : -1;
      if (!s || i < 0) {
        lines.push(`${g.lane.label}: —`);
      } else if (s.values) {
        lines.push(`${g.lane.label}: ${fmt(s.values[i])} ${g.lane.unit} @ ${fmt(s.times[i])} s`);
      } else {
        lines.push(`${g.lane.label}: nearest event ${fmt(s.times[i])} s`);
      }
    }
    this.readout.textContent = lines.join("\n");
    this.readout.style.display = "block";
    const host = this.element.getBoundingClientRect();
    this.readout.style.left = `${Math.min(e.clientX - host.left + 12, this.width - 220)}px`;
    this.readout.style.top = `${e.clientY - host.top + 12}px`;
  }
}

/** A polyline with breaks at NaN; pixel coordinates rounded to 0.1 px to keep the path short. */
function linePath(
  times: Float64Array,
  values: Float32Array,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): string {
  const parts: string[] = [];
  let pen = false;
  for (let i = 0; i < times.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    parts.push(
      `${pen ? "L" : "M"}${Math.round(x(times[i]) * 10) / 10},${Math.round(y(v) * 10) / 10}`,
    );
    pen = true;
  }
  return parts.join("");
}

function ticksPath(times: Float64Array, x: ScaleLinear<number, number>, height: number): string {
  const parts: string[] = [];
  for (let i = 0; i < times.length; i++)
    parts.push(`M${Math.round(x(times[i]) * 10) / 10},2V${height - 2}`);
  return parts.join("");
}

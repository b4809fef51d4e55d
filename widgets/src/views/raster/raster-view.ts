// RasterView: one row of spike ticks per unit (or per trial aligned to events) and the PSTH below on
// the same time axis. The bin-size control sets the synced `binSize`; the kernel recomputes `psth`.
import { axisBottom, axisLeft } from "d3-axis";
import { scaleLinear } from "d3-scale";
import { select } from "d3-selection";
import type { RasterState } from "../../../../contract/raster";
import { fmt, h, svgEl } from "../../base/dom";
import { asFloat32, asFloat64, asUint32 } from "../../../../contract/typed-arrays";
import { TsnwbView } from "../../base/tsnwb-view";
import { cursorOutsideNote } from "../../../../contract/time-link";
import { TimeLinkFollower } from "../link/time-link-follower";
import { ColumnControls } from "../grouping/column-controls";
import { drawRowGroups } from "./row-groups";
import { sameRange } from "../link/same-range";

const MARGIN = { left: 110, right: 12, top: 6, bottom: 28 };
const PSTH_HEIGHT = 110;

export class RasterView extends TsnwbView<RasterState> {
  protected readonly kind = "raster";
  private svg!: SVGSVGElement;
  private binInput!: HTMLInputElement;
  private unitSelect!: HTMLSelectElement;
  private controls!: ColumnControls;
  private link!: TimeLinkFollower;
  private cursorLine: SVGLineElement = svgEl("line", { class: "tsnwb-cursor-line" });
  /** Pixel scale of the time axis drawn now (what clicks and the cursor line use). */
  private x = scaleLinear();
  private drawnRange: [number, number] = [NaN, NaN];

  protected build(): void {
    this.binInput = h("input", {
      class: "tsnwb-bin-size",
      attrs: { type: "number", min: "0.001", step: "0.005" },
    });
    this.binInput.style.width = "70px";
    this.binInput.addEventListener("change", () => {
      const v = Number(this.binInput.value);
      if (Number.isFinite(v) && v > 0) this.setState({ binSize: v });
      else this.binInput.value = String(this.get("binSize"));
    });
    this.unitSelect = h("select", { class: "tsnwb-unit" });
    this.unitSelect.addEventListener("change", () =>
      this.setState({ unitIndex: Number(this.unitSelect.value) }),
    );
    this.toolbar.append(
      h("label", { text: "bin (s) " }, [this.binInput]),
      h("label", { text: " unit " }, [this.unitSelect]),
    );
    this.controls = new ColumnControls(this.toolbar, (key, column) =>
      this.setState({ [key]: column }),
    );
    this.svg = svgEl("svg", { class: "tsnwb-raster" });
    this.body.appendChild(this.svg);
    this.svg.addEventListener("click", (e) => {
      if (this.link.linked) this.link.setCursor(this.timeAt(e));
    });
    this.svg.addEventListener("wheel", (e) => this.wheelZoom(e), { passive: false });
    this.link = new TimeLinkFollower(this.model, {
      window: (range) => {
        if (!sameRange(range, this.drawnRange)) this.plot();
      },
      cursor: () => this.placeCursor(),
      linked: (on) => {
        this.el.dataset.linked = String(on);
        this.plot();
      },
    });
  }

  /** The window drawn: the link's, else the view's zoom (`visibleRange`), else the whole axis. */
  private shownRange(): [number, number] {
    return this.link?.window ?? this.get("visibleRange") ?? this.get("xRange");
  }

  private timeAt(e: MouseEvent): number {
    const left = this.svg.getBoundingClientRect().left + MARGIN.left;
    return this.x.invert(e.clientX - left);
  }

  /** Wheel zooms the time axis about the pointer (within the recording); shared when linked. */
  private wheelZoom(e: WheelEvent): void {
    e.preventDefault();
    const [a, b] = this.shownRange();
    // a linked window may reach past the units' own span (another member's whole recording):
    // the bounds include it, so zooming out never narrows the shared window
    const [f0, f1] = this.get("xRange");
    const [lo, hi] = [Math.min(f0, a), Math.max(f1, b)];
    const t = Math.min(b, Math.max(a, this.timeAt(e)));
    const k = Math.exp(Math.max(-1, Math.min(1, e.deltaY / 300)));
    const span = Math.min(hi - lo, (b - a) * k);
    let t0 = t - (t - a) * (span / (b - a));
    t0 = Math.min(Math.max(lo, t0), hi - span);
    const range: [number, number] = [t0, t0 + span];
    this.link.setWindow(range, true);
    this.setState({ visibleRange: range });
    this.plot();
  }

  private placeCursor(): void {
    const t = this.link?.linked ? this.link.cursor : null;
    const [a, b] = this.shownRange();
    const shown = t !== null && t >= a && t <= b;
    this.cursorLine.style.display = shown ? "" : "none";
    this.el.dataset.cursor = t === null ? "" : String(t);
    const full = this.get("xRange");
    this.setLinkNote(t !== null && (t < full[0] || t > full[1]) ? cursorOutsideNote(t, full) : "");
    if (!shown) return;
    const px = String(Math.round((MARGIN.left + this.x(t)) * 10) / 10);
    this.cursorLine.setAttribute("x1", px);
    this.cursorLine.setAttribute("x2", px);
    this.el.dataset.cursorPx = String(Math.round(this.x(t) * 10) / 10);
  }

  protected draw(changed: Set<keyof RasterState>): void {
    // the kernel's copy of the link's cursor or window: already drawn from the link itself
    const linkOnly = [...changed].every(
      (k) => k === "cursor" || k === "timeLink" || (k === "visibleRange" && this.link?.linked),
    );
    if (linkOnly && changed.size > 0) return;
    if (changed.has("binSize")) this.binInput.value = String(this.get("binSize"));
    if (changed.has("columns") || changed.has("groupBy") || changed.has("sortBy"))
      this.controls.update(this.get("columns") ?? [], {
        groupBy: this.get("groupBy") ?? null,
        sortBy: this.get("sortBy") ?? null,
      });
    if (changed.has("units") || changed.has("unitIndex") || changed.has("mode")) {
      const units = this.get("units") ?? [];
      this.unitSelect.replaceChildren(
        ...units.map((u, i) => h("option", { text: u.label, attrs: { value: String(i) } })),
      );
      this.unitSelect.value = String(this.get("unitIndex"));
      (this.unitSelect.parentElement as HTMLElement).style.display =
        this.get("mode") === "trials" && units.length ? "" : "none";
    }
    this.plot();
  }

  private plot(): void {
    const rows = this.get("rows") ?? [];
    const times = asFloat64(this.get("spikeTimes"));
    const offsets = asUint32(this.get("rowOffsets"));
    const [x0, x1] = this.shownRange();
    const width = Math.max(400, Math.min(960, this.el.clientWidth || 900));
    const rowHeight = Math.max(2, Math.min(14, 360 / Math.max(1, rows.length)));
    const rasterHeight = Math.max(20, rows.length * rowHeight);
    const height = MARGIN.top + rasterHeight + 16 + PSTH_HEIGHT + MARGIN.bottom;
    const plotW = width - MARGIN.left - MARGIN.right;
    const x = scaleLinear()
      .domain(x1 > x0 ? [x0, x1] : [x0, x0 + 1])
      .range([0, plotW]);
    this.x = x;
    this.drawnRange = [x0, x1];
    this.svg.replaceChildren();
    this.svg.setAttribute("width", String(width));
    this.svg.setAttribute("height", String(height));

    const raster = svgEl("g", {
      class: "tsnwb-raster-rows",
      transform: `translate(${MARGIN.left},${MARGIN.top})`,
    });
    const ticks: string[] = [];
    let drawn = 0;
    rows.forEach((row, r) => {
      const y = r * rowHeight;
      for (let i = offsets[r] ?? 0; i < (offsets[r + 1] ?? 0); i++) {
        const t = times[i];
        if (t < x0 || t > x1) continue;
        ticks.push(`M${Math.round(x(t) * 10) / 10},${y + 0.5}v${Math.max(1, rowHeight - 1)}`);
        drawn++;
      }
      if (rows.length <= 40) {
        const label = svgEl("text", {
          x: -6,
          y: y + rowHeight / 2 + 3,
          "text-anchor": "end",
          "font-size": Math.min(10, rowHeight),
        });
        label.textContent = row.label;
        raster.appendChild(label);
      }
    });
    raster.appendChild(
      svgEl("path", {
        d: ticks.join(""),
        stroke: "#222",
        "stroke-width": 1,
        class: "tsnwb-spike-ticks",
      }),
    );
    drawRowGroups(raster, this.get("groups") ?? [], rowHeight, plotW);
    this.el.dataset.ticks = String(drawn);
    this.el.dataset.rows = String(rows.length);

    const psth = this.get("psth");
    const rate = asFloat32(psth?.rate);
    const top = MARGIN.top + rasterHeight + 16;
    const maxRate = rate.reduce((m, v) => (Number.isFinite(v) && v > m ? v : m), 0) || 1;
    const y = scaleLinear()
      .domain([0, maxRate * 1.05])
      .range([PSTH_HEIGHT, 0]);
    const bars = svgEl("g", { class: "tsnwb-psth", transform: `translate(${MARGIN.left},${top})` });
    const parts: string[] = [];
    for (let i = 0; i < rate.length; i++) {
      const a = psth.start + i * psth.binSize;
      const v = rate[i];
      if (!Number.isFinite(v) || a + psth.binSize < x0 || a > x1) continue;
      const xa = x(Math.max(a, x0));
      const xb = x(Math.min(a + psth.binSize, x1));
      parts.push(
        `M${xa.toFixed(1)},${PSTH_HEIGHT}V${y(v).toFixed(1)}H${xb.toFixed(1)}V${PSTH_HEIGHT}Z`,
      );
    }
    bars.appendChild(
      svgEl("path", { d: parts.join(""), fill: "#4878a8", class: "tsnwb-psth-bars" }),
    );
    this.el.dataset.bins = String(rate.length);
    const yAxis = svgEl("g");
    select(yAxis).call(axisLeft(y).ticks(4));
    const yLabel = svgEl("text", {
      x: -40,
      y: PSTH_HEIGHT / 2,
      "font-size": 10,
      "text-anchor": "middle",
      transform: `rotate(-90 -40 ${PSTH_HEIGHT / 2})`,
    });
    yLabel.textContent = "rate (Hz)";
    bars.append(yAxis, yLabel);
    const xAxis = svgEl("g", { transform: `translate(${MARGIN.left},${top + PSTH_HEIGHT})` });
    select(xAxis).call(axisBottom(x).ticks(8));
    const alignment = this.get("alignment");
    const xLabel = svgEl("text", {
      x: MARGIN.left + plotW / 2,
      y: height - 2,
      "font-size": 10,
      "text-anchor": "middle",
    });
    xLabel.textContent = alignment ? `time from ${alignment.label} (s)` : "time (s)";
    this.cursorLine.setAttribute("y1", String(MARGIN.top));
    this.cursorLine.setAttribute("y2", String(top + PSTH_HEIGHT));
    this.svg.append(raster, bars, xAxis, xLabel, this.cursorLine);
    this.el.dataset.domain = `${x0},${x1}`;
    this.placeCursor();

    const spikes = times.length;
    this.setStatus(
      `${rows.length} ${this.get("mode") === "trials" ? "trials" : "units"} · ${spikes.toLocaleString()} spikes · bin ${fmt(this.get("binSize"))} s` +
        (alignment ? ` · aligned to ${alignment.label} (${alignment.eventCount} events)` : ""),
    );
  }
}

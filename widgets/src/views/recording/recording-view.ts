// RecordingView: the recording dashboard — a navigation bar, an overview strip of the whole
// recording (spike ticks and isolated events; click one to jump to it), the event panel (the event
// under or nearest the cursor), one line per panel the file cannot fill, and the member views
// (movie, voltage, ΔF/F, raster) as child views. Everything moves through the members' time link,
// so a saved page with no kernel navigates too. Keys while the dashboard has focus (JupyterLab's
// shortcuts suppressed on it): j/k next/previous spike, ] / [ next/previous event, 1/2/3/0 the AP
// class the event keys step through (0 = any), z zoom to the event.
import type { DOMWidgetView, WidgetModel } from "@jupyter-widgets/base";
import { scaleLinear, type ScaleLinear } from "d3-scale";
import { WIDGET_REF_PREFIX } from "../../../../contract/common";
import {
  eventAt,
  navigationTarget,
  RECORDING_PANELS,
  recordingEvents,
  type RecordingEvent,
  type RecordingNavigation,
  type RecordingPanel,
  type RecordingState,
} from "../../../../contract/recording";
import { asFloat64 } from "../../../../contract/typed-arrays";
import {
  AP_CLASS_ROWS,
  apClassColor,
  eventMarkers,
  type EventMarker,
} from "../../../../contract/event-markers";
import {
  eventRowY,
  mergedMarkerBox,
  RECORDING_STRIP,
  stripDomain,
} from "../../../../contract/recording-strip";
import { stackFigures, eventPanelText } from "../../../../render/recording";
import { button, h, svgEl } from "../../base/dom";
import { TsnwbView } from "../../base/tsnwb-view";
import { TimeLinkFollower } from "../link/time-link-follower";
import { injectRecordingStyles } from "./recording-styles";

/** The strip's label column starts here and its time axis ends this far from the right (px); the
 *  rows are the still figure's too (contract/recording-strip.ts). */
const STRIP_LEFT = 2;
const STRIP_RIGHT = 8;
/** The AP classes the event buttons and keys step through: any, then the strip's rows. */
const AP_CLASS_LABELS: [number, string][] = [
  [0, "any"],
  ...AP_CLASS_ROWS.map((r): [number, string] => [r.apClass, r.label]),
];

/** The key → navigation table (none of these is a JupyterLab command shortcut on its own). */
function keyNavigation(key: string, apClass: number): RecordingNavigation | null {
  if (key === "j") return { kind: "spike", direction: 1 };
  if (key === "k") return { kind: "spike", direction: -1 };
  if (key === "]") return { kind: "event", direction: 1, apClass };
  if (key === "[") return { kind: "event", direction: -1, apClass };
  if (key === "z") return { kind: "zoom" };
  return null;
}

export class RecordingView extends TsnwbView<RecordingState> {
  protected readonly kind = "recording" as const;
  private link!: TimeLinkFollower;
  private strip!: SVGSVGElement;
  private cursorLine = svgEl("line", { class: "tsnwb-cursor-line" });
  private panelText!: HTMLElement;
  private sourceText!: HTMLElement;
  private missingList!: HTMLElement;
  private panelsEl!: HTMLElement;
  private classButtons = new Map<number, HTMLButtonElement>();
  private children: DOMWidgetView[] = [];
  private x: ScaleLinear<number, number> = scaleLinear();
  /** The AP class the event buttons and keys step through (0 = any). */
  private apClass = 0;
  /** The cursor when no link joins the members (a dashboard of one panel). */
  private ownCursor: number | null = null;

  protected build(): void {
    injectRecordingStyles();
    this.el.tabIndex = 0;
    // JupyterLab leaves key presses in an element carrying this attribute to it (no command mode).
    this.el.setAttribute("data-lm-suppress-shortcuts", "true");
    this.el.addEventListener("keydown", this.onKey);
    const nav = h("div", { class: "tsnwb-recording-nav" }, [
      button("◀ spike", () => this.go({ kind: "spike", direction: -1 }), "tsnwb-prev-spike"),
      button("spike ▶", () => this.go({ kind: "spike", direction: 1 }), "tsnwb-next-spike"),
      button(
        "◀ event",
        () => this.go({ kind: "event", direction: -1, apClass: this.apClass }),
        "tsnwb-prev-event",
      ),
      button(
        "event ▶",
        () => this.go({ kind: "event", direction: 1, apClass: this.apClass }),
        "tsnwb-next-event",
      ),
      ...AP_CLASS_LABELS.map(([k, label]) => {
        const b = button(label, () => this.setApClass(k), `tsnwb-ap-class tsnwb-ap-${k}`);
        this.classButtons.set(k, b);
        return b;
      }),
      button("zoom to event", () => this.go({ kind: "zoom" }), "tsnwb-zoom-event"),
      h("span", {
        class: "tsnwb-keys",
        text: "keys: j/k spike · ]/[ event · 1/2/3/0 AP class · z zoom",
      }),
    ]);
    this.strip = svgEl("svg", { class: "tsnwb-recording-strip", height: RECORDING_STRIP.height });
    this.panelText = h("div", { class: "tsnwb-event-panel" });
    this.sourceText = h("p", { class: "tsnwb-spike-source" });
    this.missingList = h("ul", { class: "tsnwb-missing" });
    this.panelsEl = h("div", { class: "tsnwb-recording-panels" });
    this.body.append(
      nav,
      this.strip,
      this.panelText,
      this.sourceText,
      this.missingList,
      this.panelsEl,
    );
    this.setApClass(0);
    this.link = new TimeLinkFollower(this.model, {
      window: () => {},
      cursor: () => this.showCursor(),
      linked: (on) => (this.el.dataset.linked = String(on)),
    });
    new ResizeObserver(() => this.drawStrip()).observe(this.strip);
  }

  protected draw(changed: Set<keyof RecordingState>): void {
    if (changed.has("spikeTimes") || changed.has("eventTimes")) this.drawStrip();
    if (changed.has("spikeSource")) this.sourceText.textContent = this.get("spikeSource");
    if (changed.has("missing"))
      this.missingList.replaceChildren(...this.get("missing").map((m) => h("li", { text: m })));
    if (changed.has("panels")) void this.showPanels();
    if (changed.has("cursor") && !this.link?.linked) this.showCursor();
  }

  private state(): RecordingState {
    return this.model.attributes as RecordingState;
  }

  private cursor(): number | null {
    return this.link?.linked ? this.link.cursor : (this.ownCursor ?? this.get("cursor"));
  }

  /** Moves the cursor (and window) where `nav` says, through the link. */
  private go(nav: RecordingNavigation): void {
    const target = navigationTarget(this.state(), this.cursor(), this.link.window, nav);
    if (!target) {
      this.setStatus(
        nav.kind === "zoom" ? "no event to zoom to" : "nothing further in that direction",
      );
      return;
    }
    this.setStatus("");
    this.moveTo(target.cursor, target.window);
  }

  /** Puts the cursor at `cursor` and, when given, the window at `window`, through the link. */
  private moveTo(cursor: number, window: [number, number] | null): void {
    if (this.link.linked) {
      if (window) this.link.setWindow(window, true);
      this.link.setCursor(cursor);
    } else {
      this.ownCursor = cursor;
      this.showCursor();
    }
  }

  private setApClass(k: number): void {
    this.apClass = k;
    this.el.dataset.apClass = String(k);
    for (const [c, b] of this.classButtons) b.classList.toggle("tsnwb-on", c === k);
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
    if (/^[0-3]$/.test(e.key)) this.setApClass(Number(e.key));
    else {
      const nav = keyNavigation(e.key, this.apClass);
      if (!nav) return;
      this.go(nav);
    }
    e.preventDefault();
    e.stopPropagation();
  };

  /** The member views, in panel order, each in a box named by its panel. */
  private async showPanels(): Promise<void> {
    for (const v of this.children.splice(0)) v.remove();
    this.panelsEl.replaceChildren();
    const panels = this.get("panels");
    for (const p of RECORDING_PANELS) {
      const ref = panels[p];
      if (!ref) continue;
      const box = h("div", { class: "tsnwb-recording-panel", attrs: { "data-panel": p } });
      this.panelsEl.append(box);
      try {
        const model = (await this.model.widget_manager.get_model(
          ref.slice(WIDGET_REF_PREFIX.length),
        )) as WidgetModel;
        const view = (await this.create_child_view(model)) as DOMWidgetView;
        box.append(view.el);
        this.children.push(view);
        void this.displayed.then(() => view.trigger("displayed"));
      } catch (e) {
        box.textContent = `the ${panelName(p)} panel could not be shown: ${(e as Error).message}`;
      }
    }
  }

  private drawStrip(): void {
    const width = this.strip.clientWidth || 800;
    const spikes = asFloat64(this.get("spikeTimes"));
    const events = recordingEvents(this.state());
    this.x = scaleLinear()
      .domain(stripDomain(this.get("spikeTimes")))
      .range([STRIP_LEFT + RECORDING_STRIP.labelWidth, width - STRIP_RIGHT]);
    const label = (y: number, t: string) => {
      const el = svgEl("text", { x: STRIP_LEFT, y: y + 4 });
      el.textContent = t;
      return el;
    };
    const ticks = Array.from(spikes, (t) => {
      const line = svgEl("line", {
        class: "tsnwb-spike",
        x1: this.x(t),
        x2: this.x(t),
        y1: RECORDING_STRIP.spikeY - RECORDING_STRIP.spikeTick,
        y2: RECORDING_STRIP.spikeY + RECORDING_STRIP.spikeTick,
        "data-time": t,
      });
      line.addEventListener("click", () => this.go({ kind: "jump", time: t }));
      return line;
    });
    const dots = eventMarkers(events, (t) => this.x(t), RECORDING_STRIP.mergeGap).map((m) =>
      this.marker(m),
    );
    this.strip.replaceChildren(
      label(RECORDING_STRIP.spikeY, "spikes"),
      ...AP_CLASS_ROWS.map((r, row) => label(eventRowY(row), r.label)),
      ...ticks,
      ...dots,
      this.cursorLine,
    );
    this.showCursor();
  }

  /** One event marker: a dot for one event (a click jumps to it), a box with the count for events
   *  too close to tell apart (a click zooms to them, where they are apart). */
  private marker(m: EventMarker): SVGElement {
    const first = m.events[0]!;
    const last = m.events[m.events.length - 1]!;
    const y = eventRowY(m.row);
    const data = {
      class: "tsnwb-event",
      "data-time": first.time,
      "data-index": first.index,
      "data-ap-count": first.apCount,
      "data-count": m.events.length,
      "data-times": m.events.map((e) => e.time).join(","),
      "data-ap-counts": m.events.map((e) => e.apCount).join(","),
      "data-indices": m.events.map((e) => e.index).join(","),
    };
    let node: SVGElement;
    if (m.events.length === 1) {
      node = svgEl("circle", {
        ...data,
        cx: m.x,
        cy: y,
        r: RECORDING_STRIP.markerRadius,
        fill: apClassColor(first.apCount),
      });
      node.addEventListener("click", () => this.go({ kind: "jump", time: first.time }));
      return node;
    }
    node = svgEl("g", { ...data, class: "tsnwb-event tsnwb-event-group" });
    const box = mergedMarkerBox(m.x, m.row);
    node.append(
      svgEl("rect", {
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
        rx: 3,
        stroke: apClassColor(first.apCount),
      }),
    );
    const count = svgEl("text", { x: m.x, y: box.countY, "text-anchor": "middle" });
    count.textContent = String(m.events.length);
    node.append(count);
    const [w0, w1] = this.get("eventWindow");
    node.addEventListener("click", () => this.moveTo(first.time, [first.time - w0, last.end + w1]));
    return node;
  }

  private showCursor(): void {
    const t = this.cursor();
    this.el.dataset.cursor = t === null ? "" : String(t);
    const visible = t !== null && Number.isFinite(t);
    this.cursorLine.style.display = visible ? "" : "none";
    if (visible) {
      const px = String(this.x(t));
      for (const [k, v] of [
        ["x1", px],
        ["x2", px],
        ["y1", "2"],
        ["y2", String(RECORDING_STRIP.height - 4)],
      ])
        this.cursorLine.setAttribute(k, v);
    }
    const s = this.state();
    const e: RecordingEvent | null = eventAt(recordingEvents(s), t, s.eventWindow);
    this.panelText.textContent = eventPanelText(e, s.frameInterval);
    this.panelText.dataset.eventIndex = e ? String(e.index) : "";
    this.panelText.dataset.apCount = e ? String(e.apCount) : "";
    this.panelText.dataset.peakDff = e ? String(e.peakDff) : "";
    for (const c of this.strip.querySelectorAll(".tsnwb-event"))
      c.classList.toggle(
        "tsnwb-current",
        !!e && (c.getAttribute("data-indices") ?? "").split(",").includes(String(e.index)),
      );
  }

  /** The dashboard's figure: its own (strip, event panel) over every member's figure. */
  override figureSVG(): string {
    const own = super.figureSVG();
    const members = this.children
      .filter(
        (v): v is DOMWidgetView & { figureSVG(): string } =>
          typeof (v as { figureSVG?: unknown }).figureSVG === "function",
      )
      .map((v) => v.figureSVG());
    return stackFigures([own, ...members], this.get("title"));
  }

  protected override release(): void {
    this.link?.dispose();
    for (const v of this.children) v.remove();
  }
}

function panelName(p: RecordingPanel): string {
  return p === "dff" ? "ΔF/F" : p;
}

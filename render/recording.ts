// RecordingView as a still figure: the recording's overview strip laid out like the live one
// (contract/recording-strip.ts: spike ticks, one event row per AP class with close events merged
// into one marker with their count — contract/event-markers.ts — and the cursor), the event panel's
// text and one line per panel left out; the composite figure stacks the member views' figures under
// it (stackFigures).
import { scaleLinear, type ScaleLinear } from "d3-scale";
import {
  AP_CLASS_ROWS,
  apClassColor,
  apClassLabel,
  eventMarkers,
  type EventMarker,
} from "../contract/event-markers.js";
import {
  eventAt,
  recordingEvents,
  type RecordingEvent,
  type RecordingState,
} from "../contract/recording.js";
import {
  eventRowY,
  mergedMarkerBox,
  RECORDING_STRIP,
  stripDomain,
} from "../contract/recording-strip.js";
import { asFloat64 } from "../contract/typed-arrays.js";
import { bottomAxis } from "./axis.js";
import { cursorLine } from "./cursor.js";
import { el, messageLines, num, svgDocument, text } from "./svg.js";

function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? String(Math.round(x * 10 ** digits) / 10 ** digits) : "—";
}

/** The rise τ as the panel prints it: the fitted value, or "< 1 frame (x ms)" when the rise is
 *  faster than the ΔF/F frame interval resolves (riseResolved in analysis/coupling/rise-decay.ts). */
function riseText(e: RecordingEvent, frameInterval: number | null): string {
  if (e.riseResolved || frameInterval === null) return `${fmt(e.rise * 1000, 1)} ms`;
  return `< 1 frame (${fmt(frameInterval * 1000, 1)} ms)`;
}

/** The event panel: the event under (or nearest) the cursor, in one line. */
export function eventPanelText(
  e: RecordingEvent | null,
  frameInterval: number | null = null,
): string {
  if (!e) return "no isolated AP events";
  const fit =
    Number.isFinite(e.rise) && Number.isFinite(e.decay)
      ? ` · rise τ ${riseText(e, frameInterval)} · decay τ ${fmt(e.decay * 1000, 1)} ms`
      : " · rise/decay not fitted";
  return `event ${e.index + 1} at ${fmt(e.time)} s · ${apClassLabel(e.apCount)} · peak ΔF/F ${fmt(e.peakDff)}${fit}`;
}

/** Left edge of the strip's label column and the room right of the time axis (px). */
const LEFT = 10;
const RIGHT = 20;
/** The strip's top: under the title. */
const TOP = 30;

/** One event marker, as the live strip draws it: a dot for one event, a box with the count for
 *  events merged; the marker holding the event under the cursor outlined (a dot in black, a box
 *  thicker) as the live strip's stylesheet does. Its events' onsets and AP counts ride along
 *  (data-times, data-ap-counts) so a reader of the file can tell what it marks. */
function markerSvg(m: EventMarker, current: RecordingEvent | null): string {
  const color = apClassColor(m.events[0]!.apCount);
  const isCurrent = current !== null && m.events.some((e) => e.index === current.index);
  const data = {
    "data-row": m.row,
    "data-times": m.events.map((e) => String(e.time)).join(","),
    "data-ap-counts": m.events.map((e) => e.apCount).join(","),
  };
  const y = TOP + eventRowY(m.row);
  if (m.events.length === 1)
    return el("circle", {
      class: isCurrent ? "event current" : "event",
      ...data,
      cx: m.x,
      cy: y,
      r: RECORDING_STRIP.markerRadius,
      fill: color,
      stroke: isCurrent ? "#000" : "#fff",
      "stroke-width": isCurrent ? 2 : 0.5,
    });
  const box = mergedMarkerBox(m.x, m.row);
  return el(
    "g",
    { class: isCurrent ? "event event-group current" : "event event-group", ...data },
    el("rect", {
      x: box.x,
      y: TOP + box.y,
      width: box.width,
      height: box.height,
      rx: 3,
      fill: "#fff",
      stroke: color,
      "stroke-width": isCurrent ? 3 : 2,
    }),
    text(
      { x: m.x, y: TOP + box.countY, "text-anchor": "middle", "font-size": 9, "font-weight": 600 },
      String(m.events.length),
    ),
  );
}

/** The strip's row labels: "spikes", then one per AP class. */
function rowLabels(): string[] {
  const label = (y: number, t: string) =>
    text({ x: LEFT, y: TOP + y + 4, class: "label", "font-size": RECORDING_STRIP.labelSize }, t);
  return [
    label(RECORDING_STRIP.spikeY, "spikes"),
    ...AP_CLASS_ROWS.map((r, row) => label(eventRowY(row), r.label)),
  ];
}

/** The strip's time scale in a figure `width` px wide. */
function stripScale(s: RecordingState, width: number): ScaleLinear<number, number> {
  return scaleLinear()
    .domain(stripDomain(s.spikeTimes))
    .range([LEFT + RECORDING_STRIP.labelWidth, width - RIGHT]);
}

export function renderRecordingSvg(s: RecordingState, opts: { width?: number } = {}): string {
  const width = opts.width ?? 900;
  const x = stripScale(s, width);
  const spikeY = TOP + RECORDING_STRIP.spikeY;
  const tick = RECORDING_STRIP.spikeTick;
  const ticks = Array.from(
    asFloat64(s.spikeTimes),
    (t) => `M${num(x(t))},${num(spikeY - tick)}v${2 * tick}`,
  );
  const events = recordingEvents(s);
  const current = eventAt(events, s.cursor, s.eventWindow);
  const markers = eventMarkers(events, (t) => x(t), RECORDING_STRIP.mergeGap);
  const axisY = TOP + eventRowY(AP_CLASS_ROWS.length - 1) + 12;
  const panelY = axisY + 48;
  const msg = messageLines([...s.missing, ...s.messages], LEFT, panelY + 22);
  const parts: string[] = [
    text({ x: LEFT, y: 20, "font-size": 14, class: "title" }, s.title),
    ...rowLabels(),
    el("path", { class: "spike-ticks", d: ticks.join(""), stroke: "#222", fill: "none" }),
    ...markers.map((m) => markerSvg(m, current)),
    cursorLine(s.cursor, x, TOP + 2, TOP + RECORDING_STRIP.height - 4),
    bottomAxis(x, axisY, "time (s)"),
    text({ x: LEFT, y: panelY, class: "event-panel" }, eventPanelText(current, s.frameInterval)),
    text({ x: LEFT, y: panelY + 16, class: "spike-source" }, s.spikeSource),
    msg.svg,
  ];
  return svgDocument(width, panelY + 30 + msg.height, parts.join(""), s.title);
}

/** One SVG document of several, stacked top to bottom (each keeps its own size and fonts). */
export function stackFigures(figures: string[], title: string): string {
  let y = 0;
  let width = 0;
  const nested: string[] = [];
  for (const f of figures) {
    const w = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(f)?.[1] ?? 0);
    const h = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(f)?.[1] ?? 0);
    nested.push(f.trim().replace(/^<svg /, `<svg x="0" y="${num(y)}" `));
    y += h;
    width = Math.max(width, w);
  }
  return svgDocument(width, y, nested.join(""), title);
}

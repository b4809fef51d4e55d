// RecordingView as a still figure: the recording's overview strip (spike ticks, isolated events
// coloured by AP count, the cursor), the event panel's text and one line per panel left out; the
// composite figure stacks the member views' figures under it (stackFigures).
import { scaleLinear } from "d3-scale";
import {
  eventAt,
  recordingEvents,
  type RecordingEvent,
  type RecordingState,
} from "../contract/recording.js";
import { asFloat64 } from "../contract/typed-arrays.js";
import { bottomAxis } from "./axis.js";
import { cursorLine } from "./cursor.js";
import { el, messageLines, num, svgDocument, text } from "./svg.js";

/** Marker colour of an event of `apCount` APs (1, 2, 3+), shared by the strip and the views. */
export function apClassColor(apCount: number): string {
  return apCount <= 1 ? "#1f77b4" : apCount === 2 ? "#ff7f0e" : "#9467bd";
}

/** The AP-count class label of an event: "1 AP", "2 APs", "3+ APs". */
export function apClassLabel(apCount: number): string {
  return apCount <= 1 ? "1 AP" : apCount === 2 ? "2 APs" : "3+ APs";
}

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

/** The recording's span: spikes and events, else [0, 1]. */
function span(s: RecordingState): [number, number] {
  const spikes = asFloat64(s.spikeTimes);
  if (spikes.length === 0) return [0, 1];
  const t0 = spikes[0]!;
  const t1 = spikes[spikes.length - 1]!;
  return t1 > t0 ? [t0, t1] : [t0 - 0.5, t0 + 0.5];
}

export function renderRecordingSvg(s: RecordingState, opts: { width?: number } = {}): string {
  const width = opts.width ?? 900;
  const x = scaleLinear()
    .domain(span(s))
    .range([60, width - 20]);
  const top = 34;
  const spikeRow = top + 12;
  const eventRow = top + 34;
  const parts: string[] = [text({ x: 10, y: 20, "font-size": 14, class: "title" }, s.title)];
  parts.push(text({ x: 10, y: spikeRow + 4, class: "label" }, "spikes"));
  parts.push(text({ x: 10, y: eventRow + 4, class: "label" }, "events"));
  const ticks = Array.from(asFloat64(s.spikeTimes), (t) => `M${num(x(t))},${num(spikeRow - 7)}v14`);
  parts.push(el("path", { class: "spike-ticks", d: ticks.join(""), stroke: "#222", fill: "none" }));
  const events = recordingEvents(s);
  for (const e of events)
    parts.push(
      el("circle", {
        class: "event",
        cx: num(x(e.time)),
        cy: eventRow,
        r: 3 + Math.min(e.apCount, 3),
        fill: apClassColor(e.apCount),
      }),
    );
  parts.push(cursorLine(s.cursor, x, top, eventRow + 10));
  parts.push(bottomAxis(x, eventRow + 12, "time (s)"));
  const panelY = eventRow + 60;
  const current = eventAt(events, s.cursor, s.eventWindow);
  parts.push(
    text({ x: 10, y: panelY, class: "event-panel" }, eventPanelText(current, s.frameInterval)),
  );
  parts.push(text({ x: 10, y: panelY + 16, class: "spike-source" }, s.spikeSource));
  const msg = messageLines([...s.missing, ...s.messages], 10, panelY + 22);
  parts.push(msg.svg);
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

// The trials heat map of an aligned panel in a live view (AlignedView, CouplingView's events):
// the image, group separators and labels, the event line at lag 0, and the row at the linked
// cursor outlined. Clicking a row calls `onRow` with that row's trial (its event time is in session
// time: the views move the time link's cursor there).
import type { ScaleLinear } from "d3-scale";
import type { AlignedTrial } from "../../../../contract/aligned";
import { asFloat32 } from "../../../../contract/typed-arrays";
import { alignedHeatmapUri, type RowsOnLags } from "../../../../render/aligned-heatmap";
import { svgEl } from "../../base/dom";

export interface HeatmapOptions {
  x: ScaleLinear<number, number>;
  plotW: number;
  height: number;
  /** The linked cursor (s): rows whose event is at it are outlined. */
  cursor: number | null;
  onRow?(trial: AlignedTrial, row: number): void;
}

/** Rows whose event time is the cursor (to float noise). */
export function rowsAtCursor(trials: AlignedTrial[], cursor: number | null): number[] {
  if (cursor === null) return [];
  const tol = 1e-9 * Math.max(1, Math.abs(cursor));
  return trials.flatMap((t, i) => (Math.abs(t.time - cursor) <= tol ? [i] : []));
}

export function drawHeatmapRows(g: SVGGElement, state: RowsOnLags, o: HeatmapOptions): void {
  const lags = asFloat32(state.lags);
  const { x, plotW, height: mapH } = o;
  const domain = x.domain() as [number, number];
  const trials = state.trials ?? [];
  const uri = alignedHeatmapUri(state);
  const half = lags.length > 1 ? (x(lags[1]!) - x(lags[0]!)) / 2 : 0;
  const rowH = trials.length ? mapH / trials.length : mapH;
  if (uri) {
    const image = svgEl("image", {
      class: "tsnwb-heatmap",
      x: x(domain[0]) - half,
      y: 0,
      width: plotW + 2 * half,
      height: mapH,
      preserveAspectRatio: "none",
      style: "image-rendering: pixelated",
      href: uri,
    });
    // which event each row shows (index into the events aligned to), for reading rows back
    image.dataset.rowEvents = trials.map((t) => t.event).join(",");
    if (o.onRow) {
      image.style.cursor = "pointer";
      image.addEventListener("click", (e) => {
        const top = image.getBoundingClientRect().top;
        const row = Math.min(trials.length - 1, Math.floor((e.clientY - top) / rowH));
        if (row >= 0) o.onRow!(trials[row]!, row);
      });
    }
    g.appendChild(image);
  }
  for (const grp of state.groups ?? []) {
    const y0 = grp.firstRow * rowH;
    if (grp.firstRow > 0)
      g.appendChild(
        svgEl("path", {
          class: "tsnwb-group-separator",
          d: `M${-half},${y0}H${plotW + half}`,
          stroke: "#fff",
          "stroke-width": 1.5,
        }),
      );
    const label = svgEl("text", {
      x: -10,
      y: y0 + (grp.trialCount * rowH) / 2 + 3,
      "text-anchor": "end",
      "font-size": 10,
      fill: grp.color,
      class: "tsnwb-group-label",
    });
    label.textContent = `${grp.label} (${grp.trialCount})`;
    g.append(
      svgEl("path", {
        d: `M-4,${y0 + 1}V${y0 + grp.trialCount * rowH - 1}`,
        stroke: grp.color,
        "stroke-width": 3,
      }),
      label,
    );
  }
  if (x(0) >= 0 && x(0) <= plotW)
    g.appendChild(
      svgEl("path", { d: `M${x(0)},0V${mapH}`, stroke: "#d62728", "stroke-dasharray": "3,3" }),
    );
  for (const r of rowsAtCursor(trials, o.cursor))
    g.appendChild(
      svgEl("rect", {
        class: "tsnwb-cursor-row",
        x: -half,
        y: r * rowH,
        width: plotW + 2 * half,
        height: Math.max(1, rowH),
        fill: "none",
        stroke: "#d62728",
        "stroke-width": 1.5,
        "pointer-events": "none",
      }),
    );
}

// CouplingView's events panel: the shown cell's isolated AP events as an aligned heat map (one row
// per event, grouped by AP class), drawn by AlignedView's heat-map code on the averages' lag axis.
import { axisBottom } from "d3-axis";
import { scaleLinear } from "d3-scale";
import { select } from "d3-selection";
import type { AlignedTrial } from "../../../../contract/aligned";
import type { CouplingState } from "../../../../contract/coupling";
import { asFloat32 } from "../../../../contract/typed-arrays";
import { heatmapHeight } from "../../../../render/aligned-heatmap";
import { svgEl } from "../../base/dom";
import { drawHeatmapRows } from "../aligned/heatmap-rows";

const MARGIN = { left: 130, right: 16, top: 20, bottom: 30 };
const WIDTH = 560;

export function drawEventRows(
  svg: SVGSVGElement,
  state: CouplingState,
  o: { cursor: number | null; onRow(trial: AlignedTrial): void },
): void {
  svg.replaceChildren();
  const rows = state.events;
  if (!rows || rows.trials.length === 0) {
    svg.setAttribute("height", "0");
    return;
  }
  const lags = asFloat32(state.lags);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const mapH = heatmapHeight(rows.trials.length);
  const x = scaleLinear()
    .domain(lags.length > 1 ? [lags[0]!, lags[lags.length - 1]!] : state.window)
    .range([0, plotW]);
  svg.setAttribute("width", String(WIDTH));
  svg.setAttribute("height", String(MARGIN.top + mapH + MARGIN.bottom));
  const title = svgEl("text", { x: MARGIN.left, y: 12, "font-size": 11, "font-weight": "bold" });
  title.textContent = "ΔF/F around each isolated AP event (click a row: linked cursor)";
  const g = svgEl("g", { transform: `translate(${MARGIN.left},${MARGIN.top})` });
  drawHeatmapRows(g, { ...rows, lags: state.lags }, { x, plotW, height: mapH, ...o });
  const axis = svgEl("g", { transform: `translate(${MARGIN.left},${MARGIN.top + mapH})` });
  select(axis).call(axisBottom(x).ticks(8));
  svg.append(title, g, axis);
}

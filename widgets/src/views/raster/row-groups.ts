// RasterView's row groups (rows grouped by a table column): a dashed line above each group after
// the first and the group's label ("quality good (3)") at the right end of its first row.
import type { RasterGroup } from "../../../../contract/raster";
import { svgEl } from "../../base/dom";

export function drawRowGroups(
  g: SVGGElement,
  groups: RasterGroup[],
  rowHeight: number,
  plotW: number,
): void {
  if (groups.length < 2) return;
  for (const grp of groups) {
    const y = grp.firstRow * rowHeight;
    if (grp.firstRow > 0)
      g.appendChild(
        svgEl("path", {
          class: "tsnwb-raster-group-separator",
          d: `M0,${y}H${plotW}`,
          stroke: "#d62728",
          "stroke-dasharray": "4,3",
        }),
      );
    const label = svgEl("text", {
      class: "tsnwb-raster-group-label",
      x: plotW - 4,
      y: y + 10,
      "text-anchor": "end",
      "font-size": 10,
      fill: "#d62728",
    });
    label.textContent = `${grp.label} (${grp.rowCount})`;
    g.appendChild(label);
  }
}

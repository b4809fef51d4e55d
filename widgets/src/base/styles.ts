// One stylesheet for all tsnwb views, added to the document once. Colours come from JupyterLab's
// theme variables (light or dark) with light fallbacks for plain pages.
const CSS = `
.tsnwb { font: 12px/1.35 system-ui, sans-serif; color: var(--jp-ui-font-color1, #222); max-width: 100%; }
.tsnwb-header { display: flex; align-items: center; gap: 12px; margin-bottom: 4px; }
.tsnwb-title { font-weight: 600; font-size: 13px; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tsnwb-toolbar { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.tsnwb-button { font: inherit; color: inherit; padding: 1px 8px; border: 1px solid var(--jp-border-color1, #bbb); border-radius: 3px;
  background: var(--jp-layout-color2, #f6f6f6); cursor: pointer; }
.tsnwb-button:hover { background: var(--jp-layout-color3, #e8e8e8); }
.tsnwb-button.tsnwb-on { background: var(--jp-brand-color3, #dbe8ff); border-color: var(--jp-brand-color1, #7aa0e0); color: #111; } /* brand-color3 is a light tint in light and dark themes alike */
.tsnwb-toolbar label { display: inline-flex; gap: 3px; align-items: center; }
.tsnwb-toolbar select, .tsnwb-toolbar input { font: inherit; color: inherit; background: var(--jp-layout-color1, white); border: 1px solid var(--jp-border-color1, #bbb); }
.tsnwb-body { position: relative; }
.tsnwb-body svg { display: block; user-select: none; }
/* SVG text and strokes follow the theme's text colour (axes use currentColor too) */
.tsnwb-lane-label, .tsnwb-raster text { fill: currentColor; }
/* so do the aligned heat maps' labels (a group keeps its colour in the bar beside its label) and the
   coupling averages' text (plotly writes the colour read when it drew inline: a theme switch after that
   needs !important) */
.tsnwb-aligned text, .tsnwb-coupling-events text { fill: currentColor; }
.tsnwb-averages text { fill: currentColor !important; }
.tsnwb-spike-ticks { stroke: currentColor; }
.tsnwb-lane-note, .tsnwb-lane-empty { fill: var(--jp-ui-font-color2, #777); }
.tsnwb-messages { margin: 4px 0 0; padding-left: 18px; color: var(--jp-warn-color0, #8a5a00); }
.tsnwb-messages:empty { display: none; }
.tsnwb-link-note { margin: 2px 0; padding: 2px 6px; background: #fff4e0; color: #8a5a00; font-size: 12px; border-left: 3px solid #d62728; }
.tsnwb-link-note:empty { display: none; }
.tsnwb-cursor-line { stroke: #d62728; stroke-width: 1.5; pointer-events: none; }
.tsnwb-status { min-height: 1.35em; color: var(--jp-ui-font-color2, #666); font-size: 11px; }
.tsnwb-status[data-status="lost"], .tsnwb-status[data-status="error"] { color: var(--jp-error-color0, #b00020); font-weight: 600; }
.tsnwb-lost .tsnwb-body { opacity: 0.55; }
.tsnwb-readout { position: absolute; pointer-events: none; background: var(--jp-layout-color0, rgba(255,255,255,0.92)); color: var(--jp-ui-font-color1, #222);
  border: 1px solid var(--jp-border-color1, #ccc); border-radius: 3px; padding: 2px 5px; font-size: 11px; white-space: pre; display: none; z-index: 2; }
.tsnwb-canvas-stack { position: relative; display: inline-block; }
.tsnwb-canvas-stack > canvas, .tsnwb-canvas-stack > svg { position: absolute; left: 0; top: 0; }
.tsnwb-rois .tsnwb-roi { stroke: #ffd400; stroke-width: var(--tsnwb-px, 1); fill: transparent; cursor: pointer; }
.tsnwb-rois .tsnwb-roi.tsnwb-selected { stroke: #ff3b30; stroke-width: calc(2.5 * var(--tsnwb-px, 1)); fill: rgba(255, 59, 48, 0.25); }
.tsnwb-table { border-collapse: collapse; font-size: 11px; }
.tsnwb-table th, .tsnwb-table td { border: 1px solid var(--jp-border-color2, #ddd); padding: 1px 6px; text-align: left; max-width: 320px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tsnwb-table th { background: var(--jp-layout-color2, #f3f3f3); }
.tsnwb-tree ul { list-style: none; padding-left: 14px; margin: 0; }
.tsnwb-tree summary { cursor: pointer; }
.tsnwb-tree .tsnwb-type { color: var(--jp-ui-font-color2, #666); margin-left: 6px; }
.tsnwb-tree .tsnwb-attr { color: var(--jp-ui-font-color2, #555); }
`;

export function injectStyles(doc: Document = document): void {
  if (doc.getElementById("tsnwb-styles")) return;
  const style = doc.createElement("style");
  style.id = "tsnwb-styles";
  style.textContent = CSS;
  doc.head.appendChild(style);
}

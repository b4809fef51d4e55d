// The dashboard's own styles (navigation bar, overview strip, event panel), JupyterLab theme
// variables with light fallbacks like the shared stylesheet; injected once per document.
const CSS = `
.tsnwb-recording:focus { outline: 1px dashed var(--jp-brand-color1, #7aa0e0); outline-offset: 2px; }
.tsnwb-recording-nav { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin: 4px 0; }
.tsnwb-recording-nav .tsnwb-keys { color: var(--jp-ui-font-color2, #666); font-size: 11px; margin-left: 6px; }
.tsnwb-recording-strip { display: block; width: 100%; height: 72px; }
.tsnwb-recording-strip .tsnwb-spike { stroke: var(--jp-ui-font-color1, #222); stroke-width: 1.5; cursor: pointer; }
.tsnwb-recording-strip .tsnwb-event { cursor: pointer; stroke: var(--jp-layout-color0, #fff); stroke-width: 0.5; }
.tsnwb-recording-strip .tsnwb-event.tsnwb-current { stroke: var(--jp-ui-font-color0, #000); stroke-width: 2; }
.tsnwb-recording-strip .tsnwb-event-group rect { fill: var(--jp-layout-color0, #fff); stroke-width: 2; }
.tsnwb-recording-strip .tsnwb-event-group.tsnwb-current rect { stroke-width: 3; }
.tsnwb-recording-strip .tsnwb-event-group text { fill: var(--jp-ui-font-color0, #000); stroke: none; font-size: 9px; font-weight: 600; }
.tsnwb-recording-strip text { fill: var(--jp-ui-font-color2, #666); font-size: 10px; }
.tsnwb-recording-strip .tsnwb-cursor-line { stroke: #d62728; stroke-width: 1.5; }
.tsnwb-event-panel { font-weight: 600; margin: 2px 0; }
.tsnwb-spike-source, .tsnwb-missing { color: var(--jp-ui-font-color2, #666); margin: 0; }
.tsnwb-missing { padding-left: 18px; color: var(--jp-warn-color0, #8a5a00); }
.tsnwb-recording-panel { margin-top: 6px; }
`;

export function injectRecordingStyles(doc: Document = document): void {
  if (doc.getElementById("tsnwb-recording-styles")) return;
  const style = doc.createElement("style");
  style.id = "tsnwb-recording-styles";
  style.textContent = CSS;
  doc.head.appendChild(style);
}

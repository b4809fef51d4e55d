// What the recording dashboard shows in a page, read by page-side code that the browser suites
// (test/browser/recording-view.test.ts, recording-saved.test.ts) and the JupyterLab suite
// (test/jupyterlab/recording-specs.ts) all evaluate. It is JavaScript text, not a function: tsx
// wraps a named function with helpers the page does not have. A part not drawn yet reads as empty
// ("", NaN, null), so a caller can poll until the page shows what it waits for.

/** Every panel's cursor (as the views write it in data-cursor), the movie's frame at it, the
 *  ΔF/F panel's and the raster's time axes, the ΔF/F lane and status, and the event panel. */
export interface RecordingShown {
  dashboard: string;
  voltage: string;
  dff: string;
  raster: string;
  movie: string;
  movieFrame: number;
  /** the movie's preview frame shown without a kernel */
  previewFrame: number;
  movieHidden: string;
  movieNote: string;
  /** the ΔF/F panel's time axis */
  domain: number[];
  rasterDomain: number[];
  dffLane: { points: number; decimated: string } | null;
  dffStatus: string;
  apCount: string;
  peakDff: string;
  eventIndex: string;
  eventText: string;
  /** "true" once the dashboard has joined its members' time link */
  linked: string;
}

/** The page-side expression whose value is the RecordingShown of the first dashboard under `root`
 *  (a CSS selector; the whole page when empty). */
export function recordingShownJs(root = ""): string {
  return `(() => {
  const rec = document.querySelector(${JSON.stringify(root ? `${root} .tsnwb-recording` : ".tsnwb-recording")});
  const q = (s) => rec?.querySelector(s);
  const panel = (p) => q('.tsnwb-recording-panel[data-panel="' + p + '"]');
  const movie = panel("movie")?.querySelector(".tsnwb-movie");
  const raster = panel("raster")?.querySelector("svg.tsnwb-raster")?.closest(".tsnwb");
  const dff = panel("dff")?.querySelector(".tsnwb-trace");
  const lane = dff?.querySelector('g.tsnwb-lane[data-lane="dff"]');
  const ev = q(".tsnwb-event-panel");
  return {
    dashboard: rec?.dataset.cursor ?? "",
    voltage: panel("voltage")?.querySelector(".tsnwb-lanes-plot")?.dataset.cursor ?? "",
    dff: dff?.querySelector(".tsnwb-lanes-plot")?.dataset.cursor ?? "",
    raster: raster?.dataset.cursor ?? "",
    movie: movie?.dataset.cursor ?? "",
    movieFrame: Number(movie?.dataset.cursorFrame),
    previewFrame: Number(movie?.dataset.previewFrame),
    movieHidden: movie?.dataset.frameHidden ?? "",
    movieNote: movie?.dataset.linkNote ?? "",
    domain: (dff?.querySelector(".tsnwb-x-axis")?.dataset.domain ?? "").split(",").map(Number),
    rasterDomain: (raster?.dataset.domain ?? "").split(",").map(Number),
    dffLane: lane ? { points: Number(lane.dataset.points), decimated: lane.dataset.decimated ?? "" } : null,
    dffStatus: dff?.querySelector(".tsnwb-status")?.textContent ?? "",
    apCount: ev?.dataset.apCount ?? "",
    peakDff: ev?.dataset.peakDff ?? "",
    eventIndex: ev?.dataset.eventIndex ?? "",
    eventText: ev?.textContent ?? "",
    linked: rec?.dataset.linked ?? "",
  };
})()`;
}

/** One overview-strip event marker: it holds one isolated event, or several of one AP class too
 *  close to tell apart at the strip's width. */
export interface StripMarker {
  /** the events' onsets (data-times) */
  times: number[];
  /** the events' AP counts, in the order of `times` (data-ap-counts) */
  apCounts: number[];
  /** the events' indices in the dashboard's event list (data-indices) */
  indices: number[];
  /** how many events the marker holds (data-count) */
  count: number;
  /** its box on screen: [left, top, right, bottom] */
  box: number[];
}

/** The page-side expression whose value is the StripMarker of every strip event marker under
 *  `root` (a CSS selector; the whole page when empty), in document order. */
export function stripMarkersJs(root = ""): string {
  const markers = `${root} .tsnwb-recording-strip .tsnwb-event`.trim();
  return `[...document.querySelectorAll(${JSON.stringify(markers)})].map((c) => {
  const numbers = (s) => s.split(",").map(Number);
  const b = c.getBoundingClientRect();
  return { times: numbers(c.dataset.times), apCounts: numbers(c.dataset.apCounts), indices: numbers(c.dataset.indices),
    count: Number(c.dataset.count), box: [b.left, b.top, b.right, b.bottom] };
})`;
}

/** The page-side expression whose value is every event the strip markers under `root` hold, as
 *  [onset, AP count] by onset — what numpy's isolated events are compared with. */
export function stripEventsJs(root = ""): string {
  return `(${stripMarkersJs(root)}).flatMap((m) => m.times.map((t, i) => [t, m.apCounts[i]])).sort((a, b) => a[0] - b[0])`;
}

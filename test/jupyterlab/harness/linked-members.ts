// The views a linked-time notebook joins with `nwb.linkTime(…)`, described once each so the specs
// loop over them: the notebook code that makes the view, how to read its cursor and window from
// the DOM, the user gesture that moves the cursor from it, and the one that zooms it. A new kind of
// member is one more entry here; the specs check every pair of members.
import type { Locator } from "playwright-core";
import type { LabPage } from "./lab-page.js";
import { clickableRows } from "../../support/heatmap-rows.js";

/** A view's answer to "where is the cursor, what window is shown", read from its DOM. */
export interface MemberShown {
  /** the cursor time as the view stores it (exact float text), "" when none */
  cursor: string;
  /** "t0,t1" of the drawn time axis; null for a view without one (a movie) */
  window: string | null;
  /** the view's data-linked flag: "true" while it follows a link */
  linked: string;
  /** the sentence the view shows about the cursor (outside its data, needs the kernel), or "" */
  note: string;
  /** what only this kind of view shows (the movie's frame numbers) */
  extra: Record<string, string> | null;
}

/** Numbers read with h5py that the members' gestures need. */
export interface LinkReference {
  /** the movie's frame times */
  frameTimes: number[];
  /** the spike times of the unit the coupling and aligned views align to (rows name an index) */
  spikeTimes: number[];
}

/** Where a cursor gesture put the cursor: its time, up to `tolerance` (one pixel of the axis). */
export interface CursorTarget {
  expected: number;
  tolerance: number;
}

export interface LinkedMember {
  /** a word for titles and messages */
  kind: string;
  /** the notebook variable holding the view's model */
  variable: string;
  /** notebook code (after the recording is open as `file`, `at(path)` finds an object) that makes the view */
  cell: string;
  /** CSS selector of the view's root element inside the notebook panel */
  selector: string;
  /** page-side JS expressions on `el` (the root) for the cursor and the window text */
  cursorJs: string;
  windowJs: string;
  extraJs?: string;
  /** the user gesture that moves the cursor to (near) time `t`; null for a member with none */
  moveCursor:
    ((lab: LabPage, root: string, t: number, ref: LinkReference) => Promise<CursorTarget>) | null;
  /** the user gesture that zooms this view in (deltaY < 0) or out; null when it has no time axis */
  zoom: ((lab: LabPage, root: string, deltaY: number) => Promise<void>) | null;
  /** the kernel expression of the state this view's kernel model holds for the link */
  kernelJs: string;
}

const domainOf = (shown: MemberShown): [number, number] => {
  const [t0, t1] = (shown.window ?? "").split(",").map(Number);
  return [t0!, t1!];
};

/**
 * Runs a gesture again when its element was swapped out under it: the kernel redraws a view's
 * still figure 300 ms after its state changes, and JupyterLab then renders a new view in its place.
 */
async function onAttached<T>(gesture: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await gesture();
    } catch (e) {
      if (attempt >= 5 || !/not attached to the DOM/.test((e as Error).message)) throw e;
    }
  }
}

type Box = NonNullable<Awaited<ReturnType<Locator["boundingBox"]>>>;

/** The element's box on the page; one swapped out between finding and measuring it has none. */
async function boxOf(element: Locator, what: string): Promise<Box> {
  const box = await element.boundingBox();
  if (!box) throw new Error(`${what} is not attached to the DOM (swapped out while measured)`);
  return box;
}

/**
 * Clicks the plot at (the whole pixel nearest) time `t` on an axis whose drawn line (d3's
 * `path.domain`, spanning the plot's range) is `axisSelector`; `bandSelector` is the element
 * clicked (at its vertical middle). Both are inside the member's view. The cursor should land
 * within 2 px of that time: mouse events carry whole pixels, and d3 draws the axis line half a
 * pixel in.
 */
function clickAtTime(
  lab: LabPage,
  root: string,
  member: LinkedMember,
  axisSelector: string,
  bandSelector: string,
  t: number,
): Promise<CursorTarget> {
  return onAttached(async () => {
    const band = lab.page.locator(`${root} ${member.selector} ${bandSelector}`).first();
    await band.scrollIntoViewIfNeeded();
    const [d0, d1] = domainOf(await readMember(lab, root, member));
    const axis = await boxOf(
      lab.page.locator(`${root} ${member.selector} ${axisSelector}`).first(),
      `the ${member.kind}'s time axis`,
    );
    const box = await boxOf(band, `the ${member.kind}'s plot`);
    const x = Math.round(axis.x + ((t - d0) / (d1 - d0)) * axis.width);
    await lab.page.mouse.click(x, Math.round(box.y + box.height / 2));
    const secondsPerPixel = (d1 - d0) / axis.width;
    return { expected: d0 + (x - axis.x) * secondsPerPixel, tolerance: 2 * secondsPerPixel };
  });
}

function wheelOver(lab: LabPage, root: string, selector: string, deltaY: number): Promise<void> {
  return onAttached(async () => {
    const target = lab.page.locator(`${root} ${selector}`).first();
    await target.scrollIntoViewIfNeeded();
    const box = await boxOf(target, selector);
    await lab.page.mouse.move(box.x + box.width * 0.4, box.y + Math.min(40, box.height / 2));
    await lab.page.mouse.wheel(0, deltaY);
  });
}

/** The frame a movie shows at time `t` (numpy's searchsorted(times, t, "right") - 1), from h5py's times. */
export function frameAtTime(frameTimes: number[], t: number): number {
  let lo = 0;
  let hi = frameTimes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (frameTimes[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Clicks the heat-map row (of a CouplingView's events or an AlignedView's trials) whose event,
 * by h5py's spike times, is nearest time `t`. The rows share the image's height evenly and the
 * image names each row's event (an index into the unit's spikes); only rows a whole-pixel click
 * cannot miss are candidates (a row may be about a pixel tall). The cursor should land exactly
 * on that spike's time.
 */
function clickEventRow(
  lab: LabPage,
  root: string,
  member: LinkedMember,
  t: number,
  spikeTimes: number[],
): Promise<CursorTarget> {
  return onAttached(async () => {
    const map = lab.page.locator(`${root} ${member.selector} image.tsnwb-heatmap`).first();
    await map.scrollIntoViewIfNeeded();
    const events = ((await map.getAttribute("data-row-events")) ?? "").split(",").map(Number);
    const box = await boxOf(map, `the ${member.kind}'s heat map`);
    const rows = clickableRows(box.y, box.height, events.length).map(({ row, y }) => ({
      y,
      time: spikeTimes[events[row]!]!,
    }));
    if (!rows.length) throw new Error(`no clickable row in the ${member.kind}'s heat map`);
    const gap = (r: { time: number }) => Math.abs(r.time - t);
    const row = rows.reduce((best, r) => (gap(r) < gap(best) ? r : best));
    await lab.page.mouse.click(Math.round(box.x + box.width / 2), row.y);
    return { expected: row.time, tolerance: 0 };
  });
}

/** A view drawing lanes on a time axis (LanesPlot): a TraceView, or a CouplingView's left panel. */
function lanesMember(
  member: Pick<LinkedMember, "kind" | "variable" | "cell" | "selector" | "kernelJs">,
  moveCursor?: LinkedMember["moveCursor"],
): LinkedMember {
  const self: LinkedMember = {
    ...member,
    cursorJs: `el.querySelector(".tsnwb-lanes-plot")?.dataset.cursor`,
    windowJs: `el.querySelector(".tsnwb-x-axis")?.dataset.domain ?? null`,
    moveCursor:
      moveCursor ??
      ((lab, root, t) =>
        clickAtTime(lab, root, self, ".tsnwb-x-axis path.domain", "rect.tsnwb-overlay", t)),
    zoom: (lab, root, deltaY) =>
      wheelOver(lab, root, `${member.selector} rect.tsnwb-overlay`, deltaY),
  };
  return self;
}

/** Page-side read of a heat map's rows: their events, and how many rows are outlined (at the cursor). */
const heatmapRowsJs = `{ rowEvents: el.querySelector("image.tsnwb-heatmap")?.dataset.rowEvents ?? "", outlined: String(el.querySelectorAll("rect.tsnwb-cursor-row").length) }`;

// (the RoiView's traces and the ΔF/F trace are both TraceViews: the cell holding a RoiView tells them apart)
export const traceMember: LinkedMember = lanesMember({
  kind: "trace",
  variable: "trace",
  cell: `const trace = await nwb.nwbWidget(at("/processing/ophys/DfOverF/roi_response_series"));\ntrace`,
  selector: ".jp-Cell:not(:has(.tsnwb-roi)) .tsnwb.tsnwb-trace",
  kernelJs: `{ cursor: trace.get("cursor"), window: trace.get("xRange") }`,
});

/** A RoiView joins the link through the TraceView showing its selection: that view is the member seen. */
export const roiMember: LinkedMember = lanesMember({
  kind: "roi",
  variable: "roi",
  cell: [
    `const roi = (await nwb.nwbWidget(at("/processing/ophys/ImageSegmentation/plane_segmentation"))) as nwb.RoiModel;`,
    `const roiTraces = await nwb.traceView([{ id: "dff", label: "ΔF/F", values: dff.data.data, timestamps: dff.times }], { title: "ΔF/F and the selected ROIs" });`,
    `await roiTraces.linkRoiView(roi, await nwb.roiTracesOf(dffSeries));`,
    `roi.select([roi.get("rois").ids[0]]);`,
    `nwb.display(roi);`,
    `roiTraces`,
  ].join("\n"),
  selector: ".jp-Cell:has(.tsnwb-roi) .tsnwb.tsnwb-trace",
  kernelJs: `{ cursor: roiTraces.get("cursor"), window: roiTraces.get("xRange") }`,
});

/** CouplingView: its left panel takes the window and cursor; a click on an event row moves the cursor to it. */
export const couplingMember: LinkedMember = {
  ...lanesMember(
    {
      kind: "coupling",
      variable: "coupling",
      cell: `const coupling = await nwb.CouplingModel.create([await nwb.couplingCellOfNWB(file)]);\ncoupling`,
      selector: ".tsnwb.tsnwb-coupling",
      kernelJs: `{ cursor: coupling.get("cursor"), window: coupling.get("xRange") }`,
    },
    (lab, root, t, ref) => clickEventRow(lab, root, couplingMember, t, ref.spikeTimes),
  ),
  extraJs: heatmapRowsJs,
};

/** AlignedView: a member by its cursor only (its x axis is time from the event); a row click moves it. */
export const alignedMember: LinkedMember = {
  kind: "aligned",
  variable: "aligned",
  cell: `const aligned = await nwb.alignedView(dffSeries, { units: file.units! }, { window: [-0.5, 1] });\naligned`,
  selector: ".tsnwb.tsnwb-aligned",
  cursorJs: `el.dataset.cursor`,
  windowJs: `null`,
  extraJs: heatmapRowsJs,
  moveCursor: (lab, root, t, ref) => clickEventRow(lab, root, alignedMember, t, ref.spikeTimes),
  zoom: null,
  kernelJs: `{ cursor: aligned.get("cursor") }`,
};

export const rasterMember: LinkedMember = {
  kind: "raster",
  variable: "raster",
  cell: `const raster = await nwb.nwbWidget(file.units);\nraster`,
  selector: ".tsnwb.tsnwb-raster",
  cursorJs: `el.dataset.cursor`,
  windowJs: `el.dataset.domain ?? null`,
  // (the x axis is the svg's only direct <g> holding a d3 domain line; the PSTH's y axis is nested)
  moveCursor: (lab, root, t) =>
    clickAtTime(
      lab,
      root,
      rasterMember,
      "svg.tsnwb-raster > g > path.domain",
      "g.tsnwb-raster-rows",
      t,
    ),
  zoom: (lab, root, deltaY) =>
    wheelOver(lab, root, `${rasterMember.selector} svg.tsnwb-raster`, deltaY),
  kernelJs: `{ cursor: raster.get("cursor"), window: raster.get("visibleRange") }`,
};

export const movieMember: LinkedMember = {
  kind: "movie",
  variable: "movie",
  cell: `const movie = await nwb.nwbWidget(at("/acquisition/TwoPhotonSeries_green"));\nmovie`,
  selector: ".tsnwb.tsnwb-movie",
  cursorJs: `el.dataset.cursor`,
  windowJs: `null`,
  extraJs: `{ frame: el.dataset.frame ?? "", cursorFrame: el.dataset.cursorFrame ?? "", frameHidden: el.dataset.frameHidden ?? "", previewFrame: el.dataset.previewFrame ?? "", label: el.querySelector(".tsnwb-frame-label")?.textContent ?? "", status: el.querySelector(".tsnwb-status")?.textContent ?? "" }`,
  // Dragging the slider to the frame on screen at `t`: the cursor lands on that frame's time.
  moveCursor: (lab, root, t, { frameTimes }) =>
    onAttached(async () => {
      const slider = lab.page.locator(`${root} ${movieMember.selector} input.tsnwb-frame-slider`);
      await slider.scrollIntoViewIfNeeded();
      const frame = frameAtTime(frameTimes, t);
      await slider.fill(String(frame));
      return { expected: frameTimes[frame]!, tolerance: 0 };
    }),
  zoom: null,
  kernelJs: `{ cursor: movie.get("cursor"), frame: movie.get("frame") }`,
};

/** The members the linked-time notebook joins, in linkTime order. */
export const linkedMembers: LinkedMember[] = [
  traceMember,
  rasterMember,
  movieMember,
  roiMember,
  couplingMember,
  alignedMember,
];

/** Page-side code (a string: tsx would wrap a named function in a helper the page lacks) that reads every member. */
function readJs(root: string, members: LinkedMember[]): string {
  const reads = members.map(
    (m) =>
      `el = document.querySelector(${JSON.stringify(`${root} ${m.selector}`)});
out[${JSON.stringify(m.kind)}] = el && { cursor: (${m.cursorJs}) ?? "", window: ${m.windowJs}, linked: el.dataset.linked ?? "", note: el.dataset.linkNote ?? "", extra: ${m.extraJs ?? "null"} };`,
  );
  return `(() => { const out = {}; let el;\n${reads.join("\n")}\nreturn out; })()`;
}

/** What every member shows now, by kind (null: the view is not in the page). */
export function readMembers(
  lab: LabPage,
  root: string,
  members: LinkedMember[],
): Promise<Record<string, MemberShown | null>> {
  return lab.page.evaluate(readJs(root, members)) as Promise<Record<string, MemberShown | null>>;
}

async function readMember(lab: LabPage, root: string, member: LinkedMember): Promise<MemberShown> {
  const shown = (await readMembers(lab, root, [member]))[member.kind];
  if (!shown) throw new Error(`no ${member.kind} view (${member.selector}) in ${root}`);
  return shown;
}

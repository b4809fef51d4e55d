// Checks the recording dashboard's still figure (render/recording.ts) against h5py + numpy's
// reading of the file (reference/recording.py): its time axis maps every spike and every isolated
// event to the pixel the printed tick labels say, each AP class (1, 2, 3+) has its own labelled
// row in the live strip's colour, and within a row events closer than the merge distance share one
// marker that shows their count — grouped here again from the reference onsets.
import assert from "node:assert/strict";
import { RECORDING_STRIP } from "../../contract/recording-strip.js";

export interface StripReference {
  spikes: number[];
  /** [onset, last spike, APs] per isolated event. */
  events: [number, number, number][];
}

/** The rows the live strip draws (widgets/src/views/recording), top to bottom. */
const ROWS = [
  { label: "1 AP", color: "#1f77b4", holds: (n: number) => n === 1 },
  { label: "2 APs", color: "#ff7f0e", holds: (n: number) => n === 2 },
  { label: "3+ APs", color: "#9467bd", holds: (n: number) => n >= 3 },
];

/** A marker as drawn: its centre, its row's y, its colour, the count it prints (1 for a dot) and
 *  the onsets it says it holds. */
interface DrawnMarker {
  x: number;
  y: number;
  color: string;
  count: number;
  times: number[];
}

function attr(tag: string, name: string): string {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  assert.ok(m, `${name} in ${tag}`);
  return m[1]!;
}

/** The dashboard's own figure: the first nested <svg> of the composite, or the whole document. */
function ownFigure(svg: string): string {
  return /<svg x="0" y="0" [\s\S]*?<\/svg>/.exec(svg)?.[0] ?? svg;
}

/** time → px from the time axis' printed tick labels (first and last tick). */
function axisScale(fig: string): (t: number) => number {
  const axis = /<g class="axis axis-x">([\s\S]*?)<\/g>/.exec(fig);
  assert.ok(axis, "the figure has a time axis");
  const ticks = [...axis[1]!.matchAll(/<text x="([\d.]+)"[^>]*>(-?[\d.]+)<\/text>/g)].map((m) => ({
    px: Number(m[1]),
    t: Number(m[2]),
  }));
  assert.ok(ticks.length >= 3, `${ticks.length} axis ticks`);
  const a = ticks[0]!;
  const b = ticks[ticks.length - 1]!;
  return (t) => a.px + ((t - a.t) * (b.px - a.px)) / (b.t - a.t);
}

function drawnMarkers(fig: string): DrawnMarker[] {
  const dots = [...fig.matchAll(/<circle class="event[^"]*"[^>]*\/>/g)].map(([tag]) => ({
    x: Number(attr(tag, "cx")),
    y: Number(attr(tag, "cy")),
    color: attr(tag, "fill"),
    count: 1,
    times: attr(tag, "data-times").split(",").map(Number),
  }));
  const boxes = [
    ...fig.matchAll(
      /<g class="event event-group[^"]*"([^>]*)><rect([^>]*)\/><text([^>]*)>(\d+)<\/text><\/g>/g,
    ),
  ].map(([, g, rect, count, n]) => ({
    x: Number(attr(count!, "x")),
    y: Number(attr(rect!, "y")) + Number(attr(rect!, "height")) / 2,
    color: attr(rect!, "stroke"),
    count: Number(n),
    times: attr(g!, "data-times").split(",").map(Number),
  }));
  return [...dots, ...boxes].sort((p, q) => p.times[0]! - q.times[0]!);
}

/** The markers a row should have: onsets by time, a new marker where the next onset lies at least
 *  the merge distance right of the previous one. */
function expectedMarkers(onsets: number[], x: (t: number) => number): number[][] {
  const groups: number[][] = [];
  let last = -Infinity;
  for (const t of [...onsets].sort((p, q) => p - q)) {
    if (x(t) - last >= RECORDING_STRIP.mergeGap || groups.length === 0) groups.push([t]);
    else groups[groups.length - 1]!.push(t);
    last = x(t);
  }
  return groups;
}

/** Asserts the still strip of `svg` against `ref`; returns how many markers merge several events. */
export function checkStillStrip(svg: string, ref: StripReference): { merged: number } {
  const fig = ownFigure(svg);
  const x = axisScale(fig);
  const near = (a: number, b: number, what: string) =>
    assert.ok(Math.abs(a - b) <= 0.02, `${what}: drawn at ${a} px, expected ${b} px`);

  // spike ticks: one per reference spike, at its time's pixel
  const ticks = /<path class="spike-ticks" d="([^"]*)"/.exec(fig);
  assert.ok(ticks, "the figure has spike ticks");
  const tickX = [...ticks[1]!.matchAll(/M([\d.]+),/g)].map((m) => Number(m[1]));
  assert.equal(tickX.length, ref.spikes.length);
  ref.spikes.forEach((t, i) => near(tickX[i]!, x(t), `spike ${i} at ${t} s`));

  // one labelled row per AP class, top to bottom under the spike row
  const labelY = (label: string) => {
    const m = new RegExp(`<text [^>]*y="([\\d.]+)"[^>]*>${label.replace("+", "\\+")}</text>`).exec(
      fig,
    );
    assert.ok(m, `row label "${label}"`);
    return Number(m[1]);
  };
  const rowY = ROWS.map((r) => labelY(r.label) - 4);
  assert.ok(labelY("spikes") - 4 < rowY[0]! && rowY[0]! < rowY[1]! && rowY[1]! < rowY[2]!);

  const drawn = drawnMarkers(fig);
  let merged = 0;
  ROWS.forEach((row, k) => {
    const onsets = ref.events.filter(([, , n]) => row.holds(n)).map(([t]) => t);
    const mine = drawn.filter((m) => m.y === rowY[k]);
    const want = expectedMarkers(onsets, x);
    assert.equal(mine.length, want.length, `${row.label}: markers`);
    want.forEach((times, i) => {
      const m = mine[i]!;
      assert.deepEqual(m.times, times, `${row.label} marker ${i}`);
      assert.equal(m.count, times.length);
      assert.equal(m.color, row.color, `${row.label} marker ${i} colour`);
      const centre = times.reduce((a, t) => a + x(t), 0) / times.length;
      near(m.x, centre, `${row.label} marker ${i} (${times.join(", ")} s)`);
      if (times.length > 1) merged++;
    });
  });
  // every marker sits on one of the rows: no event is drawn twice or elsewhere
  assert.equal(drawn.length, drawn.filter((m) => rowY.includes(m.y)).length);
  assert.equal(
    drawn.reduce((a, m) => a + m.count, 0),
    ref.events.length,
  );
  return { merged };
}

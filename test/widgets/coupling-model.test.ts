// CouplingModel on real recordings (DANDI:000048 layout, GCaMP6s vs GCaMP6f): pooled event-
// triggered averages per AP class checked against numpy from h5py reads, fits, lanes, the figure,
// and bad input (no spikes, NaN ΔF/F).
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { CouplingModel } from "../../kernel-ext/models/coupling/coupling-model.js";
import { couplingCellOfNWB } from "../../kernel-ext/models/nwb/coupling-from-nwb.js";
import { asFloat32 } from "../../contract/typed-arrays.js";
import { renderCouplingSvg } from "../../render/coupling.js";
import type { WindowReply } from "../../contract/trace.js";
import { runPython } from "./support.js";

const rec = (f: string) => fileURLToPath(new URL(`../../data/recordings/${f}`, import.meta.url));
const FILES = [
  rec("Allen_GCaMP6s_Cux2_102436_rec0.nwb"),
  rec("Allen_GCaMP6f_Emx1_102959_rec0.nwb"),
];

type Ref = Record<string, Record<string, { n: number; mean: number[]; sem: (number | null)[] }>>;
/** The first cell's events in row order, and its per-class mean ± s.e.m. (numpy). */
interface EventsRef {
  _events: { onset: number; cls: string; trace: number[] }[];
  _event_groups: Record<string, { n: number; mean: number[]; sem: number[] | null }>;
}

/** Float32 state values against float64 numpy, relative to the data's scale. */
function closeTo(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  for (let i = 0; i < expected.length; i++)
    assert.ok(
      Math.abs(actual[i]! - expected[i]!) <= 1e-6 * scale + 1e-12,
      `${what}[${i}]: ${actual[i]} vs numpy ${expected[i]}`,
    );
}

describe("widgets: CouplingModel", function () {
  this.timeout(300_000);

  it("pools GCaMP6s and GCaMP6f events per AP class exactly as numpy does, and fits rise/decay", async () => {
    const files = await Promise.all(FILES.map((f) => openNWB(f)));
    try {
      const cells = await Promise.all(files.map((f) => couplingCellOfNWB(f)));
      assert.deepEqual(
        cells.map((c) => c.indicator),
        ["GCaMP6s", "GCaMP6f"],
      );
      const m = await CouplingModel.create(cells, { window: [0.5, 2] });
      try {
        const ref = runPython<Ref>("coupling_averages.py", ["0.5", "2", ...FILES]);
        const s = m.state;
        assert.equal(s.mode, "groups");
        assert.deepEqual(
          s.groups.map((g) => g.label),
          ["GCaMP6f", "GCaMP6s"],
        );
        let compared = 0;
        for (const g of s.groups) {
          for (const a of g.averages) {
            const r = ref[g.label]?.[a.apClass];
            assert.equal(a.eventCount, r?.n ?? 0, `${g.label} ${a.apClass}`);
            if (!r) continue;
            const mean = asFloat32(a.mean),
              sem = asFloat32(a.sem);
            assert.equal(mean.length, r.mean.length);
            r.mean.forEach((v, k) =>
              assert.ok(
                Math.abs(mean[k]! - v) < 1e-5 * Math.max(1, Math.abs(v)),
                `${g.label} ${a.apClass} mean[${k}]`,
              ),
            );
            r.sem.forEach((v, k) =>
              v === null
                ? assert.ok(Number.isNaN(sem[k]!))
                : assert.ok(Math.abs(sem[k]! - v) < 1e-5, `${g.label} ${a.apClass} sem[${k}]`),
            );
            compared++;
          }
        }
        assert.ok(compared >= 3, `${compared} averages compared`);
        // The events panel: the shown (first) cell's isolated events as aligned heat-map rows,
        // grouped by AP class in onset order, each row numpy's interpolated ΔF/F, each class's
        // mean ± s.e.m. numpy's over that cell's events.
        const evRef = ref as unknown as EventsRef;
        const ev = s.events;
        const nLags = asFloat32(s.lags).length;
        assert.ok(evRef._events.length >= 5, `${evRef._events.length} events of the first cell`);
        assert.deepEqual(
          ev.trials.map((t) => t.time),
          evRef._events.map((e) => e.onset),
          "rows: the events' onsets (session time) in class, then onset order",
        );
        const matrix = asFloat32(ev.traces);
        evRef._events.forEach((e, r) =>
          closeTo(matrix.subarray(r * nLags, (r + 1) * nLags), e.trace, `event row ${r}`),
        );
        assert.deepEqual(
          ev.groups.map((g) => [g.label, g.trialCount]),
          Object.entries(evRef._event_groups).map(([cls, g]) => [
            `${cls} AP${cls === "1" ? "" : "s"}`,
            g.n,
          ]),
        );
        ev.groups.forEach((g, i) => {
          const r = Object.values(evRef._event_groups)[i]!;
          closeTo(asFloat32(g.mean), r.mean, `${g.label} mean`);
          if (r.sem) closeTo(asFloat32(g.sem), r.sem, `${g.label} s.e.m.`);
        });
        // Fits: plausible ones are kept (0 < τrise < τdecay, A > 0) with the model curve; the others
        // (real averages can be dominated by earlier activity) are named in a message.
        const all = s.groups.flatMap((g) => g.averages.map((a) => ({ g: g.label, a })));
        assert.ok(
          all.some(({ a }) => a.fit),
          "at least one fit",
        );
        const lags = asFloat32(s.lags);
        for (const { g, a } of all) {
          if (a.fit) {
            const f = a.fit;
            assert.ok(
              f.amplitude > 0 && f.riseTime > 0 && f.riseTime < f.decayTime,
              JSON.stringify(f),
            );
            const curve = asFloat32(a.fitCurve);
            assert.equal(curve.length, lags.length);
            const at = (t: number) =>
              t < 0
                ? 0
                : f.amplitude * (1 - Math.exp(-t / f.riseTime)) * Math.exp(-t / f.decayTime);
            const k = lags.findIndex((t) => t >= f.timeToPeak);
            assert.ok(
              Math.abs(curve[k]! - curve[0]! - at(lags[k]!)) < 1e-4 * Math.max(1, f.amplitude),
              "curve is the fitted model",
            );
          } else if (a.eventCount > 0) {
            assert.ok(
              s.messages.some((m) => m.startsWith(`${g}, ${a.apClass} AP:`)),
              `${g} ${a.apClass} says why there is no fit`,
            );
          }
        }
        // Left panel: the first cell's voltage, spikes and ΔF/F, zoomable like TraceView.
        assert.deepEqual(
          s.lanes.map((l) => l.id),
          ["voltage", "spikes", "dff"],
        );
        const { content } = await m.window({
          type: "window",
          requestId: 1,
          t0: 10,
          t1: 11,
          pixels: 400,
        });
        assert.equal((content as WindowReply).lanes.length, 3);
        const svg = renderCouplingSvg(s);
        assert.match(svg, new RegExp(`class="heatmap" data-rows="${ev.trials.length}"`));
        assert.equal(
          (svg.match(/class="mean"/g) ?? []).length,
          s.groups.flatMap((g) => g.averages).filter((a) => a.eventCount > 0).length,
        );
        assert.equal(
          (svg.match(/class="fit"/g) ?? []).length,
          s.groups.flatMap((g) => g.averages).filter((a) => a.fit).length,
        );
      } finally {
        m.close();
      }
    } finally {
      for (const f of files) await f.close();
    }
  });

  it("draws what there is for a cell without spikes or with NaN in ΔF/F, and says why", async () => {
    const frameTimes = Float64Array.from({ length: 300 }, (_, i) => i / 30);
    const dff = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i / 10));
    const gappy = dff.slice();
    gappy.fill(NaN, 100, 110);
    const m = await CouplingModel.create([
      { id: "quiet", indicator: "GCaMP6s", spikes: [], dff, frameTimes },
      { id: "gappy", indicator: "GCaMP6f", spikes: [2, 5], dff: gappy, frameTimes },
    ]);
    try {
      const msgs = m.state.messages.join("\n");
      assert.match(msgs, /quiet: no spikes, no events/);
      assert.match(msgs, /gappy: ΔF\/F has NaN gaps; left out of the event-triggered averages/);
      assert.match(msgs, /GCaMP6s, 1 AP: no isolated events/);
      assert.ok(
        m.state.groups.every((g) => g.averages.every((a) => a.eventCount === 0 && a.fit === null)),
      );
      const svg = renderCouplingSvg(m.state);
      assert.match(svg, /GCaMP6s: no events/);
      assert.match(svg, /spikes: no spikes/);
    } finally {
      m.close();
    }
  });
});

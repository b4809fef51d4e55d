// AlignedView's kernel half on a bundled recording with an h5py-written trials table: per-trial
// traces on the lag grid, their order (grouped by a column, sorted by another), mean and s.e.m. per
// group, in the series' physical unit — each against numpy on h5py-read data. Also events from a
// Units table, regrouping from the view, the still figure, and bad input.
import assert from "node:assert/strict";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { DynamicTable } from "../../kernel-ext/nwb/neurodata/hdmf-common/dynamic-table.js";
import { TimeSeries } from "../../kernel-ext/nwb/neurodata/base/time-series.js";
import type { NWBFile } from "../../kernel-ext/nwb/neurodata/file/nwb-file.js";
import { alignedView } from "../../kernel-ext/models/nwb/aligned-from-nwb.js";
import { AlignedModel } from "../../kernel-ext/models/aligned/aligned-model.js";
import { nwbWidget } from "../../kernel-ext/models/registry/view-registry.js";
import type { AlignedState } from "../../contract/aligned.js";
import { asFloat32, asFloat64, asUint32 } from "../../contract/typed-arrays.js";
import { renderAlignedSvg } from "../../render/aligned.js";
import { renderRasterSvg } from "../../render/raster.js";
import { RasterModel } from "../../kernel-ext/models/raster/raster-model.js";
import type { RasterState } from "../../contract/raster.js";
import { writePythonFixture, type PythonFixture } from "../support/python-fixture.js";
import { runPython } from "./support.js";
import { fileURLToPath } from "node:url";

interface Ref {
  lags: number[];
  rows: number[];
  traces: number[][];
  groups: { key: string; n: number; mean: number[]; sem: number[] | null }[];
  skipped: number;
  eventCount: number;
}

const WRITER = fileURLToPath(new URL("./reference/aligned_fixture.py", import.meta.url));
const DFF = "/processing/ophys/DfOverF/roi_response_series";
const VOLTAGE = "/processing/ecephys/ElectricalSeries_processed";

function reference(
  file: string,
  series: string,
  events: string,
  window: [number, number],
  maxLags: number,
  groupBy: string | null,
  sortBy: string | null,
): Ref {
  return runPython<Ref>("aligned.py", [
    file,
    series,
    events,
    String(window[0]),
    String(window[1]),
    String(maxLags),
    groupBy ?? "-",
    sortBy ?? "-",
  ]);
}

/** Float32 state values against float64 numpy, relative to the data's scale. */
function close(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let scale = 0;
  for (let i = 0; i < expected.length; i++)
    if (Number.isFinite(expected[i]!)) scale = Math.max(scale, Math.abs(expected[i]!));
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!,
      a = actual[i]!;
    assert.ok(
      Math.abs(a - e) <= 1e-6 * scale + 1e-12,
      `${what}[${i}]: ${a} vs numpy ${e} (scale ${scale})`,
    );
  }
}

function checkAgainst(s: AlignedState, ref: Ref, what: string): void {
  close(asFloat32(s.lags), ref.lags, `${what} lags`);
  assert.deepEqual(
    s.trials.map((t) => t.event),
    ref.rows,
    `${what}: heat map rows in numpy's order`,
  );
  const m = asFloat32(s.traces);
  const n = ref.lags.length;
  assert.equal(m.length, ref.rows.length * n);
  ref.traces.forEach((tr, r) => close(m.subarray(r * n, (r + 1) * n), tr, `${what} row ${r}`));
  assert.equal(s.groups.length, ref.groups.length, `${what}: groups`);
  let row = 0;
  s.groups.forEach((g, i) => {
    const rg = ref.groups[i]!;
    assert.ok(g.label.endsWith(rg.key), `${what}: group ${g.label} vs ${rg.key}`);
    assert.equal(g.trialCount, rg.n);
    assert.equal(g.firstRow, row);
    row += g.trialCount;
    close(asFloat32(g.mean), rg.mean, `${what} ${g.label} mean`);
    if (rg.sem) close(asFloat32(g.sem), rg.sem, `${what} ${g.label} s.e.m.`);
    else assert.ok(asFloat32(g.sem).every((v) => Number.isNaN(v)));
  });
  assert.equal(s.alignment.eventCount, ref.eventCount);
}

describe("widgets: AlignedModel (event-aligned views) vs numpy", function () {
  this.timeout(300_000);
  let fx: PythonFixture<null>;
  let file: NWBFile;
  let trials: DynamicTable;

  before(async function () {
    fx = writePythonFixture<null>({
      writer: WRITER,
      fileName: "aligned-trials.nwb",
      reference: "print('null')",
    });
    file = await openNWB(fx.file);
    const t = file.ctx.find("/intervals/trials");
    assert.ok(t instanceof DynamicTable);
    trials = t;
  });
  after(async function () {
    await file?.close();
    fx?.dispose();
  });

  /** ΔF/F around trials.start_time, [-0.5, 1] s, grouped by condition, sorted by amplitude. */
  function groupedDffReference(): Ref {
    return reference(fx.file, DFF, "trials:start_time", [-0.5, 1], 400, "condition", "amplitude");
  }

  function series(path: string): TimeSeries {
    const s = file.ctx.find(path);
    assert.ok(s instanceof TimeSeries, path);
    return s;
  }

  it("ΔF/F (timestamps) around trials.start_time, grouped by condition, sorted by amplitude", async function () {
    const ref = groupedDffReference();
    const view = await alignedView(
      series(DFF),
      { table: trials, column: "start_time" },
      { window: [-0.5, 1], groupBy: "condition", sortBy: "amplitude" },
    );
    const s = view.state;
    checkAgainst(s, ref, "ΔF/F");
    assert.deepEqual(
      s.groups.map((g) => g.label),
      ["condition A", "condition B", "condition C"],
    );
    assert.deepEqual(s.columns, ["start_time", "stop_time", "condition", "amplitude"]);
    assert.equal(s.alignment.label, "trials.start_time");
    // Rows within a group are in ascending amplitude.
    assert.match(s.trials[0]!.label, /^amplitude /);
  });

  it("voltage (rate, conversion 2e-6) in volts, resampled kernel-side to maxLags lags", async function () {
    const ref = reference(fx.file, VOLTAGE, "trials:start_time", [-0.2, 0.3], 250, null, null);
    const view = await alignedView(
      series(VOLTAGE),
      { table: trials },
      { window: [-0.2, 0.3], maxLags: 250 },
    );
    const s = view.state;
    assert.equal(s.signal.unit, "volts");
    assert.ok(asFloat32(s.lags).length <= 250);
    checkAgainst(s, ref, "voltage");
    // The voltage covers 30 s: later trials are left out, and said so.
    assert.ok(ref.skipped > 0 && ref.rows.length > 5, `${ref.skipped} skipped`);
    assert.deepEqual(
      s.trials.map((t) => t.event),
      Array.from({ length: ref.rows.length }, (_, i) => i),
      "without sortBy the rows are in event order",
    );
    assert.match(s.messages.join(" "), new RegExp(`${ref.skipped} of 30 events left out`));
  });

  it("events from a Units table (spike-triggered voltage), events near the ends skipped", async function () {
    const ref = reference(fx.file, VOLTAGE, "units:0", [-0.002, 0.004], 400, null, null);
    const units = file.units!;
    const view = await nwbWidget(series(VOLTAGE), {
      view: "aligned",
      events: { units, unit: 0 },
      window: [-0.002, 0.004],
    });
    assert.ok(view instanceof AlignedModel);
    checkAgainst(view.state, ref, "spike-triggered voltage");
    // 20 kHz over 6 ms: the grid is the sampling grid (no coarsening).
    assert.equal(asFloat32(view.state.lags).length, ref.lags.length);
    assert.ok(ref.lags.length === 121, `${ref.lags.length} lags`);
  });

  it("spikes of all units, grouped by the units' quality and sorted by depth: per-group mean ± s.e.m. = numpy", async function () {
    const ref = reference(fx.file, DFF, "units:all", [-0.5, 1], 400, "quality", "depth");
    const view = await alignedView(
      series(DFF),
      { units: file.units!, unit: "all" },
      { window: [-0.5, 1], groupBy: "quality", sortBy: "depth" },
    );
    const s = view.state;
    checkAgainst(s, ref, "spike-triggered ΔF/F by quality");
    assert.deepEqual(
      s.groups.map((g) => g.label),
      ["quality good", "quality mua"],
    );
    assert.ok(
      ref.groups.every((g) => g.n > 10 && g.sem !== null),
      "s.e.m. checked in both groups",
    );
    assert.deepEqual(s.columns, ["unit", "quality", "depth"]);
    // grouped by unit instead: one group per unit id
    view.set({ groupBy: "unit", sortBy: null });
    checkAgainst(
      view.state,
      reference(fx.file, DFF, "units:all", [-0.5, 1], 400, "unit", "-"),
      "by unit",
    );
    assert.equal(view.state.groups.length, 6);
  });

  it("regroups and reorders when the view changes groupBy / sortBy", async function () {
    const view = await alignedView(series(DFF), { table: trials }, { window: [-0.5, 1] });
    assert.equal(view.state.groups.length, 1);
    view.set({ groupBy: "condition", sortBy: "amplitude" });
    const ref = groupedDffReference();
    checkAgainst(view.state, ref, "after regrouping");
    const svg = renderAlignedSvg(view.state);
    assert.match(svg, /class="heatmap" data-rows="30"/);
    assert.equal((svg.match(/class="mean"/g) ?? []).length, 3);
    assert.match(svg, /time from trials.start_time \(s\)/);
    assert.match(svg, /condition B \(10\)/);
  });

  it("says what is wrong with bad input", async function () {
    await assert.rejects(
      alignedView(series(DFF), { table: trials, column: "nope" }),
      /expected a column of event times 'nope'/,
    );
    await assert.rejects(
      alignedView(series(DFF), { table: trials }, { groupBy: "colour" }),
      /groupBy 'colour' is not a column of the events; expected one of: start_time/,
    );
    await assert.rejects(alignedView(series(DFF), [1, 2], { window: [0.5, 1] }), /start ≤ 0 < end/);
    await assert.rejects(nwbWidget(series(DFF), { view: "aligned" }), /expected `events` too/);
    const outside = await alignedView(series(DFF), [-100, 1e6]);
    assert.equal(outside.state.trials.length, 0);
    assert.match(outside.state.messages.join(" "), /2 of 2 events left out/);
    assert.match(renderAlignedSvg(outside.state), /2 of 2 events left out/);
  });
});

describe("widgets: RasterModel rows grouped and sorted by a table column vs h5py", function () {
  this.timeout(300_000);
  let fx: PythonFixture<null>;
  let file: NWBFile;
  before(async function () {
    fx = writePythonFixture<null>({
      writer: WRITER,
      fileName: "raster-groups.nwb",
      reference: "print('null')",
    });
    file = await openNWB(fx.file);
  });
  after(async function () {
    await file?.close();
    fx?.dispose();
  });

  interface RowsRef {
    ids: number[];
    groups: { key: string; n: number }[];
    rows: number[][];
  }

  function checkRows(s: RasterState, ref: RowsRef, groupBy: string, what: string): void {
    assert.deepEqual(
      s.rows.map((r) => r.id),
      ref.ids,
      `${what}: rows in h5py's group/sort order`,
    );
    assert.deepEqual(
      s.groups.map((g) => [g.label, g.rowCount]),
      ref.groups.map((g) => [`${groupBy} ${g.key}`, g.n]),
    );
    let first = 0;
    s.groups.forEach((g) => {
      assert.equal(g.firstRow, first);
      first += g.rowCount;
    });
    const times = asFloat64(s.spikeTimes);
    const offsets = asUint32(s.rowOffsets);
    ref.rows.forEach((row, r) => {
      const got = Array.from(times.subarray(offsets[r]!, offsets[r + 1]!));
      assert.equal(got.length, row.length, `${what} row ${r}: spike count`);
      got.forEach((t, k) =>
        assert.ok(Math.abs(t - row[k]!) <= 1e-12 * Math.max(1, Math.abs(t)), `${what} row ${r}`),
      );
    });
  }

  it("units rows grouped by quality and sorted by depth; the view regroups; the figure labels groups", async function () {
    const units = file.units!;
    const view = await nwbWidget(units, { groupBy: "quality", sortBy: "depth" });
    assert.ok(view instanceof RasterModel);
    const s = view.state;
    assert.deepEqual(s.columns, ["quality", "depth"]);
    const ref = runPython<RowsRef>("raster_rows.py", [fx.file, "units", "quality", "depth"]);
    assert.equal(ref.ids.length, 6);
    checkRows(s, ref, "quality", "units");
    const svg = renderRasterSvg(s);
    assert.equal((svg.match(/class="group-separator"/g) ?? []).length, ref.groups.length - 1);
    for (const g of ref.groups) assert.ok(svg.includes(`quality ${g.key} (${g.n})`), g.key);
    // The view picks another grouping: the kernel reorders the rows.
    view.set({ groupBy: null, sortBy: "depth" });
    const byDepth = runPython<RowsRef>("raster_rows.py", [fx.file, "units", "-", "depth"]);
    assert.equal(view.state.groups.length, 1);
    assert.deepEqual(
      view.state.rows.map((r) => r.id),
      byDepth.ids,
    );
    assert.notDeepEqual(byDepth.ids, ref.ids, "a different order than grouped");
    // The PSTH does not depend on the row order.
    assert.deepEqual(
      Array.from(asFloat32(view.state.psth.rate)),
      Array.from(asFloat32(s.psth.rate)),
    );
    await assert.rejects(
      nwbWidget(units, { groupBy: "colour" }),
      /groupBy 'colour' is not a column of the units; expected one of: quality, depth/,
    );
  });

  it("trial rows (unit 0 around trials.start_time) grouped by condition, sorted by amplitude", async function () {
    const trials = file.ctx.find("/intervals/trials");
    assert.ok(trials instanceof DynamicTable);
    const view = await nwbWidget(file.units!, {
      alignTo: { table: trials, column: "start_time" },
      groupBy: "condition",
      sortBy: "amplitude",
    });
    assert.ok(view instanceof RasterModel);
    const ref = runPython<RowsRef>("raster_rows.py", [fx.file, "trials", "condition", "amplitude"]);
    checkRows(view.state, ref, "condition", "trials");
    assert.deepEqual(
      view.state.groups.map((g) => g.label),
      ["condition A", "condition B", "condition C"],
    );
  });
});

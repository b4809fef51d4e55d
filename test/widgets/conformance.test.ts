// The conformance sweep: nwbWidget on every typed object of every fixture and bundled recording, and
// of a file written here with the NWB scaling cases (channel_conversion, offset, negative conversion,
// timestamps far from 0, several int16 channels). Each view's numbers — lane overviews (per pixel
// bucket: min, max, first and last finite sample time), raster spike times, ROI contour pixel counts
// and projection images, movie frames, table cells — are compared with h5py + numpy
// (reference/conformance.py, one process for all cases), in physical units.
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { NWBError } from "../../kernel-ext/nwb/errors.js";
import type { NWBFile } from "../../kernel-ext/nwb/neurodata/file/nwb-file.js";
import { PlaneSegmentation } from "../../kernel-ext/nwb/neurodata/ophys/plane-segmentation.js";
import { moviesOfPlane } from "../../kernel-ext/models/nwb/roi-from-nwb.js";
import { recordingParts } from "../../kernel-ext/models/recording/recording-parts.js";
import type { RecordingModel } from "../../kernel-ext/models/recording/recording-model.js";
import { nwbWidget, viewFor } from "../../kernel-ext/models/registry/view-registry.js";
import { saveFigure } from "../../kernel-ext/models/figure/save-figure.js";
import { ringsArea } from "../../kernel-ext/models/roi/pixel-contours.js";
import { asFloat32, asFloat64, asUint32, ndValues } from "../../contract/typed-arrays.js";
import { unpackLaneSlice } from "../../contract/trace.js";
import type { LaneSlice, TraceLane, WindowReply } from "../../contract/trace.js";
import { TraceModel } from "../../kernel-ext/models/trace/trace-model.js";
import { RoiResponseSeries } from "../../kernel-ext/nwb/neurodata/ophys/roi-response-series.js";
import { inferSpikes } from "../../kernel-ext/analysis/inference/model/infer-spikes.js";
import { groundTruthDatasetOf } from "../../kernel-ext/analysis/inference/model/ground-truth-dataset.js";
import { roiTracesOf } from "../../kernel-ext/models/nwb/roi-traces-from-nwb.js";
import type { RasterState } from "../../contract/raster.js";
import type { RoiState } from "../../contract/roi.js";
import { frameImageValues, type MovieState } from "../../contract/movie.js";
import type { TableState } from "../../contract/table.js";
import { allFixtures, rel } from "../nwb/support.js";
import { runPython, tempDir } from "./support.js";

const RECORDINGS = fileURLToPath(new URL("../../data/recordings/", import.meta.url));

/** Values travel as float32: one float32 rounding of each value (relative 6e-8), with margin. */
const VALUE_RTOL = 1e-6;
/** Times travel as float64; regular times are t0 + i / rate on both sides. */
const TIME_RTOL = 1e-12;
/** Width of the zoomed window each trace view is asked for. */
const ZOOM_PIXELS = 300;

interface LaneRef {
  unit: string;
  samples: number;
  inside: number;
  extent: [number, number];
  lo: (number | null)[];
  hi: (number | null)[];
  tfirst: (number | null)[];
  tlast: (number | null)[];
}
type Check = (ref: any) => void;

const close = (a: number, b: number, rtol: number, scale = 0) =>
  Math.abs(a - b) <= rtol * Math.max(Math.abs(b), scale) + 1e-300;

/** Per pixel bucket of a line slice (same bucket formula as minMaxDecimate): min and max of the
 *  finite values, first and last finite sample time — what a drawn lane shows in that pixel. */
function bucketsOf(
  times: Float64Array,
  values: Float32Array,
  t0: number,
  t1: number,
  pixels: number,
) {
  const P = Math.floor(pixels);
  const lo: (number | null)[] = new Array(P).fill(null),
    hi = [...lo],
    tfirst = [...lo],
    tlast = [...lo];
  let inside = 0;
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    if (t < t0 || t > t1) continue; // the neighbours sent so the line reaches the edges
    inside++;
    const v = values[k]!;
    if (v !== v) continue;
    const b = Math.min(P - 1, Math.floor(((t - t0) * P) / (t1 - t0)));
    if (lo[b] === null || v < lo[b]!) lo[b] = v;
    if (hi[b] === null || v > hi[b]!) hi[b] = v;
    if (tfirst[b] === null) tfirst[b] = t;
    tlast[b] = t;
  }
  return { lo, hi, tfirst, tlast, inside };
}

describe("widgets: conformance sweep — every object's view holds h5py + numpy's numbers", function () {
  this.timeout(900_000); // the whole sweep; ~80 files, most of them small
  const dir = tempDir("conformance");
  const scaled = join(dir.path, "scaled.nwb");
  before(() => runPython("conformance.py", ["write", dir.path]));
  after(() => dir.remove());

  it("nwbWidget on every object of every fixture, recording and scaling case equals h5py + numpy", async function () {
    const recordings = readdirSync(RECORDINGS)
      .filter((n) => n.endsWith(".nwb"))
      .map((n) => join(RECORDINGS, n));
    const files = [...allFixtures(), ...recordings, scaled];
    const label = (f: string) =>
      f === scaled
        ? "scaled.nwb"
        : f.startsWith(RECORDINGS)
          ? `recordings/${f.slice(RECORDINGS.length)}`
          : rel(f);

    const cases: object[] = [];
    const checks: Check[] = [];
    const problems: string[] = [];
    const byView = new Map<string, number>();
    const filesByView = new Map<string, Set<string>>();
    const notNWB: string[] = [];
    let numbersChecked = 0;
    const expect = (ok: boolean, what: () => string) => {
      numbersChecked++;
      if (!ok && problems.length < 5000) problems.push(what());
    };
    const ask = (c: object, check: Check) => {
      cases.push(c);
      checks.push(check);
    };

    /** A line lane's overview against numpy's buckets of the series (channel `channel`) in its unit. */
    /** `o`: the lane's overview, or a window the view asked for (then `lane.id` names it "zoom"). */
    const checkLane = (
      file: string,
      where: string,
      lane: TraceLane,
      pixels: number,
      series: string,
      channel: number,
      unitShown: boolean,
      o: LaneSlice = lane.overview,
    ) => {
      const { times, values } = unpackLaneSlice({ kind: "line", count: o.count }, o.data);
      const ours = bucketsOf(times, values!, o.t0, o.t1, pixels);
      ask(
        { kind: "lane", file, path: series, channel, t0: o.t0, t1: o.t1, pixels },
        (ref: LaneRef) => {
          const at = `${where} lane ${lane.id}${o === lane.overview ? "" : ` window [${o.t0}, ${o.t1}]`}`;
          if (unitShown)
            expect(
              lane.unit === ref.unit,
              () => `${at}: unit "${lane.unit}", file says "${ref.unit}"`,
            );
          expect(
            lane.sampleCount === ref.samples,
            () => `${at}: ${lane.sampleCount} samples, h5py ${ref.samples}`,
          );
          expect(
            o.sourceCount === ref.inside,
            () => `${at}: ${o.sourceCount} samples in the window, numpy ${ref.inside}`,
          );
          for (let e = 0; e < 2; e++)
            expect(
              close(lane.extent[e]!, ref.extent[e]!, TIME_RTOL),
              () => `${at}: extent ${lane.extent}, numpy ${ref.extent}`,
            );
          const scale = Math.max(...ref.lo.concat(ref.hi).map((v) => Math.abs(v ?? 0)));
          for (let b = 0; b < ref.lo.length; b++) {
            for (const [name, mine, theirs, rtol] of [
              ["min", ours.lo[b], ref.lo[b], VALUE_RTOL],
              ["max", ours.hi[b], ref.hi[b], VALUE_RTOL],
              ["first time", ours.tfirst[b], ref.tfirst[b], TIME_RTOL],
              ["last time", ours.tlast[b], ref.tlast[b], TIME_RTOL],
            ] as const) {
              const ok =
                mine === null || theirs === null
                  ? mine === theirs
                  : close(mine, theirs, rtol, name.endsWith("time") ? 0 : scale * 1e-3);
              expect(ok, () => `${at}: pixel ${b} ${name} ${mine}, numpy ${theirs}`);
            }
          }
        },
      );
    };

    /** An inferred-spikes lane against inferSpikes on the column h5py reads (values in the file's
     *  unit, its timestamps), by the fold model that did not see the recording's dataset. */
    const checkInferred = (
      file: string,
      where: string,
      lane: TraceLane,
      series: string,
      channel: number,
      sessionDescription: string | undefined,
      o: LaneSlice = lane.overview,
    ) => {
      const shown = unpackLaneSlice({ kind: "events", count: o.count }, o.data).times;
      ask(
        { kind: "signal", file, path: series, channel },
        (ref: { values: (number | null)[]; timestamps: number[] }) => {
          const at = `${where} lane ${lane.id}${o === lane.overview ? "" : ` window [${o.t0}, ${o.t1}]`}`;
          const expected = inferSpikes(
            {
              values: Float64Array.from(ref.values, (v) => v ?? NaN),
              timestamps: Float64Array.from(ref.timestamps),
            },
            { notTrainedOn: groundTruthDatasetOf(sessionDescription), onWarning: () => {} },
          ).spikeTimes.filter((t) => t >= o.t0 && t <= o.t1);
          expect(
            shown.length === expected.length,
            () =>
              `${at}: ${shown.length} inferred spikes, inferSpikes on h5py's values ${expected.length}`,
          );
          for (let i = 0; i < Math.min(shown.length, expected.length); i++)
            expect(
              close(shown[i]!, expected[i]!, TIME_RTOL),
              () =>
                `${at}: inferred spike ${i} at ${shown[i]} s, inferSpikes on h5py's values ${expected[i]} s`,
            );
        },
      );
    };

    for (const file of files) {
      let nwb: NWBFile;
      try {
        nwb = await openNWB(file);
      } catch (e) {
        // Not NWB 2.x (checked with its message in test/nwb/all-files.test.ts): no objects to view.
        assert.ok(e instanceof NWBError, `${label(file)}: ${String(e)}`);
        notNWB.push(label(file));
        continue;
      }
      try {
        for (const entry of nwb.objects()) {
          const obj = nwb.ctx.find(entry.path)!;
          const where = `${label(file)}:${entry.path}`;
          let view: string;
          let w;
          try {
            view = viewFor(obj);
            w = await nwbWidget(obj);
          } catch (e) {
            problems.push(`${where}: nwbWidget failed: ${(e as Error).message}`);
            continue;
          }
          byView.set(view, (byView.get(view) ?? 0) + 1);
          filesByView.set(view, (filesByView.get(view) ?? new Set()).add(file));
          try {
            const s = w.state as any;
            if (view === "trace") {
              // A series lane (ch<c>) against numpy's buckets; an inferred-spikes lane (inferred<c>)
              // against inferSpikes on h5py's values. `o`: the overview, or a zoomed window.
              const checkSeriesLane = (lane: TraceLane, pixels: number, o?: LaneSlice) =>
                lane.id.startsWith("inferred")
                  ? checkInferred(
                      file,
                      where,
                      lane,
                      entry.path,
                      Number(lane.id.replace(/^inferred/, "")),
                      nwb.sessionDescription,
                      o,
                    )
                  : checkLane(
                      file,
                      where,
                      lane,
                      pixels,
                      entry.path,
                      Number(lane.id.replace(/^ch/, "")),
                      true,
                      o,
                    );
              for (const lane of s.lanes as TraceLane[]) checkSeriesLane(lane, s.overviewPixels);
              // The traces a RoiView links to: ROI id → its column, as a lane of its own.
              if (obj instanceof RoiResponseSeries) {
                const traceOf = await roiTracesOf(obj);
                const rows = await obj.roiIndices();
                const idDs = obj.planeSegmentation.optionalDataset("id");
                const ids = idDs
                  ? Array.from((await idDs.read()).data as ArrayLike<number | bigint>, Number)
                  : rows.map((_, i) => i);
                for (const [j, row] of rows.entries()) {
                  const input = await traceOf(ids[row]!);
                  assert.ok(input, `${where}: a trace for ROI ${ids[row]}`);
                  const linked = await TraceModel.create([{ ...input, id: `roi${ids[row]}` }]);
                  checkLane(
                    file,
                    `${where} (ROI ${ids[row]})`,
                    linked.state.lanes[0]!,
                    linked.state.overviewPixels,
                    entry.path,
                    j,
                    true,
                  );
                  linked.close();
                }
              }
              // A zoomed window (the middle 5%), as the view asks for it when zoomed.
              const [a, b] = s.fullRange as [number, number];
              if (b > a) {
                const t0 = a + 0.475 * (b - a),
                  t1 = a + 0.525 * (b - a);
                const { content, buffers } = await (w as TraceModel).window({
                  type: "window",
                  requestId: 1,
                  t0,
                  t1,
                  pixels: ZOOM_PIXELS,
                });
                const reply = content as WindowReply;
                assert.equal(reply.type, "window", `${where}: ${JSON.stringify(content)}`);
                reply.lanes.forEach((slice, k) => {
                  const lane = (s.lanes as TraceLane[]).find((l) => l.id === slice.laneId)!;
                  checkSeriesLane(lane, ZOOM_PIXELS, { ...slice, data: buffers[k]! });
                });
              }
            } else if (view === "coupling") {
              const voltage = [
                "/processing/ecephys/ElectricalSeries_processed",
                "/acquisition/ElectricalSeries_raw",
              ].find((p) => nwb.ctx.find(p));
              for (const lane of s.lanes as TraceLane[]) {
                if (lane.id === "voltage")
                  checkLane(file, where, lane, s.overviewPixels, voltage!, 0, true);
                if (lane.id === "dff")
                  checkLane(
                    file,
                    where,
                    lane,
                    s.overviewPixels,
                    "/processing/ophys/DfOverF/roi_response_series",
                    0,
                    false,
                  );
              }
            } else if (view === "recording") {
              // The dashboard's trace panels: voltage lanes and ΔF/F against the file's series, the
              // inferred spikes against inferSpikes on h5py's values (events: recording-view.test.ts).
              const parts = recordingParts(nwb);
              const members = (w as RecordingModel).members;
              const lanes = (m: unknown) =>
                ((m as TraceModel | undefined)?.state.lanes ?? []) as TraceLane[];
              const pixels = (members.voltage ?? members.dff)?.get("overviewPixels") as number;
              for (const lane of lanes(members.voltage)) {
                const series =
                  lane.id === "raw"
                    ? parts.raw
                    : lane.id === "filtered"
                      ? parts.filtered
                      : undefined;
                if (series)
                  checkLane(file, `${where} ${lane.id}`, lane, pixels, series.path, 0, true);
              }
              for (const lane of lanes(members.dff)) {
                if (lane.id === "dff")
                  checkLane(file, `${where} ΔF/F`, lane, pixels, parts.dff!.path, 0, true);
                if (lane.id.startsWith("inferred"))
                  checkInferred(file, where, lane, parts.dff!.path, 0, nwb.sessionDescription);
              }
            } else if (view === "raster") {
              const r = s as RasterState;
              const times = asFloat64(r.spikeTimes),
                offsets = asUint32(r.rowOffsets);
              ask(
                { kind: "raster", file, path: entry.path },
                (ref: { ids: number[]; spikes: number[][] }) => {
                  expect(
                    JSON.stringify(r.rows.map((x) => x.id)) === JSON.stringify(ref.ids),
                    () => `${where}: rows ${r.rows.map((x) => x.id)}, h5py ids ${ref.ids}`,
                  );
                  r.rows.forEach((row, k) => {
                    const mine = Array.from(times.subarray(offsets[k]!, offsets[k + 1]!)).sort(
                      (a, b) => a - b,
                    );
                    const theirs = ref.spikes[k] ?? [];
                    expect(
                      mine.length === theirs.length && mine.every((t, i) => t === theirs[i]),
                      () =>
                        `${where}: unit ${row.id}: ${mine.length} spikes, h5py ${theirs.length} (or times differ)`,
                    );
                  });
                },
              );
            } else if (view === "roi") {
              const r = s as RoiState;
              const pts = asFloat32(r.rois.points),
                rings = asUint32(r.rois.ringOffsets),
                rois = asUint32(r.rois.roiOffsets);
              const counts = r.rois.ids.map((_, k) => {
                const flat: number[][] = [];
                for (let g = rois[k]!; g < rois[k + 1]!; g++)
                  flat.push(Array.from(pts.subarray(2 * rings[g]!, 2 * rings[g + 1]!)));
                return ringsArea(flat);
              });
              const movie = moviesOfPlane(obj as PlaneSegmentation)[0];
              const stop = movie ? Math.min(movie.frameCount, 2000) : 0;
              ask(
                {
                  kind: "roi",
                  file,
                  path: entry.path,
                  movie: movie?.path,
                  stop,
                  imageSize: r.imageSize,
                },
                (ref: {
                  ids: number[];
                  pixelCounts: number[];
                  imageSize: number[];
                  mean?: (number | null)[];
                }) => {
                  expect(
                    JSON.stringify(r.imageSize) === JSON.stringify(ref.imageSize),
                    () => `${where}: image size ${r.imageSize}, image_mask ${ref.imageSize}`,
                  );
                  expect(
                    JSON.stringify(r.rois.ids) === JSON.stringify(ref.ids),
                    () => `${where}: ROI ids ${r.rois.ids}, h5py ${ref.ids}`,
                  );
                  expect(
                    JSON.stringify(counts) === JSON.stringify(ref.pixelCounts),
                    () => `${where}: contour pixel counts ${counts}, h5py masks ${ref.pixelCounts}`,
                  );
                  if (ref.mean) {
                    expect(
                      r.imageKind === "mean" && r.image !== null,
                      () => `${where}: no mean image`,
                    );
                    const img = ndValues(r.image!);
                    const scale = Math.max(...ref.mean.map((v) => Math.abs(v ?? 0)));
                    expect(
                      img.length === ref.mean.length &&
                        ref.mean.every((v, i) => close(img[i]!, v!, VALUE_RTOL, scale * 1e-3)),
                      () =>
                        `${where}: mean image differs from numpy (${Array.from(img).slice(0, 3)} vs ${ref.mean!.slice(0, 3)})`,
                    );
                  }
                },
              );
            } else if (view === "movie") {
              const m = s as MovieState;
              ask(
                { kind: "movie", file, path: entry.path, frame: m.frame },
                (ref: { count: number; frame: (number | null)[] | null; time: number }) => {
                  expect(
                    m.frameCount === ref.count,
                    () => `${where}: ${m.frameCount} frames, h5py ${ref.count}`,
                  );
                  if (ref.frame === null)
                    return expect(
                      m.frameImage === null,
                      () => `${where}: a frame image for a movie without frames`,
                    );
                  const img = ndValues(frameImageValues(m)!);
                  const scale = Math.max(...ref.frame!.map((v) => Math.abs(v ?? 0)));
                  expect(
                    img.length === ref.frame!.length &&
                      ref.frame!.every((v, i) =>
                        v === null
                          ? Number.isNaN(img[i])
                          : close(img[i]!, v, VALUE_RTOL, scale * 1e-3),
                      ),
                    () =>
                      `${where}: frame ${m.frame} differs from numpy (${Array.from(img).slice(0, 3)} vs ${ref.frame!.slice(0, 3)})`,
                  );
                  expect(
                    close(m.frameTime, ref.time, TIME_RTOL),
                    () => `${where}: frame time ${m.frameTime}, h5py ${ref.time}`,
                  );
                },
              );
            } else if (view === "table") {
              const t = s as TableState;
              ask(
                {
                  kind: "table",
                  file,
                  path: entry.path,
                  offset: t.offset,
                  limit: t.limit,
                  columns: t.columns.map((c) => c.name),
                },
                (ref: { ids: number[]; columns: Record<string, unknown[]> }) => {
                  expect(
                    JSON.stringify(t.ids) === JSON.stringify(ref.ids),
                    () => `${where}: ids ${t.ids.slice(0, 5)}, h5py ${ref.ids.slice(0, 5)}`,
                  );
                  t.columns.forEach((c, j) => {
                    const theirs = ref.columns[c.name];
                    if (!theirs) return; // ragged, compound, reference or 2-D: shown as summaries
                    t.rows.forEach((row, i) => {
                      const mine = row[j];
                      const v = theirs[i];
                      const ok =
                        typeof v === "number"
                          ? typeof mine === "number" && close(mine, v, 1e-12)
                          : mine === (typeof v === "boolean" ? String(v) : v);
                      expect(
                        ok,
                        () =>
                          `${where}: row ${t.offset + i} column ${c.name}: ${JSON.stringify(mine)}, h5py ${JSON.stringify(v)}`,
                      );
                    });
                  });
                },
              );
            }
          } finally {
            w.close();
          }
        }
      } finally {
        await nwb.close();
      }
    }

    const casesFile = join(dir.path, "cases.json");
    writeFileSync(casesFile, JSON.stringify(cases));
    const refs = runPython<unknown[]>("conformance.py", ["reference", casesFile]);
    assert.equal(refs.length, cases.length);
    refs.forEach((ref, i) => checks[i]!(ref));

    const objects = [...byView.values()].reduce((a, b) => a + b, 0);
    const views = [...byView.entries()]
      .sort()
      .map(([v, n]) => `${v} ${n} in ${filesByView.get(v)!.size} files`)
      .join(", ");
    console.log(
      `      conformance: ${objects} objects in ${files.length - notNWB.length} files (${notNWB.length} more not NWB 2.x): ${views}`,
    );
    console.log(
      `      ${cases.length} h5py + numpy cases (lane overviews, zoomed windows, rasters, ROI sets, movie frames, table pages), ${numbersChecked} comparisons`,
    );
    // Mismatches grouped by view, three shown per view.
    const perView = new Map<string, string[]>();
    for (const p of problems) {
      const key = p.split(": ")[0]!;
      perView.set(key, [...(perView.get(key) ?? []), p]);
    }
    assert.deepEqual(
      [...perView.values()].flatMap((ps) => [
        ...ps.slice(0, 3),
        ...(ps.length > 3 ? [`  … ${ps.length - 3} more`] : []),
      ]),
      [],
      `${problems.length} mismatches`,
    );
    assert.ok(objects > 0 && cases.length > 0);
  });

  it("saveFigure of scaled series: the axis says the unit and its ticks span numpy's range in that unit", async function () {
    const file = await openNWB(scaled);
    try {
      for (const path of [
        "/acquisition/es_cc_one",
        "/acquisition/ts_negative",
        "/acquisition/es_cc_four",
      ]) {
        const w = await nwbWidget(file.get(path));
        const svgPath = join(dir.path, `${path.split("/").pop()}.svg`);
        try {
          await saveFigure(w, svgPath);
        } finally {
          w.close();
        }
        const svg = readFileSync(svgPath, "utf8");
        const lanes = [
          ...svg.matchAll(
            /<g class="lane" data-lane="ch(\d+)">([\s\S]*?)<\/g><path class="lane-line"/g,
          ),
        ];
        assert.ok(lanes.length > 0, `${path}: no lanes in the figure`);
        for (const [, ch, body] of lanes) {
          const t = (w.state as { lanes: TraceLane[] }).lanes.find((l) => l.id === `ch${ch}`)!;
          const [ref] = runPython<LaneRef[]>("conformance.py", [
            "reference",
            writeCase(dir.path, {
              kind: "lane",
              file: scaled,
              path,
              channel: Number(ch),
              t0: t.extent[0],
              t1: t.extent[1],
              pixels: 1,
            }),
          ]);
          assert.match(
            body!,
            new RegExp(`class="lane-label"[^>]*>[^<]*\\(${ref!.unit}\\)</text>`),
            `${path} ch${ch}: the lane label names the unit ${ref!.unit}`,
          );
          // The y axis: tick value at pixel y, two ticks give the value scale; the axis line's ends give the domain.
          const ticks = [
            ...body!.matchAll(/<path d="M[\d.]+,([\d.]+)h-4"[^>]*\/><text[^>]*>([^<]+)<\/text>/g),
          ].map(([, y, v]) => [Number(y), Number(v!.replace("−", "-").replace(/,/g, ""))] as const); // d3's default tick format
          const axis = body!.match(/<path d="M[\d.]+,([\d.]+)V([\d.]+)"/)!;
          assert.ok(
            ticks.length >= 2 && ticks.every(([y, v]) => Number.isFinite(y) && Number.isFinite(v)),
            `${path} ch${ch}: y ticks ${JSON.stringify(ticks)}`,
          );
          const [[y0, v0], [y1, v1]] = [ticks[0]!, ticks[ticks.length - 1]!];
          const at = (y: number) => v0 + ((y - y0) * (v1 - v0)) / (y1 - y0);
          const domain = [at(Number(axis[1])), at(Number(axis[2]))].sort((a, b) => a - b);
          const [lo, hi] = [ref!.lo[0]!, ref!.hi[0]!];
          const span = hi - lo;
          // Tick labels are rounded (3 decimals of the tick step): the domain is known to ~1% of the span.
          assert.ok(
            domain[0]! <= lo + 0.02 * span &&
              domain[1]! >= hi - 0.02 * span &&
              domain[1]! - domain[0]! <= 1.5 * span,
            `${path} ch${ch}: y axis [${domain}] for numpy's values in [${lo}, ${hi}] ${ref!.unit}`,
          );
        }
      }
    } finally {
      await file.close();
    }
  });
});

function writeCase(dir: string, c: object): string {
  const p = join(dir, "case.json");
  writeFileSync(p, JSON.stringify([c]));
  return p;
}

// nwbWidget on real NWB objects (dispatch by neurodata type with inheritance, user views, table and
// tree fallbacks) and saveFigure to SVG and PNG (decoded by Pillow).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import type { NWBFile } from "../../kernel-ext/nwb/neurodata/file/nwb-file.js";
import { isA } from "../../kernel-ext/nwb/type-hierarchy/inheritance.js";
import { saveFigure } from "../../kernel-ext/models/figure/save-figure.js";
import type { RecordingModel } from "../../kernel-ext/models/recording/recording-model.js";
import {
  nwbWidget,
  registerView,
  unregisterView,
  viewFor,
} from "../../kernel-ext/models/registry/view-registry.js";
import { TraceModel } from "../../kernel-ext/models/trace/trace-model.js";
import { RoiModel } from "../../kernel-ext/models/roi/roi-model.js";
import { RoiResponseSeries } from "../../kernel-ext/nwb/neurodata/ophys/roi-response-series.js";
import { roiTracesOf } from "../../kernel-ext/models/nwb/roi-traces-from-nwb.js";
import type { TableState } from "../../contract/table.js";
import type { TraceState } from "../../contract/trace.js";
import type { TreeState } from "../../contract/tree.js";
import { runPython, tempDir } from "./support.js";
import { checkStillStrip, type StripReference } from "./recording-still-strip.js";
import { asFloat32, asUint32 } from "../../contract/typed-arrays.js";
import { ringsArea } from "../../kernel-ext/models/roi/pixel-contours.js";

const fixture = (p: string) =>
  fileURLToPath(new URL(`../../data/nwb-fixtures/${p}`, import.meta.url));

describe("widgets: nwbWidget registry", function () {
  this.timeout(300_000); // opening NWB files is slow when the machine is busy
  const files = new Map<string, NWBFile>();
  const open = async (p: string) => {
    if (!files.has(p)) files.set(p, await openNWB(fixture(p)));
    return files.get(p)!;
  };
  after(async () => {
    for (const f of files.values()) await f.close();
  });

  const cases: [string, string, string, string][] = [
    ["nwb-explorer/test_TimeSeries.nwb", "/acquisition/test_timeseries", "trace", "TraceModel"],
    ["nwb-explorer/test_ElectricalSeries.nwb", "/acquisition/test_eS", "trace", "TraceModel"],
    ["pynwb/2.1.0_nwbfile_with_extension.nwb", "/acquisition/test_ts", "trace", "TraceModel"],
    ["nwb-explorer/test_TwoPhotonSeries.nwb", "/acquisition/test_2ps", "movie", "MovieModel"],
    [
      "nwb-explorer/test_PlaneSegmentation.nwb",
      "/processing/plane_seg_test_module/ImageSegmentation/test_plane_seg_name",
      "roi",
      "RoiModel",
    ],
    ["dandi-cli/sub-anm369963_ses-20170228.nwb", "/units", "raster", "RasterModel"],
    ["dandi-cli/sub-anm369963_ses-20170228.nwb", "/intervals/trials", "table", "TableModel"],
    [
      "nwb-explorer/test_ElectricalSeries.nwb",
      "/general/extracellular_ephys/electrodes",
      "table",
      "TableModel",
    ],
    ["nwb-explorer/test_ElectricalSeries.nwb", "/general/devices/dev1", "tree", "TreeModel"],
    ["pynwb/1.3.3_timeseries_no_data.nwb", "", "tree", "TreeModel"],
  ];

  for (const [file, path, view, model] of cases) {
    it(`${file.split("/")[1]}${path || " (first TimeSeries)"} → ${view}`, async () => {
      const f = await open(file);
      let obj: unknown = path ? f.ctx.find(path) : undefined;
      if (!path)
        obj = f
          .objects()
          .map((e) => f.ctx.find(e.path))
          .find((o) => isA(o, "TimeSeries"));
      assert.ok(obj, `found ${path}`);
      assert.equal(viewFor(obj), view);
      const w = await nwbWidget(obj);
      try {
        assert.equal(w.spec.modelName, model);
        assert.equal(w.spec.modelModule, "tsnwb-widgets");
        assert.equal(
          w.spec.modelModuleVersion,
          JSON.parse(
            readFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8"),
          ).version,
        );
      } finally {
        w.close();
      }
    });
  }

  it("a DANDI:000048-layout recording: file → recording, ΔF/F → trace, movie → movie, ROIs → roi with the movie's mean image", async () => {
    const path = fileURLToPath(
      new URL("../../data/recordings/Allen_GCaMP6f_Emx1_102959_rec0.nwb", import.meta.url),
    );
    const f = await openNWB(path);
    try {
      const expect: [unknown, string][] = [
        [f, "recording"],
        [f.ctx.find("/processing/ophys/DfOverF/roi_response_series"), "trace"],
        [f.ctx.find("/acquisition/TwoPhotonSeries_green"), "movie"],
        [f.ctx.find("/processing/ophys/ImageSegmentation/plane_segmentation"), "roi"],
        [f.ctx.find("/acquisition/ElectricalSeries_raw"), "trace"],
      ];
      assert.deepEqual(
        expect.map(([o]) => viewFor(o)),
        expect.map(([, v]) => v),
      );
      const roi = await nwbWidget(expect[3]![0]);
      try {
        const s = roi.state as import("../../contract/roi.js").RoiState;
        assert.deepEqual(s.imageKinds, ["mean", "max"]);
        assert.deepEqual(s.image!.shape, [24, 24]);
        assert.equal(s.rois.ids.length, 1);
        const ref = runPython<{ pixels: number[] }>("roi_masks.py", [
          path,
          "/processing/ophys/ImageSegmentation/plane_segmentation",
          "24",
          "24",
        ]);
        const pts = asFloat32(s.rois.points),
          rings = asUint32(s.rois.ringOffsets);
        const flat = Array.from({ length: rings.length - 1 }, (_, k) =>
          Array.from(pts.subarray(2 * rings[k]!, 2 * rings[k + 1]!)),
        );
        assert.ok(ref.pixels[0]! > 100);
        assert.equal(ringsArea(flat), ref.pixels[0]);
        // Link to a TraceView: selecting the ROI shows its ΔF/F, read from the file.
        const rrs = f.ctx.find("/processing/ophys/DfOverF/roi_response_series");
        assert.ok(rrs instanceof RoiResponseSeries);
        const traces = await TraceModel.create([{ id: "spikes", label: "spikes", events: [1, 2] }]);
        try {
          await traces.linkRoiView(roi as RoiModel, await roiTracesOf(rrs));
          (roi as RoiModel).select([s.rois.ids[0]!]);
          for (let k = 0; k < 200 && traces.state.lanes.length < 2; k++)
            await new Promise((r) => setTimeout(r, 20));
          const lane = traces.state.lanes[1]!;
          assert.equal(lane.id, `roi:${s.rois.ids[0]}`);
          const times = runPython<number[]>("column.py", [
            path,
            "/processing/ophys/DfOverF/roi_response_series/timestamps",
          ]);
          assert.equal(lane.sampleCount, times.length);
          assert.deepEqual(lane.extent, [times[0], times[times.length - 1]]);
        } finally {
          traces.close();
        }
      } finally {
        roi.close();
      }
    } finally {
      await f.close();
    }
  });

  it("an extension type is shown by the view of its base type (TimeSeriesWithID → TimeSeries)", async () => {
    const f = await open("pynwb/2.1.0_nwbfile_with_extension.nwb");
    const obj = f.ctx.find("/acquisition/test_ts");
    assert.ok(
      isA(obj, "TimeSeries") &&
        (obj as { neurodataType?: string }).neurodataType === "TimeSeriesWithID",
    );
    const w = (await nwbWidget(obj)) as TraceModel;
    try {
      assert.equal(w.state.source.neurodataType, "TimeSeriesWithID");
      assert.ok(w.state.lanes.length >= 1);
    } finally {
      w.close();
    }
  });

  it("fills the table view with real rows, paged by offset", async () => {
    const f = await open("dandi-cli/sub-anm369963_ses-20170228.nwb");
    const w = await nwbWidget(f.ctx.find("/intervals/trials"));
    try {
      const s = w.state as TableState;
      assert.equal(s.rowCount, 178);
      const ref = runPython<number[]>("column.py", [
        fixture("dandi-cli/sub-anm369963_ses-20170228.nwb"),
        "/intervals/trials/start_time",
      ]);
      const j = s.columns.findIndex((c) => c.name === "start_time");
      assert.deepEqual(
        s.rows.map((r) => r[j]),
        ref.slice(0, 50),
      );
      w.set({ offset: 170 } as Partial<TableState>);
      assert.deepEqual(
        (w.state as TableState).rows.map((r) => r[j]),
        ref.slice(170),
      );
    } finally {
      w.close();
    }
  });

  it("lets users put their own view first, and take it away again", async () => {
    const f = await open("nwb-explorer/test_TimeSeries.nwb");
    const obj = f.ctx.find("/acquisition/test_timeseries");
    registerView({
      name: "my-tree",
      canHandle: (o) => isA(o, "TimeSeries"),
      create: (o) => nwbWidget(o, { view: "tree" }),
    });
    try {
      assert.equal(viewFor(obj), "my-tree");
      const w = await nwbWidget(obj);
      assert.equal(w.spec.modelName, "TreeModel");
      assert.ok((w.state as TreeState).root.children.some((c) => c.name === "data"));
      w.close();
    } finally {
      assert.equal(unregisterView("my-tree"), true);
    }
    assert.equal(viewFor(obj), "trace");
    await assert.rejects(nwbWidget(42), /no view for number/);
    await assert.rejects(nwbWidget(obj, { view: "movie" }), /'movie' view cannot show/);
  });
});

describe("widgets: saveFigure", function () {
  this.timeout(300_000); // opening NWB files is slow when the machine is busy
  const dir = tempDir("figures");
  after(() => dir.remove());

  it("writes the same SVG bytes for the same state, and a PNG Pillow decodes at 2× size", async () => {
    const values = Float32Array.from({ length: 50_000 }, (_, i) => Math.sin(i / 500));
    const w = await TraceModel.create(
      [{ id: "v", label: "voltage <script>x</script>", unit: "mV", values, rate: 1000 }],
      { title: "saved" },
    );
    try {
      const a = await saveFigure(w, join(dir.path, "a.svg"));
      const b = await saveFigure(w, join(dir.path, "b.svg"));
      const svgA = readFileSync(a, "utf8");
      assert.equal(svgA, readFileSync(b, "utf8"));
      assert.ok(!svgA.includes("<script>"));
      const m = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svgA)!;
      const png = await saveFigure(w, join(dir.path, "a.png"));
      const info = runPython<{ width: number; height: number; ink: number; topLeft: number[] }>(
        "png_info.py",
        [png],
      );
      assert.equal(info.width, 2 * Number(m[1]));
      assert.equal(info.height, 2 * Number(m[2]));
      assert.deepEqual(info.topLeft, [255, 255, 255]);
      assert.ok(info.ink > 500, `${info.ink} drawn pixels`);
      // The figure of a zoomed view uses that window at full resolution: the 201 samples in
      // [10, 10.2] s plus one neighbour each side (clipped at the plot edges).
      w.set({ xRange: [10, 10.2] } as Partial<TraceState>);
      const zoomed = readFileSync(await saveFigure(w, join(dir.path, "z.svg")), "utf8");
      assert.match(zoomed, /data-lane="v" data-points="203"/);
    } finally {
      w.close();
    }
  });

  it("draws the recording dashboard as its strip (one row per AP class, close events merged) and event panel over every member's figure, SVG and PNG", async () => {
    const path = fileURLToPath(
      new URL("../../data/recordings/Chen2013_GCaMP6f_cell1C_rec0.nwb", import.meta.url),
    );
    const f = await openNWB(path);
    const w = (await nwbWidget(f)) as RecordingModel;
    try {
      w.stepEvent(1, 1);
      const svg = readFileSync(await saveFigure(w, join(dir.path, "recording.svg")), "utf8");
      // one nested figure per member, under the dashboard's own
      assert.equal((svg.match(/<svg /g) ?? []).length, 2 + Object.keys(w.members).length);
      // spikes and events where h5py + numpy put them; this recording has events close enough to merge
      const strip = checkStillStrip(svg, runPython<StripReference>("recording.py", [path]));
      assert.ok(strip.merged >= 1, `${strip.merged} merged markers`);
      const e = w.currentEvent!;
      assert.equal(e.apCount, 1);
      assert.ok(svg.includes(`event ${e.index + 1} at `), "the event panel names the event");
      assert.ok(svg.includes("spike times from the file: /units unit 0"));
      const png = await saveFigure(w, join(dir.path, "recording.png"), { scale: 1 });
      const info = runPython<{ width: number; height: number; ink: number }>("png_info.py", [png]);
      const m = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!;
      assert.deepEqual([info.width, info.height], [Number(m[1]), Number(m[2])]);
      assert.ok(info.ink > 20_000, JSON.stringify(info));
    } finally {
      w.close();
    }
  });

  it("draws an ROI figure to PNG with its embedded image", async () => {
    const w = RoiModel.create({
      masks: [{ rows: [1, 2], cols: [1, 1] }],
      images: { mean: { data: Float32Array.from({ length: 64 }, (_, i) => i), shape: [8, 8] } },
    });
    try {
      const info = runPython<{ width: number; height: number; ink: number }>("png_info.py", [
        await saveFigure(w, join(dir.path, "roi.png"), { scale: 1 }),
      ]);
      assert.ok(info.width >= 360 && info.ink > 10_000, JSON.stringify(info));
      await assert.rejects(saveFigure(w, join(dir.path, "roi.jpg")), /\.svg or \.png/);
    } finally {
      w.close();
    }
  });
});

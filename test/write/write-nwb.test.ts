import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  openNWB,
  type NWBFile,
  type PlaneSegmentation,
  type TimeSeries,
  type DynamicTable,
} from "../../kernel-ext/nwb/index.js";
import {
  writeNWB,
  NWBWriteError,
  type NWBFileDescription,
} from "../../kernel-ext/nwb/write/index.js";
import { pythonJSON, scipyMissing, validate, validatorMissing } from "./python.js";

const sha256 = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

/** A file with every kind of object the writer supports, with values that are easy to check. */
function description(pixelMaskLayout: "compound" | "int32x3" = "compound"): NWBFileDescription {
  const frames = 50;
  const movie = new Uint16Array(frames * 6 * 5).map((_, i) => (i * 7) % 1000);
  const dff = Float64Array.from({ length: frames }, (_, i) => Math.sin(i / 5) / 3);
  const times = Float64Array.from({ length: frames }, (_, i) => 0.25 + i / 30);
  const volts = Int16Array.from({ length: 4000 }, (_, i) => ((i * 37) % 2001) - 1000);
  return {
    identifier: "writer-test",
    sessionDescription: "writer test: every object type",
    sessionStartTime: new Date("2021-03-04T05:06:07.890Z"),
    experimenter: ["Doe, Jane", "Roe, Richard"],
    institution: "Test Institute",
    lab: "Test Lab",
    sessionId: "s1",
    keywords: ["a", "b"],
    subject: { subjectId: "m1", species: "Mus musculus", sex: "F", age: "P90D", genotype: "wt" },
    devices: [
      { name: "amp", description: "amplifier", manufacturer: "Molecular Devices" },
      { name: "scope", description: "two-photon microscope" },
    ],
    electrodeGroups: [
      { name: "cell", description: "cell-attached pipette", location: "V1", device: "amp" },
    ],
    electrodes: [{ group: "cell", location: "V1", x: 1.5 }],
    imagingPlanes: [
      {
        name: "plane",
        device: "scope",
        excitationLambda: 920,
        imagingRate: 30,
        indicator: "GCaMP6f",
        location: "V1",
        gridSpacing: [1e-6, 1e-6],
        opticalChannels: [{ name: "green", description: "green channel", emissionLambda: 510 }],
      },
    ],
    acquisition: [
      {
        type: "ElectricalSeries",
        name: "raw",
        description: "voltage",
        data: volts,
        electrodes: [0],
        conversion: 2e-6,
        timing: { rate: 20000, startingTime: 0.5 },
      },
      {
        type: "TwoPhotonSeries",
        name: "movie",
        data: movie,
        shape: [frames, 6, 5],
        imagingPlane: "plane",
        timing: { timestamps: times },
        compress: true,
      },
      {
        type: "TimeSeries",
        name: "speed",
        data: Float32Array.of(1, 2, 3),
        unit: "m/s",
        timing: { rate: 10 },
      },
    ],
    processing: [
      {
        name: "ophys",
        description: "derived ophys",
        interfaces: [
          {
            type: "ImageSegmentation",
            planeSegmentations: [
              {
                name: "rois",
                description: "two ROIs",
                imagingPlane: "plane",
                pixelMaskLayout,
                pixelMasks: [
                  {
                    x: Uint32Array.of(1, 2, 3),
                    y: Uint32Array.of(4, 4, 4),
                    weight: Float32Array.of(1, 1, 1),
                  },
                  { x: Uint32Array.of(5), y: Uint32Array.of(0), weight: Float32Array.of(1) },
                ],
              },
            ],
          },
          {
            type: "DfOverF",
            series: [
              {
                name: "dff",
                data: Float64Array.from(
                  { length: frames * 2 },
                  (_, i) => dff[i >> 1] * (i % 2 ? 2 : 1),
                ),
                shape: [frames, 2],
                unit: "n.a.",
                planeSegmentation: "ImageSegmentation/rois",
                rois: [0, 1],
                timing: { timestamps: times },
              },
            ],
          },
          {
            type: "Images",
            name: "images",
            description: "summary images",
            images: [
              {
                name: "mean",
                data: Float64Array.from({ length: 30 }, (_, i) => i / 2),
                shape: [6, 5],
              },
            ],
          },
        ],
      },
    ],
    units: {
      description: "sorted units",
      spikeTimes: [Float64Array.of(0.1, 0.2, 0.35), Float64Array.of(), Float64Array.of(1.5)],
      columns: [{ name: "quality", description: "unit quality", values: ["good", "mua", "good"] }],
    },
  };
}

describe("NWB writer", function () {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-write-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const layout of ["compound", "int32x3"] as const) {
    it(`writes a file the NWB validator accepts with 0 errors (pixel_mask ${layout})`, async function () {
      const why = await validatorMissing();
      if (why) {
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      const p = await writeNWB(join(dir, `all-${layout}.nwb`), description(layout));
      assert.equal(await validate(p), "0 errors");
    });
  }

  it("stores values and types that h5py reads back exactly", async function () {
    const why = await scipyMissing();
    if (why) {
      console.log(`      skipped: ${why}`);
      this.skip();
    }
    const d = description();
    const p = await writeNWB(join(dir, "h5py.nwb"), d);
    const got = await pythonJSON<Record<string, unknown>>(
      `
import h5py, json, sys
f = h5py.File(sys.argv[1], "r")
s = lambda v: v.decode() if isinstance(v, bytes) else v
raw = f["acquisition/raw"]; mv = f["acquisition/movie"]; pm = f["processing/ophys/ImageSegmentation/rois/pixel_mask"]
out = {
  "root": {k: s(f.attrs[k]) for k in ("namespace", "neurodata_type", "nwb_version")},
  "specloc": f[f.attrs[".specloc"]].name,
  "specs": sorted(f"{a}/{b}" for a in f["specifications"] for b in f["specifications"][a]),
  "start": s(f["session_start_time"][()]), "created": [s(x) for x in f["file_create_date"][:]],
  "experimenter": [s(x) for x in f["general/experimenter"][:]],
  "raw": {"dtype": str(raw["data"].dtype), "data": raw["data"][:].tolist(), "conversion": float(raw["data"].attrs["conversion"]),
          "rate": float(raw["starting_time"].attrs["rate"]), "t0": float(raw["starting_time"][()]),
          "table": f[raw["electrodes"].attrs["table"]].name, "electrodes": raw["electrodes"][:].tolist()},
  "group_ref": f[f["general/extracellular_ephys/electrodes/group"][0]].name,
  "device_link": f["general/extracellular_ephys/cell"].get("device", getlink=True).path,
  "movie": {"dtype": str(mv["data"].dtype), "shape": list(mv["data"].shape), "chunks": list(mv["data"].chunks), "compression": mv["data"].compression,
            "data": mv["data"][:].ravel().tolist(), "timestamps": mv["timestamps"][:].tolist(), "plane": mv.get("imaging_plane", getlink=True).path},
  "pixel_mask": {"dtype": [n for n in pm.dtype.names], "x": pm["x"].tolist(), "y": pm["y"].tolist(), "w": pm["weight"].tolist(),
                 "index": f["processing/ophys/ImageSegmentation/rois/pixel_mask_index"][:].tolist()},
  "dff": f["processing/ophys/DfOverF/dff/data"][:].ravel().tolist(),
  "dff_shape": list(f["processing/ophys/DfOverF/dff/data"].shape),
  "mean": f["processing/ophys/images/mean"][:].ravel().tolist(),
  "spikes": f["units/spike_times"][:].tolist(), "spike_index": f["units/spike_times_index"][:].tolist(),
  "quality": [s(x) for x in f["units/quality"][:]],
  "excitation": float(f["general/optophysiology/plane/excitation_lambda"][()]),
}
print(json.dumps(out))`,
      p,
    );
    assert.deepEqual(got.root, {
      namespace: "core",
      neurodata_type: "NWBFile",
      nwb_version: "2.5.0",
    });
    assert.equal(got.specloc, "/specifications");
    assert.deepEqual(got.specs, ["core/2.5.0", "hdmf-common/1.5.1", "hdmf-experimental/0.2.0"]);
    assert.equal(got.start, "2021-03-04T05:06:07.890+00:00");
    assert.deepEqual(got.created, ["2021-03-04T05:06:07.890+00:00"]);
    assert.deepEqual(got.experimenter, ["Doe, Jane", "Roe, Richard"]);
    const raw = got.raw as Record<string, unknown>;
    const es = d.acquisition![0] as { data: Int16Array };
    assert.equal(raw.dtype, "int16");
    assert.deepEqual(raw.data, Array.from(es.data));
    assert.equal(raw.conversion, 2e-6);
    assert.equal(raw.rate, 20000);
    assert.equal(raw.t0, 0.5);
    assert.equal(raw.table, "/general/extracellular_ephys/electrodes");
    assert.deepEqual(raw.electrodes, [0]);
    assert.equal(got.group_ref, "/general/extracellular_ephys/cell");
    assert.equal(got.device_link, "/general/devices/amp");
    const mv = got.movie as Record<string, unknown>;
    const tp = d.acquisition![1] as { data: Uint16Array; timing: { timestamps: Float64Array } };
    assert.equal(mv.dtype, "uint16");
    assert.deepEqual(mv.shape, [50, 6, 5]);
    assert.equal(mv.compression, "gzip");
    assert.deepEqual(mv.data, Array.from(tp.data));
    assert.deepEqual(mv.timestamps, Array.from(tp.timing.timestamps));
    assert.equal(mv.plane, "/general/optophysiology/plane");
    assert.deepEqual(got.pixel_mask, {
      dtype: ["x", "y", "weight"],
      x: [1, 2, 3, 5],
      y: [4, 4, 4, 0],
      w: [1, 1, 1, 1],
      index: [3, 4],
    });
    const dff = (d.processing![0].interfaces[1] as { series: { data: Float64Array }[] }).series[0]
      .data;
    assert.deepEqual(got.dff, Array.from(dff));
    assert.deepEqual(got.dff_shape, [50, 2]);
    assert.deepEqual(
      got.mean,
      Array.from({ length: 30 }, (_, i) => i / 2),
    );
    assert.deepEqual(got.spikes, [0.1, 0.2, 0.35, 1.5]);
    assert.deepEqual(got.spike_index, [3, 3, 4]);
    assert.deepEqual(got.quality, ["good", "mua", "good"]);
    assert.equal(got.excitation, 920);
  });

  it("round-trips through our reader (openNWB) with the same values and types", async () => {
    const d = description("int32x3");
    const p = await writeNWB(join(dir, "roundtrip.nwb"), d);
    const f: NWBFile = await openNWB(p);
    try {
      const raw = f.get("acquisition/raw") as TimeSeries;
      assert.equal(raw.neurodataType, "ElectricalSeries");
      assert.equal(raw.rate, 20000);
      assert.equal(raw.startingTime, 0.5);
      const rawData = await raw.readAll({ raw: true });
      assert.ok(rawData.data.data instanceof Int16Array);
      assert.deepEqual(
        Array.from(rawData.data.data as Int16Array),
        Array.from((d.acquisition![0] as { data: Int16Array }).data),
      );
      const volts = await raw.readSamples(0, 3);
      assert.deepEqual(Array.from(volts.data.data as Float64Array), [
        -1000 * 2e-6,
        -963 * 2e-6,
        -926 * 2e-6,
      ]);
      const movie = f.get("acquisition/movie") as TimeSeries;
      assert.equal(movie.neurodataType, "TwoPhotonSeries");
      const mv = await movie.readAll({ raw: true });
      assert.ok(mv.data.data instanceof Uint16Array);
      assert.deepEqual(mv.data.shape, [50, 6, 5]);
      assert.deepEqual(
        Array.from(mv.times),
        Array.from(
          (d.acquisition![1] as { timing: { timestamps: Float64Array } }).timing.timestamps,
        ),
      );
      const dff = f.get("processing/ophys/DfOverF/dff") as TimeSeries;
      assert.equal(dff.neurodataType, "RoiResponseSeries");
      const dffData = await dff.readAll();
      assert.ok(dffData.data.data instanceof Float64Array);
      assert.deepEqual(
        Array.from(dffData.data.data as Float64Array),
        Array.from(
          (d.processing![0].interfaces[1] as { series: { data: Float64Array }[] }).series[0].data,
        ),
      );
      const ps = f.get("processing/ophys/ImageSegmentation/rois") as PlaneSegmentation;
      assert.equal(ps.roiCount, 2);
      const m0 = await ps.pixelMask(0);
      assert.deepEqual(
        [Array.from(m0.x), Array.from(m0.y), Array.from(m0.weight)],
        [
          [1, 2, 3],
          [4, 4, 4],
          [1, 1, 1],
        ],
      );
      const units = f.get("units") as DynamicTable;
      assert.equal(units.length, 3);
      const row2 = await units.row(2);
      assert.deepEqual(Array.from(row2.spike_times as ArrayLike<number>), [1.5]);
      assert.equal(row2.quality, "good");
    } finally {
      await f.close();
    }
  });

  it("is deterministic: the same description written twice gives the same bytes", async () => {
    const a = await writeNWB(join(dir, "det-a.nwb"), description());
    await new Promise((r) => setTimeout(r, 1100)); // a different wall-clock second
    const b = await writeNWB(join(dir, "det-b.nwb"), description());
    assert.equal(sha256(a), sha256(b));
  });

  it("refuses to replace an existing file unless asked, and never touches it", async () => {
    const p = join(dir, "existing.nwb");
    writeFileSync(p, "not an nwb file");
    await assert.rejects(
      writeNWB(p, description()),
      (e: Error) =>
        e instanceof NWBWriteError && /no file exists yet/.test(e.message) && e.message.includes(p),
    );
    assert.equal(readFileSync(p, "utf8"), "not an nwb file");
    await writeNWB(p, description(), { overwrite: true });
    assert.notEqual(readFileSync(p, "utf8").slice(0, 15), "not an nwb file");
  });

  it("rejects an invalid description naming the argument, and leaves no file behind", async () => {
    const cases: [string, (d: NWBFileDescription) => void, RegExp][] = [
      [
        "bad electrode row",
        (d) => ((d.acquisition![0] as { electrodes: number[] }).electrodes = [3]),
        /acquisition\[0\]\.electrodes\[0\]: a row of the electrodes table \(0…0\), found 3/,
      ],
      [
        "timestamps length",
        (d) =>
          ((d.acquisition![1] as { timing: unknown }).timing = { timestamps: new Float64Array(3) }),
        /acquisition\[1\]\.timing\.timestamps: 50 timestamps/,
      ],
      [
        "unknown plane",
        (d) => ((d.acquisition![1] as { imagingPlane: string }).imagingPlane = "nope"),
        /acquisition\[1\]\.imagingPlane: .*found 'nope'/,
      ],
      [
        "shape mismatch",
        (d) => ((d.acquisition![1] as { shape: number[] }).shape = [50, 6, 6]),
        /acquisition\[1\]\.shape: \[50, 6, 6\] to hold the 1500 values/,
      ],
      [
        "unknown device",
        (d) => (d.electrodeGroups![0].device = "ghost"),
        /electrodeGroups\[0\]\.device: .*'ghost'/,
      ],
      [
        "roi table",
        (d) =>
          ((
            d.processing![0].interfaces[1] as { series: { planeSegmentation: string }[] }
          ).series[0].planeSegmentation = "x/y"),
        /processing\[0\]\.interfaces\[1\]\.series\[0\]\.planeSegmentation/,
      ],
      [
        "duplicate name",
        (d) => (d.devices![1].name = "amp"),
        /devices\[1\]\.name: a unique name, 'amp' is used twice/,
      ],
    ];
    for (const [what, mutate, message] of cases) {
      const d = description();
      mutate(d);
      const p = join(dir, `bad-${what.replace(/ /g, "-")}.nwb`);
      await assert.rejects(
        writeNWB(p, d),
        (e: Error) => e instanceof NWBWriteError && message.test(e.message),
        what,
      );
      assert.equal(existsSync(p), false, what);
    }
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.includes(".partial")),
      [],
    );
  });

  it("names a missing output directory instead of creating it", async () => {
    const p = join(dir, "no-such-dir", "x.nwb");
    await assert.rejects(
      writeNWB(p, description()),
      (e: Error) =>
        e instanceof NWBWriteError &&
        e.message.includes(join(dir, "no-such-dir")) &&
        /an existing directory/.test(e.message),
    );
    assert.equal(existsSync(join(dir, "no-such-dir")), false);
  });
});

// Typed access to the shipped fixtures, each value checked against h5py reading the same file:
// nwb-explorer's one-type-per-file objects, dandi-cli's real units, nwb-guide's 384-channel LFP,
// matnwb's attribute forms, and extension types resolved through the cached specification.
import assert from "node:assert/strict";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import type { NWBFile } from "../../kernel-ext/nwb/neurodata/file/nwb-file.js";
import { TimeSeries } from "../../kernel-ext/nwb/neurodata/base/time-series.js";
import { ElectricalSeries } from "../../kernel-ext/nwb/neurodata/ecephys/electrical-series.js";
import { SpikeEventSeries } from "../../kernel-ext/nwb/neurodata/ecephys/spike-event-series.js";
import { TwoPhotonSeries } from "../../kernel-ext/nwb/neurodata/ophys/two-photon-series.js";
import { RoiResponseSeries } from "../../kernel-ext/nwb/neurodata/ophys/roi-response-series.js";
import { PlaneSegmentation } from "../../kernel-ext/nwb/neurodata/ophys/plane-segmentation.js";
import { LFP } from "../../kernel-ext/nwb/neurodata/ecephys/lfp.js";
import { FilteredEphys } from "../../kernel-ext/nwb/neurodata/ecephys/filtered-ephys.js";
import { Units } from "../../kernel-ext/nwb/neurodata/misc/units.js";
import { DynamicTable } from "../../kernel-ext/nwb/neurodata/hdmf-common/dynamic-table.js";
import { TimeIntervals } from "../../kernel-ext/nwb/neurodata/epoch/time-intervals.js";
import { ElectrodeGroup } from "../../kernel-ext/nwb/neurodata/ecephys/electrode-group.js";
import { Device } from "../../kernel-ext/nwb/neurodata/device/device.js";
import { NWBContainer } from "../../kernel-ext/nwb/neurodata/base/nwb-container.js";
import { isA, ancestors } from "../../kernel-ext/nwb/type-hierarchy/inheritance.js";
import { fixture, python } from "./support.js";

type Json = Record<string, unknown>;

/** h5py/numpy values for the assertions below (NaN → null). */
function expected(): Json {
  return python<Json>(
    `
import h5py, json, sys, numpy as np
def clean(x):
    if isinstance(x, bytes): return x.decode()
    if isinstance(x, float) and np.isnan(x): return None
    if isinstance(x, (list, tuple)): return [clean(v) for v in x]
    if isinstance(x, dict): return {k: clean(v) for k, v in x.items()}
    if isinstance(x, np.ndarray): return clean(x.tolist())
    if isinstance(x, np.generic): return clean(x.item())
    return x
F = lambda p: h5py.File(sys.argv[1] + "/" + p, "r")
out = {}
# nwb-explorer
f = F("nwb-explorer/test_ElectricalSeries.nwb")
reg = f["acquisition/test_eS/electrodes"][:]
el = f["general/extracellular_ephys/electrodes"]
out["es"] = dict(region=reg, location=[el["location"][i] for i in reg], x=[el["x"][i] for i in reg],
  group_name=[el["group_name"][i] for i in reg], data=f["acquisition/test_eS/data"][:], ts=f["acquisition/test_eS/timestamps"][:])
f = F("nwb-explorer/test_PlaneSegmentation.nwb")
ps = f["processing/plane_seg_test_module/ImageSegmentation/test_plane_seg_name"]
pm = ps["pixel_mask"][:]; idx = ps["pixel_mask_index"][:]
out["ps"] = dict(px1=[r["x"] for r in pm[idx[0]:idx[1]]], py1=[r["y"] for r in pm[idx[0]:idx[1]]], pw1=[float(r["weight"]) for r in pm[idx[0]:idx[1]]],
  im1=ps["image_mask"][1].ravel(), ids=ps["id"][:])
f = F("nwb-explorer/test_Units.nwb")
u = f["acquisition/UnitsTest"]
st, sti = u["spike_times"][:], u["spike_times_index"][:]
oi, oii = u["obs_intervals"][:], u["obs_intervals_index"][:]
out["units"] = dict(st=[st[(sti[i-1] if i else 0):sti[i]] for i in range(len(sti))], oi=[oi[(oii[i-1] if i else 0):oii[i]] for i in range(len(oii))])
f = F("nwb-explorer/test_TimeIntervals.nwb")
ep = f["intervals/epochs"]
ti = ep["tags_index"][:]; tags = ep["tags"][:]
tsc = ep["timeseries"][:]
out["epochs"] = dict(start=ep["start_time"][:], stop=ep["stop_time"][:], tags=[tags[(ti[i-1] if i else 0):ti[i]] for i in range(len(ti))],
  ts_paths=[f[r["timeseries"]].name for r in tsc], ts_counts=[int(r["count"]) for r in tsc], colnames=list(ep.attrs["colnames"]))
f = F("nwb-explorer/test_DynamicTable.nwb")
out["dt"] = dict(foo=f["units/foo"][:], my_bool=f["units/my_bool"][:].astype(int))
f = F("nwb-explorer/test_TwoPhotonSeries.nwb")
out["tps"] = dict(frame0=f["acquisition/test_2ps/data"][0].ravel(), fov=f["acquisition/test_2ps/field_of_view"][:])
f = F("nwb-explorer/test_Subject.nwb")
out["subject"] = {k: f["general/subject"][k][()] for k in f["general/subject"] if f["general/subject"][k].shape == ()}
f = F("nwb-explorer/test_timestamps_linking.nwb")
out["link"] = dict(ts=f["acquisition/a/timestamps"][:], b=f["acquisition/b/data"][:])
# dandi-cli
for name in ["sub-anm369963_ses-20170228", "sub-anm372793_ses-20170508"]:
    f = F("dandi-cli/" + name + ".nwb")
    u = f["units"]; sti = u["spike_times_index"][:]; st = u["spike_times"][:]
    ei = u["electrodes_index"][:]; e = u["electrodes"][:]
    out[name] = dict(counts=np.diff(np.concatenate([[0], sti])), first=st[:sti[0]], last=st[(sti[-2] if len(sti) > 1 else 0):sti[-1]],
      depth=u["depth"][:], quality=u["quality"][:], cell_type=u["cell_type"][:],
      electrodes=[e[(ei[i-1] if i else 0):ei[i]] for i in range(len(ei))],
      el_location=f["general/extracellular_ephys/electrodes/location"][:], el_imp=f["general/extracellular_ephys/electrodes/imp"][:],
      trials=len(f["intervals/trials/id"]), trial_type=f["intervals/trials/type"][:5], group=f[f["general/extracellular_ephys/electrodes/group"][0]].name)
# nwb-guide
f = F("nwb-guide/sub-001_ses-1.nwb")
d = f["acquisition/ElectricalSeriesLF/data"]
el = f["general/extracellular_ephys/electrodes"]
out["guide"] = dict(slice=d[1000:1100, 10:20].ravel(), conv=float(d.attrs["conversion"]), off=float(d.attrs["offset"]),
  col7=d[1000:1100, 7], location=el["location"][:], group_name=el["group_name"][:], rel_x=el["rel_x"][:], rel_y=el["rel_y"][:],
  channel_name=el["channel_name"][:], region=f["acquisition/ElectricalSeriesLF/electrodes"][:])
print(json.dumps(clean(out)))
`,
    [fixture("")],
  );
}

function nan(v: unknown): number {
  return v === null ? NaN : (v as number);
}

function sameNumbers(
  actual: ArrayLike<number | bigint>,
  want: unknown[],
  what: string,
  tol = 0,
): void {
  assert.equal(actual.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    const a = Number(actual[i]);
    const w = nan(want[i]);
    if (Number.isNaN(w)) assert.ok(Number.isNaN(a), `${what}[${i}] NaN`);
    else
      assert.ok(Math.abs(a - w) <= tol * Math.max(1, Math.abs(w)), `${what}[${i}]: ${a} vs ${w}`);
  }
}

describe("NWB reader: typed access to the shipped fixtures", function () {
  let ref: Json;
  const open: NWBFile[] = [];
  before(function () {
    ref = expected();
  });
  after(async function () {
    for (const f of open) await f.close();
  });
  async function nwb(rel: string): Promise<NWBFile> {
    const f = await openNWB(fixture(rel));
    open.push(f);
    return f;
  }

  describe("nwb-explorer: one neurodata type per file", function () {
    it("ElectricalSeries: electrodes region rows, data and timestamps", async function () {
      const f = await nwb("nwb-explorer/test_ElectricalSeries.nwb");
      const es = f.acquisition.get("test_eS");
      assert.ok(es instanceof ElectricalSeries);
      const r = ref.es as Json;
      assert.deepEqual(await es.electrodes.indices(), r.region);
      const rows = await es.electrodeRows();
      assert.deepEqual(
        rows.map((x) => x.location),
        r.location,
      );
      assert.deepEqual(
        rows.map((x) => x.group_name),
        r.group_name,
      );
      sameNumbers(
        rows.map((x) => x.x as number),
        r.x as unknown[],
        "x",
      );
      assert.ok(rows.every((x) => x.group instanceof ElectrodeGroup));
      const all = await es.readAll();
      sameNumbers(all.data.data as Float64Array, (r.data as number[][]).flat(), "data");
      sameNumbers(all.times, r.ts as number[], "timestamps");
    });

    it("LFP and FilteredEphys hold their ElectricalSeries; SpikeEventSeries is an ElectricalSeries", async function () {
      for (const [file, cls] of [
        ["nwb-explorer/test_LFP.nwb", LFP],
        ["nwb-explorer/test_FilteredEphys.nwb", FilteredEphys],
      ] as const) {
        const f = await nwb(file);
        const iface = [...f.acquisition.values()][0];
        assert.ok(iface instanceof cls, file);
        const series = (iface as LFP).electricalSeries;
        assert.deepEqual([...series.keys()], ["test_eS1", "test_eS2"]);
        assert.ok([...series.values()].every((s) => s instanceof ElectricalSeries));
      }
      const f = await nwb("nwb-explorer/test_EventWaveform.nwb");
      const ses = f.get("acquisition/EventWaveform/test_sES");
      assert.ok(ses instanceof SpikeEventSeries && ses instanceof ElectricalSeries);
    });

    it("icephys and optogenetics series are TimeSeries through the built-in hierarchy", async function () {
      const f = await nwb("nwb-explorer/test_CurrentClampSeries.nwb");
      const ccs = f.acquisition.get("ccs");
      assert.ok(ccs instanceof TimeSeries);
      assert.equal(ccs.neurodataType, "CurrentClampSeries");
      assert.deepEqual(ccs.ancestors.slice(0, 3), [
        "CurrentClampSeries",
        "PatchClampSeries",
        "TimeSeries",
      ]);
      assert.ok(isA(ccs, "PatchClampSeries"));
      const g = await nwb("nwb-explorer/test_OptogeneticSeries.nwb");
      assert.ok(g.acquisition.get("stim_series") instanceof TimeSeries);
      assert.deepEqual(ancestors("IZeroClampSeries").slice(0, 4), [
        "IZeroClampSeries",
        "CurrentClampSeries",
        "PatchClampSeries",
        "TimeSeries",
      ]);
    });

    it("PlaneSegmentation: compound pixel_mask and image_mask", async function () {
      const f = await nwb("nwb-explorer/test_PlaneSegmentation.nwb");
      const ps = f.get("processing/plane_seg_test_module/ImageSegmentation/test_plane_seg_name");
      assert.ok(ps instanceof PlaneSegmentation);
      const r = ref.ps as Json;
      assert.deepEqual(ps.maskKinds, ["image", "pixel"]);
      const m = await ps.pixelMask(1);
      sameNumbers(m.x, r.px1 as number[], "x");
      sameNumbers(m.y, r.py1 as number[], "y");
      sameNumbers(m.weight, r.pw1 as number[], "weight");
      const im = await ps.imageMask(1);
      assert.deepEqual(im.shape, [5, 5]);
      sameNumbers(im.data as Float64Array, r.im1 as number[], "image mask");
      const dense = await ps.denseMask(1);
      sameNumbers(dense.data, r.im1 as number[], "dense mask", 1e-7);
      assert.equal(ps.imagingPlane.name, "ophys integration tests");
      const rows = await ps.rows();
      assert.deepEqual(
        rows.map((x) => x.id),
        r.ids,
      );
    });

    it("RoiResponseSeries: rois are rows of the PlaneSegmentation", async function () {
      const f = await nwb("nwb-explorer/test_RoiResponseSeries.nwb");
      const rrs = f.acquisition.get("test_roi_response_series");
      assert.ok(rrs instanceof RoiResponseSeries);
      assert.equal(
        rrs.planeSegmentation.path,
        "/processing/plane_seg_test_module/ImageSegmentation/test_plane_seg_name",
      );
      assert.deepEqual(await rrs.roiIndices(), [0]);
    });

    it("TwoPhotonSeries: frame, field of view, imaging plane", async function () {
      const f = await nwb("nwb-explorer/test_TwoPhotonSeries.nwb");
      const tps = f.acquisition.get("test_2ps");
      assert.ok(tps instanceof TwoPhotonSeries);
      const r = ref.tps as Json;
      sameNumbers((await tps.frame(0)).data as Float64Array, r.frame0 as number[], "frame 0");
      assert.deepEqual(tps.fieldOfView, r.fov);
      assert.equal(tps.imagingPlane.name, "imgpln1");
      assert.equal(tps.imagingPlane.device.name, "dev1");
      const mean = await tps.projection("mean");
      sameNumbers(mean.data, r.frame0 as number[], "mean of one frame");
    });

    it("Units: ragged spike_times and a ragged 2-D obs_intervals column", async function () {
      const f = await nwb("nwb-explorer/test_Units.nwb");
      const u = f.acquisition.get("UnitsTest");
      assert.ok(u instanceof Units);
      const r = ref.units as Json;
      const st = await u.allSpikeTimes();
      st.forEach((a, i) => sameNumbers(a, (r.st as number[][])[i], `spikes ${i}`));
      const oi = await u.column("obs_intervals").read();
      (r.oi as number[][][]).forEach((rows, i) => {
        const cell = oi[i] as { data: Float64Array; shape: number[] }[];
        assert.equal(cell.length, rows.length);
        rows.forEach((pair, j) => sameNumbers(cell[j].data, pair, `obs_intervals ${i}.${j}`));
      });
      assert.deepEqual(await u.column("obs_intervals").get(1), oi[1]);
    });

    it("DynamicTable columns, including a bool column", async function () {
      const f = await nwb("nwb-explorer/test_DynamicTable.nwb");
      const t = f.units;
      assert.ok(t instanceof DynamicTable);
      const cols = await t.toColumns();
      const r = ref.dt as Json;
      sameNumbers(cols.foo as number[], r.foo as number[], "foo");
      sameNumbers(cols.my_bool as number[], r.my_bool as number[], "my_bool");
    });

    it("TimeIntervals: ragged tags and the timeseries compound column's references", async function () {
      const f = await nwb("nwb-explorer/test_TimeIntervals.nwb");
      const ep = f.epochs;
      assert.ok(ep instanceof TimeIntervals);
      const r = ref.epochs as Json;
      sameNumbers(await ep.startTimes(), r.start as number[], "start");
      sameNumbers(await ep.stopTimes(), r.stop as number[], "stop");
      assert.deepEqual(ep.colnames, r.colnames);
      const rows = await ep.rows();
      assert.deepEqual(
        rows.map((x) => x.tags),
        r.tags,
      );
      const tsCells = rows
        .map((x) => x.timeseries as { timeseries: unknown; count: number }[])
        .flat();
      assert.deepEqual(
        tsCells.map((c) => (c.timeseries as TimeSeries).path),
        r.ts_paths,
      );
      assert.deepEqual(
        tsCells.map((c) => c.count),
        r.ts_counts,
      );
      assert.ok(tsCells.every((c) => c.timeseries instanceof TimeSeries));
    });

    it("Subject, Device and ElectrodeGroup metadata", async function () {
      const f = await nwb("nwb-explorer/test_Subject.nwb");
      const s = f.subject;
      assert.ok(s);
      const r = ref.subject as Record<string, string>;
      assert.equal(s.age, r.age);
      assert.equal(s.species, r.species);
      assert.equal(s.subjectId, r.subject_id);
      assert.equal(s.genotype, r.genotype);
      const d = await nwb("nwb-explorer/test_Device.nwb");
      assert.ok([...d.devices.values()].every((x) => x instanceof Device) && d.devices.size > 0);
      const g = await nwb("nwb-explorer/test_ElectrodeGroup.nwb");
      const eg = [...g.electrodeGroups.values()][0];
      assert.ok(eg instanceof ElectrodeGroup);
      assert.ok(eg.device instanceof Device);
    });

    it("a series whose timestamps are a link to another series' timestamps", async function () {
      const f = await nwb("nwb-explorer/test_timestamps_linking.nwb");
      const b = f.acquisition.get("b") as TimeSeries;
      const r = ref.link as Json;
      const ts = r.ts as number[];
      const w = await b.readWindow(ts[100], ts[200]);
      assert.deepEqual([w.start, w.stop], [100, 200]);
      sameNumbers(w.times, ts.slice(100, 200), "linked timestamps");
      sameNumbers(w.data.data as Float64Array, (r.b as number[]).slice(100, 200), "data");
    });
  });

  describe("dandi-cli: real units of DANDI:000006", function () {
    for (const name of ["sub-anm369963_ses-20170228", "sub-anm372793_ses-20170508"]) {
      it(`${name}: spike counts and times per unit, every column, electrodes and trials`, async function () {
        const f = await nwb(`dandi-cli/${name}.nwb`);
        const r = ref[name] as Json;
        const units = f.units;
        assert.ok(units instanceof Units);
        const counts = await units.spikeCounts();
        assert.deepEqual(counts, r.counts);
        sameNumbers(await units.spikeTimes(0), r.first as number[], "first unit");
        sameNumbers(await units.spikeTimes(counts.length - 1), r.last as number[], "last unit");
        const all = await units.allSpikeTimes();
        assert.deepEqual(
          all.map((a) => a.length),
          r.counts,
        );
        assert.deepEqual(units.columnNames, [
          "depth",
          "quality",
          "cell_type",
          "spike_times",
          "electrodes",
        ]);
        const cols = await units.toColumns();
        sameNumbers(cols.depth as number[], r.depth as number[], "depth");
        assert.deepEqual(cols.quality, r.quality);
        assert.deepEqual(cols.cell_type, r.cell_type);
        assert.deepEqual(
          (cols.electrodes as ArrayLike<number>[]).map((a) => Array.from(a, Number)),
          r.electrodes,
        );
        const el = f.electrodes;
        assert.ok(el);
        const elCol = units.column("electrodes");
        assert.equal(elCol.referencedTable, el);
        const firstRows = await elCol.referencedRows(0);
        assert.deepEqual(
          firstRows.map((x) => x.location),
          (r.electrodes as number[][])[0].map((i) => (r.el_location as string[])[i]),
        );
        const ec = await el.toColumns();
        assert.deepEqual(ec.location, r.el_location);
        sameNumbers(ec.imp as number[], r.el_imp as unknown[], "imp");
        assert.equal((ec.group[0] as ElectrodeGroup).path, r.group);
        assert.equal(f.trials?.length, r.trials);
        assert.deepEqual((await f.trials!.column("type").read()).slice(0, 5), r.trial_type);
        assert.ok(f.acquisition.get("lick_times") instanceof NWBContainer);
        assert.equal(f.acquisition.get("lick_times")?.neurodataType, "BehavioralEvents");
      });
    }
  });

  describe("nwb-guide: 384-channel Neuropixels LFP", function () {
    it("slices of the int16 gzip data, raw and scaled to volts", async function () {
      const f = await nwb("nwb-guide/sub-001_ses-1.nwb");
      const es = f.acquisition.get("ElectricalSeriesLF");
      assert.ok(es instanceof ElectricalSeries);
      const r = ref.guide as Json;
      assert.deepEqual(es.data.shape, [13163, 384]);
      assert.equal(es.data.dtypeName, "int16");
      assert.equal(es.rate, 2500);
      assert.equal(es.numChannels, 384);
      const raw = await es.data.slice([1000, 1100], [10, 20]);
      assert.ok(raw.data instanceof Int16Array);
      assert.deepEqual(raw.shape, [100, 10]);
      sameNumbers(raw.data, r.slice as number[], "raw slice");
      const w = await es.readWindow(1000 / 2500, 1100 / 2500, { select: [[10, 20]] });
      assert.deepEqual([w.start, w.stop], [1000, 1100]);
      sameNumbers(
        w.data.data as Float64Array,
        (r.slice as number[]).map((v) => v * (r.conv as number) + (r.off as number)),
        "volts",
        1e-12,
      );
      const col = await es.readSamples(1000, 1100, { select: [7], raw: true });
      assert.deepEqual(col.data.shape, [100]);
      sameNumbers(col.data.data as Int16Array, r.col7 as number[], "channel 7");
    });

    it("the electrodes table: 384 rows of location, group, position and channel names", async function () {
      const f = await nwb("nwb-guide/sub-001_ses-1.nwb");
      const es = f.acquisition.get("ElectricalSeriesLF") as ElectricalSeries;
      const r = ref.guide as Json;
      const rows = await es.electrodeRows();
      assert.equal(rows.length, 384);
      assert.deepEqual(await es.electrodes.indices(), r.region);
      assert.deepEqual(
        rows.map((x) => x.location),
        r.location,
      );
      assert.deepEqual(
        rows.map((x) => x.group_name),
        r.group_name,
      );
      assert.deepEqual(
        rows.map((x) => x.channel_name),
        r.channel_name,
      );
      sameNumbers(
        rows.map((x) => x.rel_x as number),
        r.rel_x as number[],
        "rel_x",
      );
      sameNumbers(
        rows.map((x) => x.rel_y as number),
        r.rel_y as number[],
        "rel_y",
      );
      assert.ok(rows.every((x) => (x.group as ElectrodeGroup).name === "s0"));
      assert.equal(f.electrodes?.length, 384);
      assert.equal(f.subject?.species !== undefined, true);
    });
  });

  describe("extensions and writer variants", function () {
    it("an extension subtype of TimeSeries is a TimeSeries (cached spec)", async function () {
      const f = await nwb("pynwb/2.1.0_nwbfile_with_extension.nwb");
      const ts = f.acquisition.get("test_ts");
      assert.ok(ts instanceof TimeSeries);
      assert.equal(ts.neurodataType, "TimeSeriesWithID");
      assert.equal(ts.namespace, "ndx-testextension");
      assert.ok(isA(ts, "TimeSeries") && isA(ts, "NWBDataInterface"));
      assert.equal((await ts.readAll()).times.length, 3);
    });

    it("an extension Device subtype (ndx-miniscope) is a Device", async function () {
      const f = await nwb("pynwb/1.2.1_extension.nwb");
      const dev = f.devices.get("ADDME");
      assert.ok(dev instanceof Device);
      assert.equal(dev.neurodataType, "Miniscope");
      assert.equal(dev.namespace, "ndx-miniscope");
    });

    it("matnwb's array-valued attributes read like pynwb's scalars", async function () {
      const f = await nwb("matnwb/ecephys_tutorial.nwb");
      assert.equal(f.nwbVersion, "2.0b");
      assert.equal(f.neurodataType, "NWBFile");
      const objects = f.objects();
      assert.ok(objects.length > 10);
      assert.ok(
        objects.every((o) => typeof o.neurodataType === "string" && o.neurodataType.length > 0),
      );
    });
  });
});

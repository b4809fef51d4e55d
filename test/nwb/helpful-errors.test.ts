// Errors that help and silences that speak, on a bundled recording (DANDI:000048 layout): a wrong
// name names the path and the closest names; pynwb habits (indexing containers and tables by name,
// a leading "/") work or say the tsnwb way; time windows outside a series say its extent; objects
// show a short NWB summary, never the reader's internals. Reference values come from h5py.
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { join } from "node:path";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { NWBError } from "../../kernel-ext/nwb/errors.js";
import type { NWBFile } from "../../kernel-ext/nwb/neurodata/file/nwb-file.js";
import { ElectricalSeries } from "../../kernel-ext/nwb/neurodata/ecephys/electrical-series.js";
import { TwoPhotonSeries } from "../../kernel-ext/nwb/neurodata/ophys/two-photon-series.js";
import { TableColumn } from "../../kernel-ext/nwb/neurodata/hdmf-common/dynamic-table.js";
import type { Units } from "../../kernel-ext/nwb/neurodata/misc/units.js";
import { toMimeBundle } from "../../kernel-ext/kernel/display.js";
import { python, repoRoot } from "./support.js";

const FILE = join(repoRoot, "data", "recordings", "Chen2013_GCaMP6f_cell1C_rec0.nwb");

/** Asserts `fn` throws an NWBError for FILE at `path` whose message matches every pattern. */
function throwsNWB(fn: () => unknown, path: string, ...patterns: (RegExp | string)[]): NWBError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  return checkNWB(caught, path, patterns);
}

async function rejectsNWB(
  p: Promise<unknown>,
  path: string,
  ...patterns: (RegExp | string)[]
): Promise<NWBError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  return checkNWB(caught, path, patterns);
}

function checkNWB(e: unknown, path: string, patterns: (RegExp | string)[]): NWBError {
  assert.ok(e instanceof NWBError, `expected an NWBError, got ${String(e)}`);
  assert.equal(e.file, FILE);
  assert.equal(e.path, path);
  assert.ok(e.message.startsWith(`${FILE}: ${path}: `), e.message);
  for (const p of patterns) {
    if (typeof p === "string")
      assert.ok(e.message.includes(p), `message has ${JSON.stringify(p)}: ${e.message}`);
    else assert.match(e.message, p);
  }
  return e;
}

interface Ref {
  acquisition: string[];
  ophys: string[];
  rawRate: number;
  rawStart: number;
  rawN: number;
  rawConversion: number;
  rawFirst20: number[];
  movieTimes: [number, number];
  movieN: number;
  movieLastRows: number;
  spikeCount: number;
}

describe("NWB reader: errors that help, summaries that speak", function () {
  let file: NWBFile;
  let ref: Ref;
  before(async function () {
    file = await openNWB(FILE);
    ref = python<Ref>(
      `
import h5py, json, sys, numpy as np
f = h5py.File(sys.argv[1], "r")
typed = lambda g: sorted(k for k in g if "neurodata_type" in g[k].attrs)
es = f["acquisition/ElectricalSeries_raw"]
ts = f["acquisition/TwoPhotonSeries_green/timestamps"][:]
st = f["units/spike_times"][:]
print(json.dumps({
  "acquisition": typed(f["acquisition"]), "ophys": typed(f["processing/ophys"]),
  "rawRate": float(es["starting_time"].attrs["rate"]), "rawStart": float(es["starting_time"][()]),
  "rawN": int(es["data"].shape[0]), "rawConversion": float(es["data"].attrs["conversion"]),
  "rawFirst20": (es["data"][:20] * float(es["data"].attrs["conversion"])).tolist(),
  "movieTimes": [float(ts[0]), float(ts[-1])], "movieN": int(ts.shape[0]),
  "movieLastRows": int(np.sum(ts >= ts[-1] - 0.05)), "spikeCount": int(st.shape[0]),
}))
`,
      [FILE],
    );
  });
  after(async function () {
    await file?.close();
  });

  describe("a wrong name", function () {
    it("file.get names the path and the closest existing names", function () {
      throwsNWB(
        () => file.get("acquisition/ElectricalSeries"),
        "/acquisition/ElectricalSeries",
        "no object named 'ElectricalSeries' in /acquisition",
        "did you mean ElectricalSeries_raw?",
        `names in /acquisition: ${ref.acquisition.join(", ")}`,
      );
      throwsNWB(
        () => file.get("acquisition/Wrong"),
        "/acquisition/Wrong",
        `names in /acquisition: ${ref.acquisition.join(", ")}`,
      );
      // A wrong step in the middle of a path is named, with its own group's names.
      throwsNWB(
        () => file.get("processing/ophy/DfOverF"),
        "/processing/ophy/DfOverF",
        "no object named 'ophy' in /processing",
        "did you mean ophys?",
      );
      throwsNWB(
        () => file.get("acquisition/ElectricalSeries_raw/data/x"),
        "/acquisition/ElectricalSeries_raw/data/x",
        "'/acquisition/ElectricalSeries_raw/data' is a dataset, it has no member 'x'",
      );
      assert.equal(file.find("acquisition/Wrong"), undefined, "find is the quiet form");
    });

    it("a leading slash reads from the file's root, as in pynwb/h5py", function () {
      const es = file.get("/acquisition/ElectricalSeries_raw");
      assert.ok(es instanceof ElectricalSeries);
      assert.equal(es, file.get("acquisition/ElectricalSeries_raw"));
      assert.equal(file.processing.get("ophys").get("/acquisition/ElectricalSeries_raw"), es);
    });

    it("containers index by name, and a wrong name says 'did you mean'", function () {
      const acq = file.acquisition;
      assert.deepEqual([...acq.keys()].sort(), ref.acquisition);
      assert.equal(acq.size, ref.acquisition.length);
      assert.equal(acq["ElectricalSeries_raw"], file.get("acquisition/ElectricalSeries_raw"));
      assert.equal(acq.get("TwoPhotonSeries_green"), file.get("acquisition/TwoPhotonSeries_green"));
      assert.ok("ElectricalSeries_raw" in acq);
      assert.ok(!("Wrong" in acq));
      assert.equal(acq.find("Wrong"), undefined);
      assert.deepEqual(
        [...acq].map(([k]) => k).sort(),
        ref.acquisition,
        "iteration gives [name, object] pairs",
      );
      throwsNWB(
        () => acq["TwoPhoton"],
        "/acquisition/TwoPhoton",
        "no NWB object named 'TwoPhoton' in /acquisition",
        "did you mean TwoPhotonSeries_green?",
      );
      throwsNWB(
        () => acq.get("electricalseries_RAW"),
        "/acquisition/electricalseries_RAW",
        "did you mean ElectricalSeries_raw?",
      );
      throwsNWB(
        () => file.processing.get("ophy"),
        "/processing/ophy",
        "did you mean ophys?",
        "names in /processing: ecephys, ophys",
      );
      const ophys = file.processing["ophys"].dataInterfaces;
      assert.deepEqual([...ophys.keys()].sort(), ref.ophys);
      throwsNWB(() => ophys["DfOverf"], "/processing/ophys/DfOverf", "did you mean DfOverF?");
      // A mistyped method is suggested along with the names.
      throwsNWB(
        () => (acq as unknown as { gett(n: string): unknown }).gett("x"),
        "/acquisition/gett",
        "no member or NWB object named 'gett'",
        "did you mean get or set?",
      );
      // Tools that probe any object (promises, JSON) are not met with errors.
      assert.equal((acq as unknown as { then?: unknown }).then, undefined);
      assert.equal(file.analysis.size, 0);
      throwsNWB(() => file.analysis.get("x"), "/analysis/x", "names in /analysis: none");
    });

    it("a table's columns: did-you-mean, units['spike_times'], and [row] says how to read a row", async function () {
      const units = file.units as Units;
      throwsNWB(
        () => units.column("spiketimes"),
        "/units/spiketimes",
        "no column named 'spiketimes' in this Units",
        "did you mean spike_times?",
        "columns: id, spike_times",
      );
      const col = (units as unknown as Record<string, TableColumn>)["spike_times"];
      assert.ok(col instanceof TableColumn);
      assert.equal(col.name, "spike_times");
      assert.ok("spike_times" in units);
      assert.equal(((await col.get(0)) as Float64Array).length, ref.spikeCount);
      throwsNWB(
        () => (col as unknown as number[])[0],
        "/units/spike_times",
        "rows of a column are read from the file asynchronously",
        "await units.spikeTimes(0)",
        `await units.column("spike_times").get(0)`,
      );
      assert.equal((await units.spikeTimes(0)).length, ref.spikeCount);
      throwsNWB(
        () => (units as unknown as Record<string, unknown>)["spike_time"],
        "/units/spike_time",
        "did you mean spike_times, spikeTimes",
      );
      throwsNWB(
        () => (units as unknown as { spikeTime: unknown }).spikeTime,
        "/units/spikeTime",
        "no member or column named 'spikeTime'",
        "spikeTimes",
      );
      // A table still resolves as a value (returned from async functions, awaited).
      assert.equal(await Promise.resolve(units), units);
    });
  });

  describe("time windows", function () {
    it("startTime, endTime and extent are the same calls for regular and timestamped series", async function () {
      const raw = file.acquisition.get("ElectricalSeries_raw") as ElectricalSeries;
      const movie = file.acquisition.get("TwoPhotonSeries_green") as TwoPhotonSeries;
      const rawEnd = ref.rawStart + (ref.rawN - 1) / ref.rawRate;
      assert.deepEqual(await raw.extent(), [ref.rawStart, rawEnd]);
      assert.equal(await raw.startTime(), ref.rawStart);
      assert.equal(await raw.endTime(), rawEnd);
      assert.deepEqual(await movie.extent(), ref.movieTimes);
      assert.equal(await movie.startTime(), ref.movieTimes[0]);
      assert.equal(await movie.endTime(), ref.movieTimes[1]);
    });

    it("a reversed or non-finite window is an error naming the series", async function () {
      const raw = file.acquisition.get("ElectricalSeries_raw") as ElectricalSeries;
      const p = "/acquisition/ElectricalSeries_raw";
      await rejectsNWB(
        raw.readWindow(2, 1),
        p,
        "a time window [t0, t1) with t0 ≤ t1, got [2, 1) (reversed)",
      );
      await rejectsNWB(raw.readWindow(NaN, 1), p, "of finite times in seconds, got [NaN, 1)");
      await rejectsNWB(raw.readWindow(0, Infinity), p, "got [0, Infinity)");
    });

    it("a window wholly outside names the series' extent; one partly outside gives the covered part", async function () {
      const raw = file.acquisition.get("ElectricalSeries_raw") as ElectricalSeries;
      const movie = file.acquisition.get("TwoPhotonSeries_green") as TwoPhotonSeries;
      const rawEnd = ref.rawStart + (ref.rawN - 1) / ref.rawRate;
      await rejectsNWB(
        raw.readWindow(100, 200),
        "/acquisition/ElectricalSeries_raw",
        `a time window overlapping the series' extent [${ref.rawStart}, ${rawEnd}] s (${ref.rawN} samples), got [100, 200) s`,
      );
      await rejectsNWB(
        movie.readWindow(-100, -1),
        "/acquisition/TwoPhotonSeries_green",
        `extent [${ref.movieTimes[0]}, ${ref.movieTimes[1]}] s (${ref.movieN} samples), got [-100, -1) s`,
      );
      // A window ending exactly at the first sample holds no sample: [t0, t1) excludes t1.
      await rejectsNWB(
        movie.readWindow(-1, ref.movieTimes[0]),
        "/acquisition/TwoPhotonSeries_green",
        "overlapping the series' extent",
      );

      const head = await raw.readWindow(-5, 20 / ref.rawRate);
      assert.equal(head.start, 0);
      assert.equal(head.stop, 20);
      assert.deepEqual(Array.from(head.data.data as Float64Array), ref.rawFirst20);
      assert.equal(head.times[0], ref.rawStart);
      const tail = await movie.readWindow(ref.movieTimes[1] - 0.05, ref.movieTimes[1] + 10);
      assert.equal(tail.stop, ref.movieN);
      assert.equal(tail.stop - tail.start, ref.movieLastRows);
      assert.equal(tail.times[tail.times.length - 1], ref.movieTimes[1]);
    });
  });

  describe("summaries, not internals", function () {
    it("String, console.log (util.inspect) and JSON of an object give type, path, shape, unit and time base", function () {
      const raw = file.acquisition.get("ElectricalSeries_raw");
      const end = ref.rawStart + (ref.rawN - 1) / ref.rawRate;
      assert.equal(
        String(raw),
        `ElectricalSeries /acquisition/ElectricalSeries_raw: shape (${ref.rawN}), dtype int16, unit volts, rate ${ref.rawRate} Hz, startTime ${ref.rawStart} s, endTime ${end} s`,
      );
      assert.equal(inspect(raw), `ElectricalSeries <${String(raw)}>`);
      assert.deepEqual(JSON.parse(JSON.stringify(raw)), {
        type: "ElectricalSeries",
        path: "/acquisition/ElectricalSeries_raw",
        shape: [ref.rawN],
        dtype: "int16",
        unit: "volts",
        rate: ref.rawRate,
        startTime: ref.rawStart,
        endTime: end,
      });
      const movie = file.acquisition.get("TwoPhotonSeries_green");
      assert.match(
        String(movie),
        new RegExp(
          `^TwoPhotonSeries /acquisition/TwoPhotonSeries_green: shape \\(${ref.movieN}, 32, 32\\), dtype uint16, unit [^,]+, timestamps ${ref.movieN}$`,
        ),
      );
      assert.equal(String(file.units), "Units /units: rows 1, columns spike_times");
      assert.equal(
        String(file),
        `NWBFile /: file ${FILE}, nwbVersion 2.5.0, identifier ${file.identifier}`,
      );
    });

    it("internals (ctx, meta, caches) are not enumerable and never printed", function () {
      const raw = file.acquisition.get("ElectricalSeries_raw");
      const movie = file.acquisition.get("TwoPhotonSeries_green");
      for (const o of [
        raw,
        movie,
        file,
        file.units!,
        file.acquisition,
        (file.units as unknown as Record<string, unknown>)["spike_times"],
      ]) {
        const keys = Object.keys(o as object);
        for (const internal of ["ctx", "meta", "timestampCache", "cache", "source", "place"])
          assert.ok(!keys.includes(internal), `${String(o)}: ${internal} is enumerable`);
        const text = inspect(o, { depth: 4 });
        for (const internal of ["ctx", "prefetched", "H5WasmFile", "NWBContext", "readDataset"])
          assert.ok(!text.includes(internal), `inspect shows ${internal}: ${text}`);
      }
      assert.ok(
        raw.ctx !== undefined && raw.meta !== undefined,
        "still reachable for the reader itself",
      );
    });

    it("a container displays as its names and types (text and HTML), and prints the same way", function () {
      const bundle = toMimeBundle(file.acquisition);
      assert.equal(
        bundle["text/plain"],
        `${FILE}: /acquisition: ElectricalSeries_raw <ElectricalSeries>, TwoPhotonSeries_green <TwoPhotonSeries>`,
      );
      const html = String(bundle["text/html"]);
      assert.ok(
        html.includes("<b>ElectricalSeries_raw</b>") &&
          html.includes("TwoPhotonSeries") &&
          html.includes("2 objects"),
        html,
      );
      assert.equal(
        String(file.acquisition),
        "/acquisition: ElectricalSeries_raw <ElectricalSeries>, TwoPhotonSeries_green <TwoPhotonSeries>",
      );
      const printed = inspect(file.acquisition);
      assert.ok(printed.startsWith("NamedObjectMap(2) /acquisition {"), printed);
      assert.ok(
        printed.includes(
          `ElectricalSeries_raw: ${String(file.acquisition.get("ElectricalSeries_raw"))}`,
        ),
        printed,
      );
      assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(file.acquisition))), [
        "ElectricalSeries_raw",
        "TwoPhotonSeries_green",
      ]);
    });

    it("one spelling of the neurodata type: neurodataType", function () {
      const raw = file.acquisition.get("ElectricalSeries_raw");
      assert.equal(raw.neurodataType, "ElectricalSeries");
      assert.ok(!("neurodata_type" in raw));
      const entries = file.objects();
      assert.ok(entries.length > 10);
      for (const e of entries) {
        assert.equal(typeof e.neurodataType, "string");
        assert.ok(!("neurodata_type" in e), e.path);
      }
      assert.equal(entries.find((e) => e.path === "/units")?.neurodataType, "Units");
    });
  });
});

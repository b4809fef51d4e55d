// Bad input: files that are not HDF5, empty, truncated or corrupt; objects missing a required
// field or with a wrong shape (an error naming the HDF5 path, the rest of the file still usable).
// Source files are never modified.
import assert from "node:assert/strict";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  closeSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { NWBError } from "../../kernel-ext/nwb/errors.js";
import { TimeSeries } from "../../kernel-ext/nwb/neurodata/base/time-series.js";
import { ElectricalSeries } from "../../kernel-ext/nwb/neurodata/ecephys/electrical-series.js";
import { TwoPhotonSeries } from "../../kernel-ext/nwb/neurodata/ophys/two-photon-series.js";
import { PlaneSegmentation } from "../../kernel-ext/nwb/neurodata/ophys/plane-segmentation.js";
import { mimeBundle } from "../../kernel-ext/display/mimebundle.js";
import { PYTHON, fixture, repoRoot, sha256File } from "./support.js";

async function rejectsWith(
  p: Promise<unknown>,
  file: string,
  path: string,
  expected: RegExp,
): Promise<void> {
  await assert.rejects(p, (e: unknown) => checkError(e, file, path, expected));
}

function throwsWith(fn: () => unknown, file: string, path: string, expected: RegExp): void {
  assert.throws(fn, (e: unknown) => checkError(e, file, path, expected));
}

function checkError(e: unknown, file: string, path: string, expected: RegExp): true {
  assert.ok(e instanceof NWBError, `expected an NWBError, got ${String(e)}`);
  assert.equal(e.file, file);
  assert.equal(e.path, path);
  assert.match(e.message, expected);
  assert.ok(
    e.message.includes(file) && e.message.includes(path),
    `message names file and path: ${e.message}`,
  );
  return true;
}

describe("NWB reader: bad input", function () {
  let dir: string;
  before(function () {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-bad-"));
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  describe("files that cannot be opened", function () {
    it("a missing file", async function () {
      const p = join(dir, "missing.nwb");
      await rejectsWith(openNWB(p), p, "", /cannot be read \(ENOENT\)/);
    });

    it("a directory", async function () {
      await rejectsWith(openNWB(dir), dir, "", /expected a file/);
    });

    it("an empty file", async function () {
      const p = join(dir, "empty.nwb");
      writeFileSync(p, "");
      await rejectsWith(openNWB(p), p, "", /the file is empty \(0 bytes\)/);
    });

    it("a text file", async function () {
      const p = join(dir, "notes.nwb");
      writeFileSync(p, "this is not HDF5\n".repeat(100));
      await rejectsWith(openNWB(p), p, "", /not an HDF5 file \(no HDF5 signature found\)/);
    });

    for (const frac of [0.5, 0.99]) {
      it(`a copy truncated to ${frac * 100}%`, async function () {
        const src = fixture("nwb-guide/sub-001_ses-1.nwb");
        const whole = readFileSync(src);
        const p = join(dir, `truncated-${frac}.nwb`);
        writeFileSync(p, whole.subarray(0, Math.floor(whole.length * frac)));
        await rejectsWith(
          openNWB(p),
          p,
          "",
          new RegExp(
            `the file is truncated: it has ${Math.floor(whole.length * frac)} bytes, its HDF5 superblock records ${whole.length}`,
          ),
        );
      });
    }

    it("a copy whose root group header is overwritten with garbage", async function () {
      const p = join(dir, "corrupt.nwb");
      copyFileSync(fixture("nwb-explorer/test_Device.nwb"), p);
      // The root group's object header address sits in the superblock (8-byte addresses):
      // version 0 → in the root symbol table entry at byte 64, version 2/3 → at byte 36.
      const head = readFileSync(p).subarray(0, 128);
      const rootHeader = Number(head.readBigUInt64LE(head[8] === 0 ? 64 : 36));
      const fd = openSync(p, "r+");
      writeSync(fd, Buffer.alloc(256, 0xa5), 0, 256, rootHeader);
      closeSync(fd);
      await assert.rejects(openNWB(p), (e: unknown) => {
        assert.ok(e instanceof NWBError, String(e));
        assert.equal(e.file, p);
        assert.match(
          e.message,
          /HDF5 could not open the file: its superblock or root group is corrupt/,
        );
        return true;
      });
    });

    it("NWB 1.x and version-less files name what was found", async function () {
      const v1 = fixture("pynwb/496908818s.nwb");
      await rejectsWith(
        openNWB(v1),
        v1,
        "/nwb_version",
        /NWB 1\.x is not supported \(found 1\.0\.5\)/,
      );
      const none = fixture("pynwb/empty.nwb");
      await rejectsWith(
        openNWB(none),
        none,
        "/",
        /not an NWB file: the root group has no 'nwb_version' attribute/,
      );
    });
  });

  describe("objects with missing or misshapen fields", function () {
    let file: string;
    let hash: string;
    before(function () {
      mkdirSync(dir, { recursive: true });
      file = join(dir, "broken.nwb");
      execFileSync(PYTHON, [join(repoRoot, "test", "nwb", "make_broken_nwb.py"), file]);
      hash = sha256File(file);
    });
    after(function () {
      assert.equal(sha256File(file), hash, "the source file is unchanged");
    });

    it("each broken object reports its path; the intact series still reads", async function () {
      const nwb = await openNWB(file);
      try {
        const es = nwb.acquisition.get("no_electrodes");
        assert.ok(es instanceof ElectricalSeries);
        throwsWith(
          () => es.electrodes,
          file,
          "/acquisition/no_electrodes/electrodes",
          /DynamicTableRegion 'electrodes' of an ElectricalSeries/,
        );
        assert.equal((await es.readWindow(0, 0.002)).data.shape[0], 2, "its data still reads");

        const tps = nwb.acquisition.get("flat_movie");
        assert.ok(tps instanceof TwoPhotonSeries);
        await rejectsWith(
          tps.projection("mean"),
          file,
          "/acquisition/flat_movie/data",
          /at least 3 dimensions.*found shape \[7\]/,
        );
        throwsWith(
          () => tps.imagingPlane,
          file,
          "/acquisition/flat_movie/imaging_plane",
          /link 'imaging_plane' to an ImagingPlane/,
        );

        const nt = nwb.acquisition.get("no_time_base");
        assert.ok(nt instanceof TimeSeries);
        await rejectsWith(
          nt.readWindow(0, 1),
          file,
          "/acquisition/no_time_base/starting_time",
          /either 'timestamps' or 'starting_time'/,
        );

        const ps = nwb.get("processing/ophys/ImageSegmentation/segmentation");
        assert.ok(ps instanceof PlaneSegmentation);
        await rejectsWith(
          ps.pixelMask(0),
          file,
          "/processing/ophys/ImageSegmentation/segmentation/pixel_mask",
          /\(N, 3\) numeric array, found shape \(4, 2\)/,
        );
        await rejectsWith(
          ps.pixelMasks(),
          file,
          "/processing/ophys/ImageSegmentation/segmentation/pixel_mask",
          /\(N, 3\) numeric array, found shape \(4, 2\)/,
        );
        await rejectsWith(
          ps.pixelMask(3),
          file,
          "/processing/ophys/ImageSegmentation/segmentation",
          /an ROI index in \[0, 1\), got 3/,
        );

        const ok = nwb.acquisition.get("intact");
        assert.ok(ok instanceof TimeSeries);
        const w = await ok.readWindow(2.2, 2.5);
        assert.deepEqual(Array.from(w.data.data as Float64Array), [2, 3, 4]);
        assert.deepEqual(
          Array.from(w.times, (t) => Math.round(t * 10) / 10),
          [2.2, 2.3, 2.4],
        );

        // The whole file still displays; broken fields show as warnings.
        const html = nwb[mimeBundle]()["text/html"] as string;
        assert.ok(html.includes("no_electrodes") && html.includes("flat_movie"));
        const esText = es[mimeBundle]()["text/plain"] as string;
        assert.match(esText, /no_electrodes/);
        const tpsText = tps[mimeBundle]()["text/plain"] as string;
        assert.match(tpsText, /imaging plane: ⚠ .*imaging_plane/);
      } finally {
        await nwb.close();
      }
    });

    it("pynwb back-compat files without data or unit open; the missing field errors on access", async function () {
      const noData = fixture("pynwb/1.3.3_timeseries_no_data.nwb");
      const before = sha256File(noData);
      const a = await openNWB(noData);
      const ts = a.acquisition.get("test_timeseries") as TimeSeries;
      throwsWith(
        () => ts.data,
        noData,
        "/acquisition/test_timeseries/data",
        /the dataset 'data' of a TimeSeries/,
      );
      assert.equal(ts.rate, 1);
      assert.match(ts[mimeBundle]()["text/plain"] as string, /data: ⚠ missing/);
      await a.close();
      assert.equal(sha256File(noData), before);

      const noUnit = fixture("pynwb/1.3.3_timeseries_no_unit.nwb");
      const b = await openNWB(noUnit);
      const ts2 = b.acquisition.get("test_timeseries") as TimeSeries;
      throwsWith(() => ts2.unit, noUnit, "/acquisition/test_timeseries/data", /a 'unit' attribute/);
      const w = await ts2.readAll();
      assert.equal(w.unit, "");
      assert.equal(w.data.shape[0], 1);
      await b.close();
    });
  });
});

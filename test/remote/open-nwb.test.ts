// openNWB over HTTP: URLs and DANDI asset references give the same typed objects as the local
// files, and every dataset value read remotely equals the local read. The fixtures (the 384-channel
// Neuropixels LFP file, DANDI:000006 files, pynwb/MatNWB files and a recording in the DANDI:000048
// layout) are the project's own copies in data/.
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openLocalH5 } from "../../kernel-ext/nwb/h5/local.js";
import type { H5GroupMeta, H5NodeMeta } from "../../kernel-ext/nwb/h5/source.js";
import {
  ElectricalSeries,
  openNWB,
  RoiResponseSeries,
  type NWBFile,
} from "../../kernel-ext/nwb/index.js";
import { openRemoteH5 } from "../../kernel-ext/nwb/remote/index.js";
import { RangeServer } from "./support/range-server.js";

const data = (relative: string) =>
  fileURLToPath(new URL(`../../data/${relative}`, import.meta.url));

const LFP = "nwb-fixtures/nwb-guide/sub-001_ses-1.nwb";
const RECORDING = "recordings/Allen_GCaMP6f_Emx1_102959_rec0.nwb";
const FIXTURES = [
  LFP,
  RECORDING,
  "nwb-fixtures/dandi-cli/sub-anm369963_ses-20170228.nwb",
  "nwb-fixtures/matnwb/ecephys_tutorial.nwb",
  "nwb-fixtures/nwb-explorer/test_PlaneSegmentation.nwb",
];

function datasetPaths(group: H5GroupMeta, out: string[] = []): string[] {
  for (const child of Object.values(group.children) as H5NodeMeta[]) {
    if (child.kind === "group") datasetPaths(child, out);
    else if (child.kind === "dataset") out.push(child.path);
  }
  return out;
}

describe("remote: openNWB over HTTP range requests", function () {
  let server: RangeServer;
  const urls = new Map<string, string>();
  const files: NWBFile[] = [];

  async function openBoth(relative: string): Promise<[NWBFile, NWBFile]> {
    const remote = await openNWB(urls.get(relative)!, { blockSize: 256 * 1024 });
    const local = await openNWB(data(relative));
    files.push(remote, local);
    return [remote, local];
  }

  before(async () => {
    server = await RangeServer.start();
    for (const relative of FIXTURES)
      urls.set(relative, await server.serve(`/files/${relative}`, data(relative)));
  });

  // Closing hands each remote file's h5wasm worker back to the pool for the next test.
  afterEach(async () => {
    await Promise.all(files.splice(0).map((f) => f.close()));
  });

  after(async () => {
    await server?.stop();
  });

  it("reads every dataset of the fixture files remotely with the values of the local read", async function () {
    for (const relative of FIXTURES) {
      const remote = await openRemoteH5(urls.get(relative)!, { blockSize: 128 * 1024 });
      const local = await openLocalH5(data(relative));
      try {
        assert.deepEqual(remote.meta, { ...local.meta, name: urls.get(relative) }, relative);
        const paths = datasetPaths(local.meta.root);
        assert.ok(paths.length > 0, relative);
        for (const path of paths) {
          const [got, expected] = await Promise.all([
            remote.readDataset(path).catch((e: Error) => e.message),
            local
              .readDataset(path)
              .catch((e: Error) => e.message.replace(data(relative), urls.get(relative)!)),
          ]);
          assert.deepEqual(got, expected, `${relative}: ${path}`);
        }
        assert.ok(remote.progress.bytesFetched <= statSync(data(relative)).size + 128 * 1024);
      } finally {
        await remote.close();
        await local.close();
      }
    }
  });

  it("gives the same typed objects for the 384-channel LFP file, and the same samples", async () => {
    const [remote, local] = await openBoth(LFP);
    assert.deepEqual(remote.objects(), local.objects());
    assert.equal(remote.identifier, local.identifier);
    const lfp = remote.acquisition.get("ElectricalSeriesLF");
    assert.ok(lfp instanceof ElectricalSeries, `got ${lfp?.constructor.name}`);
    const localLfp = local.acquisition.get("ElectricalSeriesLF") as ElectricalSeries;
    assert.deepEqual(lfp.data.shape, [13163, 384]);
    const window = await lfp.readSamples(5000, 7500);
    assert.deepEqual(window, await localLfp.readSamples(5000, 7500));
    assert.equal(window.data.shape[1], 384);
  });

  it("gives the same typed objects for a DANDI:000048-layout recording: a 1 s window of the cell-attached series and the ROI trace", async () => {
    const [remote, local] = await openBoth(RECORDING);
    assert.deepEqual(remote.objects(), local.objects());
    const raw = remote.acquisition.get("ElectricalSeries_raw") as ElectricalSeries;
    assert.ok(raw instanceof ElectricalSeries);
    const localRaw = local.acquisition.get("ElectricalSeries_raw") as ElectricalSeries;
    const window = await raw.readWindow(7, 8);
    assert.deepEqual(window, await localRaw.readWindow(7, 8));
    const rate = remote.objects().find((o) => o.path === "/acquisition/ElectricalSeries_raw")?.rate;
    assert.ok(rate && rate >= 10000, `rate ${rate}`);
    assert.equal(window.data.shape[0], rate);
    const path = "/processing/ophys/Fluorescence/roi_response_series";
    const series = remote.get(path);
    assert.ok(series instanceof RoiResponseSeries, `got ${series?.constructor.name}`);
    const trace = await series.readAll();
    assert.deepEqual(trace, await (local.get(path) as RoiResponseSeries).readAll());
    assert.equal(trace.data.shape[0], 20000);
  });
});

// Remote reads of a >= 200 MB HDF5 file served over HTTP from another process: metadata and
// values equal the local read (h5wasm's Node build) and h5py's reference values, with a small
// fraction of the file transferred, and the calling thread free while blocks are in flight.
import assert from "node:assert/strict";
import { openLocalH5 } from "../../kernel-ext/nwb/h5/local.js";
import type { H5Source } from "../../kernel-ext/nwb/h5/source.js";
import {
  openRemoteH5,
  type RemoteH5Source,
  type RemoteProgress,
} from "../../kernel-ext/nwb/remote/index.js";
import { bigHdf5, type BigReference } from "./support/big-hdf5.js";
import { RangeServer } from "./support/range-server.js";

const RAW = "/acquisition/ElectricalSeries_raw/data";
const ROI = "/processing/ophys/Fluorescence/roi_response_series/data";

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

describe("remote: lazy reads of a 200 MB HDF5 file over HTTP range requests", function () {
  let server: RangeServer;
  let local: H5Source;
  let remote: RemoteH5Source;
  let url: string;
  let reference: BigReference;
  let size: number;
  const progress: RemoteProgress[] = [];

  before(async function () {
    this.timeout(120_000);
    const big = bigHdf5();
    reference = big.reference;
    server = await RangeServer.start();
    url = await server.serve("/files/big.h5", big.path);
    local = await openLocalH5(big.path);
    size = local.meta.size;
    remote = await openRemoteH5(url, { onProgress: (p) => progress.push(p) });
  });

  after(async () => {
    await remote?.close();
    await local?.close();
    await server?.stop();
  });

  it("opens with the same metadata tree as the local file, transferring under 1% of it", async () => {
    assert.ok(size >= 200e6, `the generated file has ${size} bytes`);
    assert.equal(remote.size, size);
    assert.deepEqual(remote.meta, { ...local.meta, name: url });
    const stats = await server.stats();
    assert.equal(
      remote.progress.bytesFetched,
      stats.bytesSent,
      "progress counts every byte the server sent",
    );
    assert.equal(remote.progress.requests, stats.requests);
    assert.ok(stats.bytesSent < size / 100, `open transferred ${stats.bytesSent} bytes of ${size}`);
    assert.ok(
      stats.log.every((r) => r.range !== null),
      "every request asks for a range",
    );
  });

  it("reads a 1 s window of the 40 kHz series equal to the local read and to h5py", async () => {
    const selection: [number, number][] = [
      [reference.windowStart, reference.windowStart + reference.rate],
    ];
    const before = remote.progress.bytesFetched;
    const got = await remote.readDataset(RAW, selection);
    const expected = await local.readDataset(RAW, selection);
    assert.deepEqual(got, expected);
    const values = got.values as Float32Array;
    assert.ok(values instanceof Float32Array);
    assert.deepEqual(got.shape, [40000]);
    assert.deepEqual(Array.from(values.subarray(0, 5)), reference.windowFirst);
    assert.ok(Math.abs(sum(values) - reference.windowSum) < 1e-6 * Math.abs(reference.windowSum));
    const moved = remote.progress.bytesFetched - before;
    assert.ok(
      moved >= 160_000 && moved < 2_000_000,
      `the window moved ${moved} bytes (one 160 kB chunk plus index)`,
    );
  });

  it("reads the last samples and one ROI trace (a column of a gzip-chunked 2-D dataset)", async () => {
    const tail = await remote.readDataset(RAW, [[reference.samples - 3, reference.samples]]);
    assert.deepEqual(Array.from(tail.values as Float32Array), reference.rawLast);
    const column: [number, number][] = [
      [0, reference.roiShape[0]],
      [reference.roiColumn, reference.roiColumn + 1],
    ];
    const trace = await remote.readDataset(ROI, column);
    assert.deepEqual(trace, await local.readDataset(ROI, column));
    const values = trace.values as Float32Array;
    assert.deepEqual(Array.from(values.subarray(0, 5)), reference.roiFirst);
    assert.ok(Math.abs(sum(values) - reference.roiSum) < 1e-6 * reference.roiSum);
    const spikes = await remote.readDataset("/units/spike_times");
    assert.ok(
      Math.abs(sum(spikes.values as Float64Array) - reference.spikeSum) < 1e-6 * reference.spikeSum,
    );
  });

  it("reports progress after each request, with totals matching the server's count", async () => {
    assert.ok(progress.length >= 3);
    for (let i = 1; i < progress.length; i++) {
      assert.ok(progress[i].bytesFetched >= progress[i - 1].bytesFetched);
      assert.ok(progress[i].requests >= progress[i - 1].requests);
    }
    const last = progress[progress.length - 1];
    const stats = await server.stats();
    assert.equal(last.bytesFetched, stats.bytesSent);
    assert.equal(last.requests, stats.requests);
    assert.ok(last.blocksFetched >= last.requests);
    assert.ok(last.bytesPerSecond > 0);
  });

  it("keeps the calling thread free while a block is in flight", async () => {
    await server.configure({ latencyMs: 400 });
    try {
      let settled = false;
      // A region not read yet, so it must come from the network.
      const read = remote
        .readDataset(RAW, [[reference.rate * 1000, reference.rate * 1001]])
        .finally(() => (settled = true));
      const ticks: number[] = [];
      const timer = setInterval(() => ticks.push(Date.now()), 20);
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.equal(settled, false, "the read cannot be done before the server answers");
      assert.ok(ticks.length >= 2, "timers kept firing on the calling thread during the read");
      const got = await read;
      clearInterval(timer);
      assert.deepEqual(
        got,
        await local.readDataset(RAW, [[reference.rate * 1000, reference.rate * 1001]]),
      );
    } finally {
      await server.configure({ latencyMs: 0 });
    }
  });

  it("abandons a call on AbortSignal; the file keeps serving later calls", async () => {
    await server.configure({ latencyMs: 1500 });
    const controller = new AbortController();
    const selection: [number, number][] = [[reference.rate * 1200, reference.rate * 1200 + 10]];
    try {
      const read = remote.readDataset(RAW, selection, { signal: controller.signal });
      setTimeout(() => controller.abort(new Error("user stopped the read")), 50);
      await assert.rejects(read, /user stopped the read/);
    } finally {
      await server.configure({ latencyMs: 0 });
    }
    assert.deepEqual(
      await remote.readDataset(RAW, selection),
      await local.readDataset(RAW, selection),
    );
  });

  it("fails a read of a missing dataset with the reader's error naming the URL and path", async () => {
    await assert.rejects(remote.readDataset("/acquisition/nope"), (error: Error) => {
      assert.equal(error.name, "NWBError");
      assert.match(
        error.message,
        new RegExp(`${url.replace(/[.]/g, "\\.")}: /acquisition/nope: expected a dataset`),
      );
      return true;
    });
  });
});

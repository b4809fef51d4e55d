// Failures of the server or the file while a remote file is open: each gives its documented error
// (naming the URL), and the process — and the same open file, once the server is back — keeps working.
import assert from "node:assert/strict";
import { copyFileSync, statSync } from "node:fs";
import { openLocalH5 } from "../../kernel-ext/nwb/h5/local.js";
import {
  openRemoteH5,
  RangeNotSupportedError,
  RemoteConnectionError,
  RemoteFileChangedError,
  RemoteHttpError,
  RemoteTimeoutError,
  type RemoteH5Source,
  type RemoteOptions,
} from "../../kernel-ext/nwb/remote/index.js";
import { NWBError } from "../../kernel-ext/nwb/errors.js";
import { writeLoopingCopy } from "../nwb/support.js";
import { RangeServer } from "./support/range-server.js";
import { h5pySeries, h5pySlices, ScratchFolder } from "./support/small-hdf5.js";

const DATA = "/acquisition/series/data";
const FAST: RemoteOptions = { blockSize: 65536, retries: 3, retryDelayMs: 20 };

describe("remote: server and file faults", function () {
  let server: RangeServer;
  let scratch: ScratchFolder;
  let fileA: string;
  let urlA: string;
  // h5py's values of the slices of file A the tests read, from one Python run.
  let expectedA: (start: number, stop: number) => number[];
  const opened: RemoteH5Source[] = [];
  const servers: RangeServer[] = [];

  async function open(url: string, options: RemoteOptions = FAST): Promise<RemoteH5Source> {
    const source = await openRemoteH5(url, options);
    opened.push(source);
    return source;
  }

  async function values(source: RemoteH5Source, start: number, stop: number): Promise<number[]> {
    return Array.from((await source.readDataset(DATA, [[start, stop]])).values as Float64Array);
  }

  before(async () => {
    scratch = new ScratchFolder();
    fileA = scratch.smallHdf5("a.h5", 1);
    const slices: [number, number][] = [
      [0, 10],
      [100_000, 101_000],
      [200_000, 200_100],
      [350_000, 350_010],
      [450_000, 451_000],
    ];
    const values = h5pySlices(fileA, slices);
    expectedA = (start, stop) => values[slices.findIndex(([a, b]) => a === start && b === stop)];
    server = await RangeServer.start();
    servers.push(server);
    urlA = await server.serve("/files/a.h5", fileA);
  });

  // Closing hands each file's h5wasm worker back to the pool for the next test.
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    scratch?.remove();
  });

  it("retries 503 answers with backoff, then reads the right values", async () => {
    const remote = await open(urlA);
    await server.resetStats();
    await server.configure({ failNext: 2, failStatus: 503 });
    const requestsBefore = remote.progress.requests;
    assert.deepEqual(await values(remote, 100_000, 101_000), expectedA(100_000, 101_000));
    const log = (await server.stats()).log;
    assert.equal(log.length, 3, "two 503 answers and one success");
    assert.equal(new Set(log.map((r) => r.range)).size, 1, "the same range asked three times");
    assert.equal(remote.progress.requests - requestsBefore, 3);
  });

  it("gives up after the configured retries with RemoteHttpError 503, and reads again once the server recovers", async () => {
    const remote = await open(urlA, { ...FAST, retries: 2 });
    await server.configure({ failNext: 100, failStatus: 503 });
    try {
      await assert.rejects(values(remote, 200_000, 200_100), (error: Error) => {
        assert.ok(error instanceof RemoteHttpError, `${error.name}: ${error.message}`);
        assert.equal(error.status, 503);
        assert.equal(error.url, urlA);
        assert.match(error.message, /HTTP 503 .*gave up after 3 attempts/);
        return true;
      });
    } finally {
      await server.configure({ failNext: 0 });
    }
    assert.deepEqual(await values(remote, 200_000, 200_100), expectedA(200_000, 200_100));
  });

  it("refuses a server that ignores Range (200 instead of 206) with RangeNotSupportedError", async () => {
    await server.configure({ noRange: true });
    try {
      await assert.rejects(openRemoteH5(urlA, FAST), (error: Error) => {
        assert.ok(error instanceof RangeNotSupportedError, `${error.name}: ${error.message}`);
        assert.match(error.message, /ignored the Range header \(status 200 instead of 206/);
        assert.ok(error.message.startsWith(urlA));
        return true;
      });
    } finally {
      await server.configure({ noRange: false });
    }
  });

  it("detects a file replaced by one of another size between requests (RemoteFileChangedError)", async () => {
    const path = `${scratch.path}/b.h5`;
    copyFileSync(fileA, path);
    const url = await server.serve("/files/b.h5", path);
    const remote = await open(url);
    assert.deepEqual(await values(remote, 0, 10), expectedA(0, 10));
    copyFileSync(scratch.smallHdf5("b-bigger.h5", 2, 100_000), path);
    await assert.rejects(values(remote, 400_000, 400_010), (error: Error) => {
      assert.ok(error instanceof RemoteFileChangedError, `${error.name}: ${error.message}`);
      assert.match(
        error.message,
        /changed while open: its size was \d+ bytes, the server now reports \d+; reopen it/,
      );
      return true;
    });
    // Reopening reads the new file.
    const reopened = await open(url);
    assert.deepEqual(await values(reopened, 400_000, 400_010), h5pySeries(path, 400_000, 400_010));
  });

  it("detects a same-size replacement by its ETag", async () => {
    const path = `${scratch.path}/c.h5`;
    copyFileSync(fileA, path);
    const url = await server.serve("/files/c.h5", path);
    const remote = await open(url);
    const replacement = scratch.smallHdf5("c-other.h5", 3);
    assert.equal(statSync(replacement).size, statSync(fileA).size, "same layout, same size");
    copyFileSync(replacement, path);
    await assert.rejects(values(remote, 300_000, 300_010), (error: Error) => {
      assert.ok(error instanceof RemoteFileChangedError, `${error.name}: ${error.message}`);
      assert.match(
        error.message,
        /changed while open: its ETag was ".+", the server now sends ".+"; reopen it/,
      );
      return true;
    });
  });

  it("times out a server that does not answer (RemoteTimeoutError), then reads once it answers again", async () => {
    const remote = await open(urlA, { ...FAST, timeoutMs: 300, retries: 1 });
    await server.configure({ latencyMs: 3000 });
    try {
      await assert.rejects(values(remote, 350_000, 350_010), (error: Error) => {
        assert.ok(error instanceof RemoteTimeoutError, `${error.name}: ${error.message}`);
        assert.match(error.message, /within 300 ms \(gave up after 2 attempts\)/);
        return true;
      });
    } finally {
      await server.configure({ latencyMs: 0 });
    }
    assert.deepEqual(await values(remote, 350_000, 350_010), expectedA(350_000, 350_010));
  });

  it("fails a read cut off by the server's death (RemoteConnectionError), then reads from a restarted server", async () => {
    const dying = await RangeServer.start();
    servers.push(dying);
    const url = await dying.serve("/files/a.h5", fileA);
    const remote = await open(url, { ...FAST, retries: 1, retryDelayMs: 50 });
    await dying.configure({ stallAfterBytes: 1000 });
    await dying.resetStats();
    const read = values(remote, 450_000, 451_000);
    const outcome = read.then(
      () => new Error("the read should have failed"),
      (error: Error) => error,
    );
    // Kill the server once the range request is being answered (and stalled mid-body).
    for (let i = 0; i < 200 && (await dying.stats()).bytesSent === 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    assert.ok((await dying.stats()).bytesSent > 0, "the server started sending the body");
    await dying.kill();
    const error = await outcome;
    assert.ok(error instanceof RemoteConnectionError, `${error.name}: ${error.message}`);
    assert.match(error.message, /ECONNREFUSED|connection lost|terminated|ECONNRESET/);
    assert.match(error.message, /gave up after 2 attempts/);
    const reborn = await RangeServer.start(dying.port);
    servers.push(reborn);
    await reborn.serve("/files/a.h5", fileA);
    assert.deepEqual(await values(remote, 450_000, 451_000), expectedA(450_000, 451_000));
  });

  it("times out a server that stalls mid-body and stays connected (RemoteTimeoutError within the attempts' timeouts), then reads again", async () => {
    const remote = await open(urlA, { ...FAST, timeoutMs: 400, retries: 1, retryDelayMs: 20 });
    await server.configure({ stallAfterBytes: 1000 });
    try {
      // The body's first 1000 bytes arrive, then nothing while the connection stays open: each
      // attempt's timeout covers the body too, so the read ends on its own.
      await assert.rejects(values(remote, 250_000, 251_000), (error: Error) => {
        assert.ok(error instanceof RemoteTimeoutError, `${error.name}: ${error.message}`);
        assert.ok(error.message.includes(urlA), error.message);
        assert.match(
          error.message,
          /the body of bytes \d+–\d+ of .* did not arrive within 400 ms \(gave up after 2 attempts\)/,
        );
        return true;
      });
    } finally {
      await server.configure({ stallAfterBytes: -1 });
    }
    assert.deepEqual(await values(remote, 250_000, 251_000), h5pySeries(fileA, 250_000, 251_000));
  });

  it("fails a read of an open file when the server starts answering Range requests with the whole file (RangeNotSupportedError, no wrong bytes)", async () => {
    const remote = await open(urlA);
    assert.deepEqual(await values(remote, 0, 10), expectedA(0, 10));
    await server.configure({ noRange: true });
    try {
      await assert.rejects(values(remote, 150_000, 150_100), (error: Error) => {
        assert.ok(error instanceof RangeNotSupportedError, `${error.name}: ${error.message}`);
        assert.ok(error.message.startsWith(urlA), error.message);
        assert.match(error.message, /ignored the Range header \(status 200 instead of 206/);
        return true;
      });
    } finally {
      await server.configure({ noRange: false });
    }
    assert.deepEqual(await values(remote, 150_000, 150_100), h5pySeries(fileA, 150_000, 150_100));
  });

  it("ends the h5wasm worker of a file HDF5 loops on (an NWBError after the deadline without network progress), and opens the next file", async () => {
    const loop = `${scratch.path}/loop.nwb`;
    writeLoopingCopy(loop);
    const url = await server.serve("/files/loop.nwb", loop);
    await assert.rejects(openRemoteH5(url, { ...FAST, hdf5DeadlineMs: 1500 }), (error: Error) => {
      assert.ok(error instanceof NWBError, `${error.name}: ${error.message}`);
      assert.equal(error.file, url);
      assert.match(
        error.message,
        /corrupt HDF5 metadata: HDF5 did not finish reading it within 1\.5 s without waiting on the network \(a loop in the file's structure\)/,
      );
      assert.equal(error.fileUnusable, true);
      return true;
    });
    const remote = await open(urlA);
    assert.deepEqual(await values(remote, 100_000, 101_000), expectedA(100_000, 101_000));
  });

  it("leaves the process working: local and fresh remote files read normally after the faults", async () => {
    const local = await openLocalH5(fileA);
    const remote = await open(urlA);
    assert.deepEqual(
      await remote.readDataset(DATA, [[123_456, 123_556]]),
      await local.readDataset(DATA, [[123_456, 123_556]]),
    );
    await local.close();
  });
});

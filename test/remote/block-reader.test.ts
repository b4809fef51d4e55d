// The block layer on its own, run in the test's thread (the server is another process, so this
// thread may block): LRU eviction, one Range request per run of neighbouring missing blocks,
// request size cap, and the on-disk cache keyed by URL + ETag.
import assert from "node:assert/strict";
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import { BlockCache } from "../../kernel-ext/nwb/remote/block-cache.js";
import { resolveRemoteOptions, type RemoteOptions } from "../../kernel-ext/nwb/remote/options.js";
import { RangeChannel } from "../../kernel-ext/nwb/remote/range-channel.js";
import { SyncRangeReader } from "../../kernel-ext/nwb/remote/sync-range-reader.js";
import { RangeServer } from "./support/range-server.js";
import { ScratchFolder } from "./support/small-hdf5.js";

const B = 65536;

describe("remote: block cache and range reader", function () {
  let server: RangeServer;
  let scratch: ScratchFolder;
  let file: string;
  let bytes: Buffer;
  let url: string;
  const readers: SyncRangeReader[] = [];
  // One fetch worker serves every reader here, as it serves every file an h5wasm worker opens.
  let channel: RangeChannel;

  function reader(options: RemoteOptions = {}, address = url): SyncRangeReader {
    const r = new SyncRangeReader(
      address,
      resolveRemoteOptions({ blockSize: B, ...options }),
      undefined,
      channel,
    );
    readers.push(r);
    r.probe();
    return r;
  }

  async function rangesSince(): Promise<(string | null)[]> {
    const stats = await server.stats();
    await server.resetStats();
    return stats.log.map((entry) => entry.range);
  }

  function read(r: SyncRangeReader, position: number, length: number): Buffer {
    const target = new Uint8Array(length);
    r.readInto(position, target);
    return Buffer.from(target);
  }

  before(async () => {
    scratch = new ScratchFolder();
    file = scratch.smallHdf5("blocks.h5", 7);
    bytes = readFileSync(file);
    server = await RangeServer.start();
    url = await server.serve("/files/blocks.h5", file);
    channel = new RangeChannel();
  });

  after(async () => {
    for (const r of readers) r.close();
    channel?.close();
    await server?.stop();
    scratch?.remove();
  });

  it("BlockCache evicts the least recently used blocks beyond its byte budget", () => {
    const cache = new BlockCache(3 * 10);
    for (let i = 0; i < 3; i++) cache.set(i, new Uint8Array(10).fill(i));
    assert.equal(cache.get(0)?.[0], 0); // 0 is now the most recently used
    cache.set(3, new Uint8Array(10));
    assert.deepEqual(
      [cache.has(0), cache.has(1), cache.has(2), cache.has(3)],
      [true, false, true, true],
    );
    assert.equal(cache.usedBytes, 30);
    cache.set(4, new Uint8Array(25)); // bigger than what is left: evicts until it fits
    assert.deepEqual(
      [cache.has(0), cache.has(2), cache.has(3), cache.has(4)],
      [false, false, false, true],
    );
    assert.equal(cache.usedBytes, 25);
  });

  it("probes with one Range request for block 0 and learns size and ETag from it", async () => {
    await server.resetStats();
    const r = reader();
    assert.equal(r.identity.size, bytes.length);
    assert.match(r.identity.etag ?? "", /^".+"$/);
    assert.deepEqual(await rangesSince(), [`bytes=0-${B - 1}`]);
    assert.deepEqual(read(r, 10, 1000), bytes.subarray(10, 1010));
    assert.deepEqual(await rangesSince(), [], "block 0 is cached");
  });

  it("fetches a run of neighbouring missing blocks with one request, and only the missing runs", async () => {
    const r = reader();
    await server.resetStats();
    assert.deepEqual(read(r, 200_000, 700_000), bytes.subarray(200_000, 900_000));
    // blocks 3..13
    assert.deepEqual(await rangesSince(), [`bytes=${3 * B}-${14 * B - 1}`]);
    // blocks 1..16 with 3..13 cached: two runs, 1..2 and 14..16
    assert.deepEqual(read(r, B + 5, 16 * B - 10), bytes.subarray(B + 5, 17 * B - 5));
    assert.deepEqual(await rangesSince(), [
      `bytes=${B}-${3 * B - 1}`,
      `bytes=${14 * B}-${17 * B - 1}`,
    ]);
    assert.equal(r.progress.requests, 4);
    assert.equal(r.progress.bytesFetched, B + 11 * B + 2 * B + 3 * B);
  });

  it("reads the last, partial block up to the end of the file", async () => {
    const r = reader();
    await server.resetStats();
    const tail = bytes.length - 100;
    assert.deepEqual(read(r, tail, 100), bytes.subarray(tail));
    const lastBlock = Math.floor(tail / B);
    assert.deepEqual(await rangesSince(), [`bytes=${lastBlock * B}-${bytes.length - 1}`]);
  });

  it("caps requests at maxRequestBytes", async () => {
    const r = reader({ maxRequestBytes: 2 * B });
    await server.resetStats();
    assert.deepEqual(read(r, 2 * B, 6 * B), bytes.subarray(2 * B, 8 * B));
    assert.deepEqual(await rangesSince(), [
      `bytes=${2 * B}-${4 * B - 1}`,
      `bytes=${4 * B}-${6 * B - 1}`,
      `bytes=${6 * B}-${8 * B - 1}`,
    ]);
  });

  it("evicts least recently used blocks when the memory cache is full and fetches them again", async () => {
    const r = reader({ cacheBytes: 4 * B, maxRequestBytes: B });
    for (let k = 1; k <= 6; k++) read(r, k * B, 1);
    await server.resetStats();
    assert.deepEqual(read(r, 6 * B + 1, 10), bytes.subarray(6 * B + 1, 6 * B + 11));
    assert.deepEqual(await rangesSince(), [], "block 6 is recent");
    assert.deepEqual(read(r, B + 1, 10), bytes.subarray(B + 1, B + 11));
    assert.deepEqual(await rangesSince(), [`bytes=${B}-${2 * B - 1}`], "block 1 was evicted");
  });

  it("serves blocks from the on-disk cache on a later open, keyed by URL + ETag", async () => {
    const copy = `${scratch.path}/disk.h5`;
    copyFileSync(file, copy);
    const diskUrl = await server.serve("/files/disk.h5", copy);
    const cacheDir = `${scratch.path}/disk-cache`;
    const first = reader({ diskCacheDir: cacheDir }, diskUrl);
    assert.deepEqual(read(first, 300_000, 200_000), bytes.subarray(300_000, 500_000));
    first.close();
    await server.resetStats();
    const second = reader({ diskCacheDir: cacheDir }, diskUrl);
    assert.deepEqual(read(second, 300_000, 200_000), bytes.subarray(300_000, 500_000));
    assert.deepEqual(
      await rangesSince(),
      [`bytes=0-${B - 1}`],
      "only the probe, which checks the ETag",
    );
    assert.ok(second.progress.diskCacheHits >= 4);
    assert.equal(readdirSync(cacheDir).length, 1);
    // Another version of the file (new ETag) gets its own folder and comes from the network.
    const other = scratch.smallHdf5("other.h5", 8);
    copyFileSync(other, copy);
    const otherBytes = readFileSync(other);
    const third = reader({ diskCacheDir: cacheDir }, diskUrl);
    assert.deepEqual(read(third, 300_000, 200_000), otherBytes.subarray(300_000, 500_000));
    assert.equal(third.progress.diskCacheHits, 0);
    assert.equal(readdirSync(cacheDir).length, 2);
  });
});

// Synchronous reads of a remote file for a thread that must not return to its event loop (the
// thread running h5wasm, inside a file-system read callback). Blocks come from a memory LRU cache,
// then the optional disk cache, then the network: each run of neighbouring missing blocks is one
// Range request, done by a separate worker thread while this thread waits on Atomics.wait.
import { BlockCache } from "./block-cache.js";
import { DiskBlockCache } from "./disk-cache.js";
import { fromWireError } from "./errors.js";
import type { RemoteIdentity } from "./http-range.js";
import type { ResolvedRemoteOptions } from "./options.js";
import { emptyProgress, type RemoteProgress } from "./progress.js";
import type { RangeAnswer } from "./range-protocol.js";
import { RangeChannel } from "./range-channel.js";

export class SyncRangeReader {
  readonly progress: RemoteProgress;
  private readonly cache: BlockCache;
  private readonly maxBlocksPerRequest: number;
  private readonly ownsChannel: boolean;
  private readonly channel: RangeChannel;
  private disk: DiskBlockCache | null = null;
  private identityValue: RemoteIdentity | null = null;

  /** `channel`: a fetch channel to share (else the reader starts and ends its own). */
  constructor(
    readonly url: string,
    private readonly options: ResolvedRemoteOptions,
    private readonly onNetwork: (progress: RemoteProgress) => void = () => undefined,
    channel?: RangeChannel,
  ) {
    this.progress = emptyProgress(url);
    this.cache = new BlockCache(options.cacheBytes);
    // A run must fit in the cache with room to spare, else its first blocks are evicted before use.
    const maxBytes = Math.min(options.maxRequestBytes, Math.floor(options.cacheBytes / 2));
    this.maxBlocksPerRequest = Math.max(1, Math.floor(maxBytes / options.blockSize));
    this.ownsChannel = !channel;
    this.channel = channel ?? new RangeChannel();
  }

  /** Size, ETag and Last-Modified, known after `probe()`. */
  get identity(): RemoteIdentity {
    if (!this.identityValue) throw new Error(`${this.url}: probe() must run before reads`);
    return this.identityValue;
  }

  /** First request: fetches block 0, which also tells the file's size and ETag. */
  probe(): RemoteIdentity {
    const { bytes, identity } = this.request(0, this.options.blockSize, null);
    this.identityValue = identity;
    if (this.options.diskCacheDir) {
      this.disk = DiskBlockCache.open(
        this.options.diskCacheDir,
        this.url,
        identity,
        this.options.blockSize,
      );
    }
    this.store(0, bytes);
    return identity;
  }

  /** Fills `target` with the file's bytes from `position` (the caller keeps the range inside the file). */
  readInto(position: number, target: Uint8Array): void {
    const { blockSize } = this.options;
    const end = position + target.byteLength;
    const lastNeeded = Math.floor((end - 1) / blockSize);
    let index = Math.floor(position / blockSize);
    while (index <= lastNeeded) {
      const cached = this.lookup(index);
      if (cached) {
        this.copy(index * blockSize, cached, position, target);
        index++;
        continue;
      }
      let runEnd = index;
      while (
        runEnd < lastNeeded &&
        runEnd + 1 - index < this.maxBlocksPerRequest &&
        !this.lookupPeek(runEnd + 1)
      ) {
        runEnd++;
      }
      const start = index * blockSize;
      const stop = Math.min((runEnd + 1) * blockSize, this.identity.size);
      const { bytes } = this.request(start, stop, this.identity);
      this.copy(start, bytes, position, target);
      for (let k = index; k <= runEnd; k++) {
        const offset = (k - index) * blockSize;
        this.store(k, bytes.slice(offset, Math.min(offset + blockSize, bytes.byteLength)));
      }
      index = runEnd + 1;
    }
  }

  close(): void {
    if (this.ownsChannel) this.channel.close();
    this.cache.clear();
  }

  /** Copies the overlap of file bytes [sourceStart, …) with [position, position + target.length). */
  private copy(
    sourceStart: number,
    source: Uint8Array,
    position: number,
    target: Uint8Array,
  ): void {
    const from = Math.max(sourceStart, position);
    const to = Math.min(sourceStart + source.byteLength, position + target.byteLength);
    if (to > from)
      target.set(source.subarray(from - sourceStart, to - sourceStart), from - position);
  }

  private lookup(index: number): Uint8Array | undefined {
    const inMemory = this.cache.get(index);
    if (inMemory) {
      this.progress.memoryCacheHits++;
      return inMemory;
    }
    const onDisk = this.disk?.get(index);
    if (onDisk) {
      this.progress.diskCacheHits++;
      this.cache.set(index, onDisk);
    }
    return onDisk;
  }

  /** Whether a block is available without the network (loads it from disk into memory if there). */
  private lookupPeek(index: number): boolean {
    return this.cache.has(index) || this.lookup(index) !== undefined;
  }

  private store(index: number, block: Uint8Array): void {
    this.cache.set(index, block);
    this.disk?.put(index, block);
  }

  /** One Range request through the fetch worker, waiting synchronously for its answer. */
  private request(
    start: number,
    end: number,
    expected: RemoteIdentity | null,
  ): { bytes: Uint8Array; identity: RemoteIdentity } {
    const answer = this.channel.request(this.url, this.options, start, end, expected);
    if (answer.ok === "pong")
      throw new Error("range-fetch worker: a ping answer to a range request");
    this.account(answer, answer.ok ? answer.bytes.byteLength : 0, end - start);
    if (!answer.ok) throw fromWireError(answer.error);
    return { bytes: new Uint8Array(answer.bytes), identity: answer.identity };
  }

  private account(answer: Exclude<RangeAnswer, { ok: "pong" }>, bytes: number, span: number): void {
    const p = this.progress;
    p.requests += answer.attempts;
    p.bytesFetched += bytes;
    if (answer.ok) p.blocksFetched += Math.ceil(span / this.options.blockSize);
    p.networkMs += answer.ms;
    p.bytesPerSecond = p.networkMs > 0 ? (p.bytesFetched * 1000) / p.networkMs : 0;
    this.onNetwork({ ...p });
  }
}

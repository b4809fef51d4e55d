// On-disk block cache. One folder per file version, named by a hash of URL + ETag (+ size and
// block size, so differently sized blocks never mix); one file per block, written atomically.
// Files without an ETag are not cached on disk: nothing would tell a stale copy from a fresh one.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RemoteIdentity } from "./http-range.js";

export class DiskBlockCache {
  readonly folder: string;
  private writes = 0;

  private constructor(
    folder: string,
    private readonly blockSize: number,
    private readonly fileSize: number,
  ) {
    this.folder = folder;
  }

  /** The cache for this file version, or null when the server gives no ETag to key it by. */
  static open(
    root: string,
    url: string,
    identity: RemoteIdentity,
    blockSize: number,
  ): DiskBlockCache | null {
    if (!identity.etag) return null;
    const key = createHash("sha256")
      .update(`${url}\n${identity.etag}\n${identity.size}\n${blockSize}`)
      .digest("hex")
      .slice(0, 32);
    const folder = join(root, key);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, "source.json"),
      JSON.stringify({ url, etag: identity.etag, size: identity.size, blockSize }, null, 1),
    );
    return new DiskBlockCache(folder, blockSize, identity.size);
  }

  private expectedLength(index: number): number {
    return Math.min(this.blockSize, this.fileSize - index * this.blockSize);
  }

  get(index: number): Uint8Array | undefined {
    try {
      const bytes = readFileSync(join(this.folder, `${index}.block`));
      // A block of the wrong length is a leftover of an interrupted write elsewhere: ignore it.
      return bytes.byteLength === this.expectedLength(index)
        ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        : undefined;
    } catch {
      return undefined;
    }
  }

  put(index: number, block: Uint8Array): void {
    const target = join(this.folder, `${index}.block`);
    const temporary = `${target}.${process.pid}.${this.writes++}.tmp`;
    try {
      writeFileSync(temporary, block);
      renameSync(temporary, target);
    } catch {
      // A full or read-only disk only costs the cache, never the read.
    }
  }
}

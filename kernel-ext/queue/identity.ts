// What a recording is, independent of where it is read from, so that a finished result can be
// reused: a local file by the SHA-256 of its bytes (remembered in Redis by path, size, mtime and
// inode, so a file is hashed once), a remote one by its URL, ETag and size (or Last-Modified when
// the server sends no ETag). An input whose identity cannot be told (missing file, no answer, no
// validator) has none: its result is kept for its batch only, and its job reports the real error.
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Redis } from "ioredis";
import { isRemoteSource, resolveRemoteUrl } from "../nwb/remote/resolve-source.js";
import { keys } from "./names.js";

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function localIdentity(path: string, redis: Redis): Promise<string | null> {
  let st;
  try {
    st = statSync(path);
  } catch {
    return null;
  }
  if (!st.isFile()) return null;
  const field = `${resolve(path)}\0${st.size}\0${st.mtimeMs}\0${st.ino}`;
  let digest = await redis.hget(keys.fileHash, field);
  if (!digest) {
    digest = await sha256File(path);
    await redis.hset(keys.fileHash, field, digest);
  }
  return `sha256:${digest}:${st.size}`;
}

async function remoteIdentity(source: string, timeoutMs: number): Promise<string | null> {
  try {
    const url = await resolveRemoteUrl(source, { timeoutMs });
    const response = await fetch(url, {
      headers: { Range: "bytes=0-0" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok) return null;
    const size =
      /\/(\d+)$/.exec(response.headers.get("content-range") ?? "")?.[1] ??
      response.headers.get("content-length");
    const etag = response.headers.get("etag");
    const modified = response.headers.get("last-modified");
    if (!size || (!etag && !modified)) return null;
    return `url:${response.url || url} ${etag ? `etag:${etag}` : `modified:${modified}`} size:${size}`;
  } catch {
    return null;
  }
}

/** The identity of `source`, or null when it cannot be told. */
export function inputIdentity(
  source: string,
  redis: Redis,
  timeoutMs = 15_000,
): Promise<string | null> {
  return isRemoteSource(source) ? remoteIdentity(source, timeoutMs) : localIdentity(source, redis);
}

/** The key digest of a result: the input's identity under one analysis version. */
export function resultDigest(identity: string, analysisVersion: string): string {
  return createHash("sha256").update(`${analysisVersion}\0${identity}`).digest("hex");
}

// Running totals of network use for one remote file, as the onProgress callback and stats() report them.

export interface RemoteProgress {
  url: string;
  /** Bytes received in Range response bodies since the file was opened. */
  bytesFetched: number;
  /** HTTP requests made (retries included). */
  requests: number;
  /** Blocks brought into the memory cache from the network. */
  blocksFetched: number;
  /** Blocks served from the on-disk cache instead of the network. */
  diskCacheHits: number;
  /** Reads answered from the memory cache without a request. */
  memoryCacheHits: number;
  /** Milliseconds spent waiting for the network. */
  networkMs: number;
  /** bytesFetched per second of network time (0 before the first request). */
  bytesPerSecond: number;
}

export function emptyProgress(url: string): RemoteProgress {
  return {
    url,
    bytesFetched: 0,
    requests: 0,
    blocksFetched: 0,
    diskCacheHits: 0,
    memoryCacheHits: 0,
    networkMs: 0,
    bytesPerSecond: 0,
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;
}

/** One line for a status display: "4.19 MB in 12 requests (16 blocks), 35.2 MB/s". */
export function formatProgress(p: RemoteProgress): string {
  const rate = p.bytesPerSecond > 0 ? `, ${megabytes(p.bytesPerSecond)}/s` : "";
  const disk = p.diskCacheHits > 0 ? `, ${p.diskCacheHits} blocks from disk cache` : "";
  return `${megabytes(p.bytesFetched)} in ${p.requests} request${p.requests === 1 ? "" : "s"} (${p.blocksFetched} blocks)${rate}${disk}`;
}

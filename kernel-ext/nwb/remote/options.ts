// Options of remote reading, their defaults, and the checked form that workers receive.
import type { RemoteProgress } from "./progress.js";

export interface RemoteOptions {
  /** Bytes per cache block and the unit of every Range request (default 256 KiB). */
  blockSize?: number;
  /** Memory block cache capacity in bytes, least recently used blocks evicted first (default 64 MiB). */
  cacheBytes?: number;
  /** Largest single Range request when neighbouring missing blocks are coalesced (default 16 MiB). */
  maxRequestBytes?: number;
  /** Time allowed for one HTTP attempt, headers and body (default 30 s). */
  timeoutMs?: number;
  /** Extra attempts after a 5xx/429 answer, a reset or refused connection, a short body or a timeout (default 3). */
  retries?: number;
  /** First retry delay; doubled per attempt, capped at 10 s, raised to Retry-After when the server sends one (default 250 ms). */
  retryDelayMs?: number;
  /** Directory of an on-disk block cache keyed by URL + ETag (off by default; the directory grows until deleted). */
  diskCacheDir?: string;
  /** Extra request headers (e.g. Authorization for embargoed data). */
  headers?: Record<string, string>;
  /** Called on the caller's thread after each network request with running totals. */
  onProgress?: (progress: RemoteProgress) => void;
  /** DANDI REST API base used to resolve asset references (default https://api.dandiarchive.org/api). */
  dandiApiUrl?: string;
  /**
   * Milliseconds the h5wasm worker may go without finishing a network request while a call is
   * pending before HDF5 is taken to loop on a corrupt file and the worker is ended (default: every
   * attempt of a request at `timeoutMs` plus backoff, at least 10 s; see stall-watch.ts).
   */
  hdf5DeadlineMs?: number;
}

/** The serialisable part of the options, validated, as the worker threads receive it. */
export interface ResolvedRemoteOptions {
  blockSize: number;
  cacheBytes: number;
  maxRequestBytes: number;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  diskCacheDir: string | null;
  headers: Record<string, string>;
}

export const DEFAULT_DANDI_API_URL = "https://api.dandiarchive.org/api";

function positiveInteger(
  name: string,
  value: number | undefined,
  fallback: number,
  min = 1,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new TypeError(
      `remote option ${name}: expected an integer ≥ ${min}, got ${String(value)}`,
    );
  }
  return value;
}

export function resolveRemoteOptions(options: RemoteOptions = {}): ResolvedRemoteOptions {
  const blockSize = positiveInteger("blockSize", options.blockSize, 256 * 1024, 512);
  const cacheBytes = positiveInteger("cacheBytes", options.cacheBytes, 64 * 1024 * 1024, blockSize);
  const maxRequestBytes = positiveInteger(
    "maxRequestBytes",
    options.maxRequestBytes,
    16 * 1024 * 1024,
    blockSize,
  );
  const timeoutMs = positiveInteger("timeoutMs", options.timeoutMs, 30_000);
  const retries = positiveInteger("retries", options.retries, 3, 0);
  const retryDelayMs = positiveInteger("retryDelayMs", options.retryDelayMs, 250, 0);
  if (options.diskCacheDir !== undefined && typeof options.diskCacheDir !== "string") {
    throw new TypeError(`remote option diskCacheDir: expected a directory path string`);
  }
  return {
    blockSize,
    cacheBytes,
    maxRequestBytes,
    timeoutMs,
    retries,
    retryDelayMs,
    diskCacheDir: options.diskCacheDir ?? null,
    headers: { ...(options.headers ?? {}) },
  };
}

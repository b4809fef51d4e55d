// One byte range of a remote file over HTTP, with per-attempt timeout, retries with exponential
// backoff for transient failures, and the checks that make a lazy read trustworthy: the server
// must answer 206 with the asked range, and the file's size and ETag must not change while open.
import {
  RangeNotSupportedError,
  RemoteConnectionError,
  RemoteFileChangedError,
  RemoteFileError,
  RemoteHttpError,
  RemoteTimeoutError,
} from "./errors.js";
import type { ResolvedRemoteOptions } from "./options.js";

/** What identifies one version of the remote file. */
export interface RemoteIdentity {
  size: number;
  etag: string | null;
  lastModified: string | null;
}

export interface RangeResult {
  bytes: Uint8Array;
  identity: RemoteIdentity;
  /** Attempts made (1 when the first one succeeded). */
  attempts: number;
}

class RetryableFailure extends Error {
  constructor(
    readonly failure: RemoteFileError,
    readonly retryAfterMs: number | null = null,
  ) {
    super(failure.message);
  }
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ""}`;
  return error instanceof Error ? error.message : String(error);
}

function checkIdentity(url: string, expected: RemoteIdentity | null, got: RemoteIdentity): void {
  if (!expected) return;
  if (got.size !== expected.size) {
    throw new RemoteFileChangedError(
      `${url} changed while open: its size was ${expected.size} bytes, the server now reports ${got.size}; reopen it`,
      url,
    );
  }
  if (expected.etag && got.etag && expected.etag !== got.etag) {
    throw new RemoteFileChangedError(
      `${url} changed while open: its ETag was ${expected.etag}, the server now sends ${got.etag}; reopen it`,
      url,
    );
  }
}

/** Drops an answer's body unread (the connection can then be reused) and throws `error`. */
async function reject(response: Response, error: Error): Promise<never> {
  await response.body?.cancel().catch(() => undefined);
  throw error;
}

/** One attempt's request: a network failure or no answer within the timeout can be retried. */
async function request(
  url: string,
  start: number,
  end: number,
  what: string,
  signal: AbortSignal,
  options: ResolvedRemoteOptions,
): Promise<Response> {
  try {
    return await fetch(url, {
      headers: {
        ...options.headers,
        Range: `bytes=${start}-${end - 1}`,
        "Accept-Encoding": "identity",
      },
      signal,
      redirect: "follow",
    });
  } catch (error) {
    if (signal.aborted) {
      throw new RetryableFailure(
        new RemoteTimeoutError(`no answer for ${what} within ${options.timeoutMs} ms`, url),
      );
    }
    throw new RetryableFailure(
      new RemoteConnectionError(
        `connection failed for ${what}: ${describeNetworkError(error)}`,
        url,
      ),
    );
  }
}

/** Anything but 206 Partial Content is an error: retryable for 5xx, 429 and 408. */
async function checkStatus(
  response: Response,
  url: string,
  what: string,
  expected: RemoteIdentity | null,
): Promise<void> {
  const { status } = response;
  if (status === 200) {
    await reject(
      response,
      new RangeNotSupportedError(
        `${url}: the server ignored the Range header (status 200 instead of 206 Partial Content), so the file ` +
          `cannot be read lazily; download it and open the local copy`,
        url,
      ),
    );
  }
  if (status === 416) {
    const message = expected
      ? `${url} changed while open: ${what} is no longer inside the file (416 Range Not Satisfiable); reopen it`
      : `${url}: 416 Range Not Satisfiable for ${what} (empty file?)`;
    await reject(
      response,
      expected
        ? new RemoteFileChangedError(message, url)
        : new RemoteHttpError(message, url, status),
    );
  }
  if (status !== 206) {
    const error = new RemoteHttpError(
      `${url}: HTTP ${status} ${response.statusText} for ${what}`,
      url,
      status,
    );
    const retryable = status >= 500 || status === 429 || status === 408;
    await reject(
      response,
      retryable
        ? new RetryableFailure(error, parseRetryAfter(response.headers.get("retry-after")))
        : error,
    );
  }
}

/**
 * The range the answer holds and the file's identity, from Content-Range, ETag and Last-Modified:
 * the file must be the one opened (`expected`), and the range the one asked.
 */
async function answeredRange(
  response: Response,
  url: string,
  what: string,
  start: number,
  end: number,
  expected: RemoteIdentity | null,
): Promise<{ first: number; last: number; identity: RemoteIdentity }> {
  const contentRange = response.headers.get("content-range");
  const match = contentRange ? CONTENT_RANGE.exec(contentRange.trim()) : null;
  if (!match || match[3] === "*") {
    return reject(
      response,
      new RangeNotSupportedError(
        `${url}: a 206 answer without a usable Content-Range header (got ${JSON.stringify(contentRange)}); ` +
          `the file's size cannot be known`,
        url,
      ),
    );
  }
  const identity: RemoteIdentity = {
    size: Number(match[3]),
    etag: response.headers.get("etag"),
    lastModified: response.headers.get("last-modified"),
  };
  try {
    checkIdentity(url, expected, identity);
  } catch (error) {
    return reject(response, error as Error);
  }
  const first = Number(match[1]);
  const last = Number(match[2]);
  const expectedLast = Math.min(end, identity.size) - 1;
  if (first !== start || last !== expectedLast) {
    return reject(
      response,
      new RangeNotSupportedError(
        `${url}: asked for ${what}, the server sent bytes ${first}–${last} (Content-Range ${contentRange})`,
        url,
      ),
    );
  }
  return { first, last, identity };
}

/** The answer's body, which must be `length` bytes: a lost connection, a timeout or a short body can be retried. */
async function receiveBody(
  response: Response,
  url: string,
  what: string,
  length: number,
  signal: AbortSignal,
  options: ResolvedRemoteOptions,
): Promise<Uint8Array> {
  let body: ArrayBuffer;
  try {
    body = await response.arrayBuffer();
  } catch (error) {
    if (signal.aborted) {
      throw new RetryableFailure(
        new RemoteTimeoutError(
          `the body of ${what} did not arrive within ${options.timeoutMs} ms`,
          url,
        ),
      );
    }
    throw new RetryableFailure(
      new RemoteConnectionError(
        `connection lost while receiving ${what}: ${describeNetworkError(error)}`,
        url,
      ),
    );
  }
  if (body.byteLength !== length) {
    throw new RetryableFailure(
      new RemoteConnectionError(
        `short body for ${what}: ${body.byteLength} of ${length} bytes arrived`,
        url,
      ),
    );
  }
  return new Uint8Array(body);
}

/**
 * One attempt: GET bytes [start, end) (end clamped by the server when `expected` is null, i.e. when
 * probing a file of unknown size).
 */
async function attemptRange(
  url: string,
  start: number,
  end: number,
  expected: RemoteIdentity | null,
  options: ResolvedRemoteOptions,
): Promise<{ bytes: Uint8Array; identity: RemoteIdentity }> {
  const what = `bytes ${start}–${end - 1} of ${url}`;
  const signal = AbortSignal.timeout(options.timeoutMs);
  const response = await request(url, start, end, what, signal, options);
  await checkStatus(response, url, what, expected);
  const { first, last, identity } = await answeredRange(response, url, what, start, end, expected);
  const bytes = await receiveBody(response, url, what, last - first + 1, signal, options);
  return { bytes, identity };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** GET bytes [start, end), retrying transient failures; `onAttempt` counts each HTTP request. */
export async function fetchRange(
  url: string,
  start: number,
  end: number,
  expected: RemoteIdentity | null,
  options: ResolvedRemoteOptions,
  onAttempt: () => void = () => undefined,
): Promise<RangeResult> {
  for (let attempt = 0; ; attempt++) {
    onAttempt();
    try {
      const result = await attemptRange(url, start, end, expected, options);
      return { ...result, attempts: attempt + 1 };
    } catch (error) {
      if (!(error instanceof RetryableFailure)) throw error;
      if (attempt >= options.retries) {
        const failure = error.failure;
        failure.message += ` (gave up after ${attempt + 1} attempt${attempt === 0 ? "" : "s"})`;
        throw failure;
      }
      const backoff = Math.min(10_000, options.retryDelayMs * 2 ** attempt);
      await sleep(Math.min(30_000, Math.max(backoff, error.retryAfterMs ?? 0)));
    }
  }
}

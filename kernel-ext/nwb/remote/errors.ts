// Errors of remote (HTTP range) reading. They cross worker boundaries as plain objects
// (`toWireError` / `fromWireError`) so the caller on the main thread gets the same class and message.
import { NWBError } from "../errors.js";

/** Base class: every failure of a remote read names the URL it concerns. */
export class RemoteFileError extends Error {
  override name = "RemoteFileError";
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
  }
}

/** The server answered a Range request with the whole file (200) or without a usable Content-Range. */
export class RangeNotSupportedError extends RemoteFileError {
  override name = "RangeNotSupportedError";
}

/** The file behind the URL is not the one that was opened (ETag or size changed between requests). */
export class RemoteFileChangedError extends RemoteFileError {
  override name = "RemoteFileChangedError";
}

/** The server answered with an HTTP error status (after retries, for retryable ones). */
export class RemoteHttpError extends RemoteFileError {
  override name = "RemoteHttpError";
  constructor(
    message: string,
    url: string,
    readonly status: number,
  ) {
    super(message, url);
  }
}

/** No answer in time (per attempt, after retries). */
export class RemoteTimeoutError extends RemoteFileError {
  override name = "RemoteTimeoutError";
}

/** The connection failed: refused, reset, or the body ended early (after retries). */
export class RemoteConnectionError extends RemoteFileError {
  override name = "RemoteConnectionError";
}

/** A DANDI asset reference could not be resolved to a file URL. */
export class DandiResolveError extends RemoteFileError {
  override name = "DandiResolveError";
}

/** The remote file was closed before the call. */
export class RemoteFileClosedError extends RemoteFileError {
  override name = "RemoteFileClosedError";
}

const classes = {
  RemoteFileError,
  RangeNotSupportedError,
  RemoteFileChangedError,
  RemoteHttpError,
  RemoteTimeoutError,
  RemoteConnectionError,
  DandiResolveError,
  RemoteFileClosedError,
} as const;

/** What a worker posts for a failure. */
export interface WireError {
  name: string;
  message: string;
  url?: string;
  status?: number;
  stack?: string;
  /** NWBError's fields. */
  nwb?: { file: string; path: string; expected: string; fileUnusable?: boolean };
}

export function toWireError(error: unknown): WireError {
  if (error instanceof RemoteHttpError) {
    return { name: error.name, message: error.message, url: error.url, status: error.status };
  }
  if (error instanceof RemoteFileError)
    return { name: error.name, message: error.message, url: error.url };
  if (error instanceof NWBError) {
    return {
      name: error.name,
      message: error.message,
      nwb: {
        file: error.file,
        path: error.path,
        expected: error.expected,
        fileUnusable: error.fileUnusable,
      },
    };
  }
  if (error instanceof Error)
    return { name: error.name, message: error.message, stack: error.stack };
  return { name: "Error", message: String(error) };
}

export function fromWireError(wire: WireError): Error {
  const url = wire.url ?? "";
  if (wire.nwb)
    return new NWBError(wire.nwb.file, wire.nwb.path, wire.nwb.expected, {
      fileUnusable: wire.nwb.fileUnusable,
    });
  if (wire.name === "RemoteHttpError")
    return new RemoteHttpError(wire.message, url, wire.status ?? 0);
  const known = classes[wire.name as keyof typeof classes];
  if (known && known !== RemoteHttpError) {
    return new (known as new (message: string, url: string) => RemoteFileError)(wire.message, url);
  }
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.stack) error.stack = wire.stack;
  return error;
}

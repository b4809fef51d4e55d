// What `openNWB` accepts as a remote source, and the HTTP(S) URL each form reads from:
// an http(s) URL as is; an s3://bucket/key URL as the bucket's public HTTPS endpoint (DANDI blobs
// live in s3://dandiarchive/blobs/…); a DANDI asset API URL or a {dandiset, path, version?}
// reference through the DANDI REST API.
import { DEFAULT_DANDI_API_URL, resolveRemoteOptions, type RemoteOptions } from "./options.js";
import {
  isDandiAssetApiUrl,
  resolveDandiAsset,
  resolveDandiAssetUrl,
  type DandiAssetReference,
} from "./dandi-api.js";

export type RemoteSource = string | DandiAssetReference;

/** Whether `source` is something the remote backend opens (rather than a local path). */
export function isRemoteSource(source: unknown): source is RemoteSource {
  if (typeof source === "string") return /^(https?|s3):\/\//i.test(source);
  return typeof source === "object" && source !== null && "dandiset" in source && "path" in source;
}

/** s3://bucket/key → https://bucket.s3.amazonaws.com/key (virtual-hosted style, public objects). */
export function s3ToHttps(url: string): string {
  const match = /^s3:\/\/([^/]+)\/(.+)$/i.exec(url);
  if (!match) throw new TypeError(`expected s3://bucket/key, got ${JSON.stringify(url)}`);
  return `https://${match[1]}.s3.amazonaws.com/${match[2]}`;
}

/** The HTTP(S) URL whose bytes are the file. */
export async function resolveRemoteUrl(
  source: RemoteSource,
  options: RemoteOptions = {},
): Promise<string> {
  const { timeoutMs, headers } = resolveRemoteOptions(options);
  if (typeof source !== "string") {
    return resolveDandiAsset(source, {
      apiUrl: options.dandiApiUrl ?? DEFAULT_DANDI_API_URL,
      timeoutMs,
      headers,
    });
  }
  if (/^s3:\/\//i.test(source)) return s3ToHttps(source);
  if (isDandiAssetApiUrl(source)) return resolveDandiAssetUrl(source, { timeoutMs, headers });
  if (/^https?:\/\//i.test(source)) return source;
  throw new TypeError(
    `not a remote source: ${JSON.stringify(source)} (expected http(s)://, s3:// or a DANDI asset reference)`,
  );
}

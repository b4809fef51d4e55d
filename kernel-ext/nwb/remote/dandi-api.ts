// Resolves a DANDI asset to the URL of its bytes through the DANDI REST API, the way dandi-cli
// does: version = the given one, else the most recent published version, else "draft"; the asset
// is the one whose path equals the given path in /dandisets/{id}/versions/{v}/assets/?path=…
// (a prefix filter, paginated); its URL is the contentUrl that is not an API download URL (the
// direct S3 blob URL, which answers Range requests without a redirect), else the download URL.
import { DandiResolveError } from "./errors.js";

/** An asset by dandiset and path inside it. */
export interface DandiAssetReference {
  dandiset: string;
  path: string;
  /** A published version such as "0.210819.1641", or "draft"; default: the most recent published one. */
  version?: string;
}

interface AssetListPage {
  count: number;
  next: string | null;
  results: { asset_id: string; path: string; size: number; metadata?: AssetMetadata }[];
}

export interface AssetMetadata {
  contentUrl?: string[];
  contentSize?: number;
  path?: string;
}

// Pagination is followed at most this far: a path prefix matching more assets than this is not
// an asset path (the exact match sorts first among its prefix matches anyway).
const MAX_PAGES = 20;

export interface DandiResolveOptions {
  apiUrl: string;
  timeoutMs: number;
  headers: Record<string, string>;
}

export async function getJson<T>(
  url: string,
  what: string,
  options: DandiResolveOptions,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { ...options.headers, Accept: "application/json" },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new DandiResolveError(`DANDI API ${url}: request for ${what} failed (${cause})`, url);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    throw new DandiResolveError(`DANDI API ${url}: ${what} not found (404)`, url);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DandiResolveError(`DANDI API ${url}: HTTP ${response.status} for ${what}`, url);
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw new DandiResolveError(`DANDI API ${url}: ${what}: expected a JSON answer`, url);
  }
}

export function apiBase(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, "");
}

/** The URL to read: the direct blob URL from `contentUrl`, or the API download URL. */
export function contentUrlOf(
  metadata: AssetMetadata | undefined,
  assetId: string,
  options: DandiResolveOptions,
): string {
  const base = apiBase(options.apiUrl);
  const urls = metadata?.contentUrl ?? [];
  const direct = urls.find((u) => !u.startsWith(base) && /^https?:\/\//.test(u));
  return direct ?? urls[0] ?? `${base}/assets/${assetId}/download/`;
}

export async function defaultVersion(
  dandiset: string,
  options: DandiResolveOptions,
): Promise<string> {
  const url = `${apiBase(options.apiUrl)}/dandisets/${encodeURIComponent(dandiset)}/`;
  const info = await getJson<{ most_recent_published_version: { version: string } | null }>(
    url,
    `dandiset ${dandiset}`,
    options,
  );
  return info.most_recent_published_version?.version ?? "draft";
}

export async function resolveDandiAsset(
  reference: DandiAssetReference,
  options: DandiResolveOptions,
): Promise<string> {
  const { dandiset } = reference;
  if (typeof dandiset !== "string" || !/^\d{6}$/.test(dandiset)) {
    throw new DandiResolveError(
      `DANDI asset reference: dandiset must be a 6-digit id such as "000048", got ${JSON.stringify(dandiset)}`,
      "",
    );
  }
  const path = String(reference.path ?? "").replace(/^\.?\/+/, "");
  if (!path)
    throw new DandiResolveError(
      `DANDI asset reference: a path inside dandiset ${dandiset} is required`,
      "",
    );
  const version = reference.version ?? (await defaultVersion(dandiset, options));
  const query = new URLSearchParams({ path, metadata: "1", order: "path" });
  let next: string | null =
    `${apiBase(options.apiUrl)}/dandisets/${dandiset}/versions/${encodeURIComponent(version)}/assets/?${query}`;
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const listing: AssetListPage = await getJson<AssetListPage>(
      next,
      `assets of dandiset ${dandiset}/${version}`,
      options,
    );
    const asset = listing.results.find((a) => a.path === path);
    if (asset) {
      const metadata =
        asset.metadata ??
        (await getJson<AssetMetadata>(
          `${apiBase(options.apiUrl)}/assets/${asset.asset_id}/`,
          `asset ${asset.asset_id}`,
          options,
        ));
      return contentUrlOf(metadata, asset.asset_id, options);
    }
    next = listing.next;
  }
  throw new DandiResolveError(
    `DANDI: no asset at path ${JSON.stringify(path)} in dandiset ${dandiset} version ${version}`,
    "",
  );
}

const ASSET_URL =
  /\/assets\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/download)?\/?$/i;

/** Whether `url` names an asset in a DANDI API (…/api/assets/{uuid}/ or …/versions/{v}/assets/{uuid}/). */
export function isDandiAssetApiUrl(url: string): boolean {
  try {
    const { pathname } = new URL(url);
    return pathname.includes("/api/") && ASSET_URL.test(pathname);
  } catch {
    return false;
  }
}

/** Resolves an asset API URL through that API's /assets/{uuid}/ metadata. */
export async function resolveDandiAssetUrl(
  url: string,
  options: Omit<DandiResolveOptions, "apiUrl">,
): Promise<string> {
  const { origin, pathname } = new URL(url);
  const id = ASSET_URL.exec(pathname)![1];
  const apiUrl = `${origin}${pathname.slice(0, pathname.indexOf("/api/") + 4)}`;
  const resolved = { ...options, apiUrl };
  const metadata = await getJson<AssetMetadata>(`${apiUrl}/assets/${id}/`, `asset ${id}`, resolved);
  return contentUrlOf(metadata, id, resolved);
}

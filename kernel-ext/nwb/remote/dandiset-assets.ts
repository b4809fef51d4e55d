// The NWB assets of a whole dandiset version through the DANDI REST API (every page of
// /dandisets/{id}/versions/{v}/assets/, sorted by path), each with the URL to read it from (the
// same choice as for one asset: the direct blob URL, else the API download URL).
import {
  apiBase,
  type AssetMetadata,
  contentUrlOf,
  defaultVersion,
  type DandiResolveOptions,
  getJson,
} from "./dandi-api.js";
import { DandiResolveError } from "./errors.js";

export interface DandisetAsset {
  path: string;
  size: number;
  url: string;
}

interface AssetPage {
  next: string | null;
  results: { asset_id: string; path: string; size: number; metadata?: AssetMetadata }[];
}

/** `dandi:000048`, `dandi:000048/0.210819.1641`, `dandi:000048/draft` → {dandiset, version?}; else undefined. */
export function parseDandisetReference(
  text: string,
): { dandiset: string; version?: string } | undefined {
  const match = /^dandi:(?:\/\/)?(\d{6})(?:\/([^/\s]+))?\/?$/i.exec(text);
  if (!match) return undefined;
  return { dandiset: match[1]!, version: match[2] };
}

export async function listDandisetNwbAssets(
  dandiset: string,
  version: string | undefined,
  options: DandiResolveOptions,
): Promise<{ version: string; assets: DandisetAsset[] }> {
  if (!/^\d{6}$/.test(dandiset))
    throw new DandiResolveError(
      `DANDI: dandiset must be a 6-digit id such as "000048", got ${JSON.stringify(dandiset)}`,
      "",
    );
  const v = version ?? (await defaultVersion(dandiset, options));
  const query = new URLSearchParams({ metadata: "1", order: "path", page_size: "100" });
  let next: string | null =
    `${apiBase(options.apiUrl)}/dandisets/${dandiset}/versions/${encodeURIComponent(v)}/assets/?${query}`;
  const assets: DandisetAsset[] = [];
  while (next) {
    const page: AssetPage = await getJson<AssetPage>(
      next,
      `assets of dandiset ${dandiset}/${v}`,
      options,
    );
    for (const a of page.results) {
      if (!a.path.toLowerCase().endsWith(".nwb")) continue;
      assets.push({
        path: a.path,
        size: a.size,
        url: contentUrlOf(a.metadata, a.asset_id, options),
      });
    }
    next = page.next;
  }
  return { version: v, assets };
}

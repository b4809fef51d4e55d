// Opens a remote source (URL, s3:// URL or DANDI asset reference) as an H5Source.
import { RemoteH5Source } from "./remote-h5-source.js";
import type { RemoteOptions } from "./options.js";
import { resolveRemoteUrl, type RemoteSource } from "./resolve-source.js";

export async function openRemoteH5(
  source: RemoteSource,
  options: RemoteOptions = {},
): Promise<RemoteH5Source> {
  return RemoteH5Source.open(await resolveRemoteUrl(source, options), options);
}

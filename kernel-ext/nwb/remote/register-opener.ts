// Makes openNWB accept remote sources: https://…, s3://…, DANDI asset API URLs and
// {dandiset, path, version?} references open through the remote backend.
import { registerH5Opener } from "../h5/openers.js";
import { openRemoteH5 } from "./open-remote.js";
import type { RemoteOptions } from "./options.js";
import { isRemoteSource, type RemoteSource } from "./resolve-source.js";

registerH5Opener({
  name: "remote",
  accepts: isRemoteSource,
  open: (source, options) => openRemoteH5(source as RemoteSource, options as RemoteOptions),
});

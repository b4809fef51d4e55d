// Public surface of remote (HTTP range) reading. Importing it registers the remote opener, so
// openNWB accepts URLs and DANDI asset references.
import "./register-opener.js";
export { openRemoteH5 } from "./open-remote.js";
export { RemoteH5Source, type CallOptions } from "./remote-h5-source.js";
export { prewarmRemoteWorker } from "./h5-worker-pool.js";
export {
  resolveRemoteUrl,
  isRemoteSource,
  s3ToHttps,
  type RemoteSource,
} from "./resolve-source.js";
export type { DandiAssetReference } from "./dandi-api.js";
export type { RemoteOptions } from "./options.js";
export { formatProgress, type RemoteProgress } from "./progress.js";
export {
  RemoteFileError,
  RangeNotSupportedError,
  RemoteFileChangedError,
  RemoteHttpError,
  RemoteTimeoutError,
  RemoteConnectionError,
  DandiResolveError,
  RemoteFileClosedError,
} from "./errors.js";

// The cached specification written into `/specifications` of every file (see spec/README.md).
// The schema texts live in .ts modules (not .json) so that tsc carries them into dist/.
import core from "./spec/core-2.5.0.js";
import hdmfCommon from "./spec/hdmf-common-1.5.1.js";
import hdmfExperimental from "./spec/hdmf-experimental-0.2.0.js";
import type { CachedNamespace } from "./spec/cached-namespace.js";

/** The NWB version written into the root `nwb_version` attribute. */
export const NWB_VERSION = "2.5.0";

export const CACHED_NAMESPACES: readonly CachedNamespace[] = [core, hdmfCommon, hdmfExperimental];

// Entry of the live bundle: everything a plain page needs to run cells on a Jupyter server and show
// the tsnwb widgets they create (used by the browser tests; also a minimal viewer outside Lab).
export { KernelManager, ServerConnection, KernelMessage } from "@jupyterlab/services";
export { KernelWidgetManager } from "../live/kernel-widget-manager";
export { setLostConnectionTimeout } from "../base/request-channel";
export * from "../index";
export { MODULE_NAME, MODULE_VERSION } from "../module";

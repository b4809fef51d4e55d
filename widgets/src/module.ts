// The module name and version every tsnwb model/view is registered under. The kernel's WidgetSpec
// (`_model_module`, `_model_module_version`) names the same pair, so a front end can load us.
import pkg from "../../package.json";

export { MODULE_NAME } from "../../contract/common";
export const MODULE_VERSION: string = pkg.version;

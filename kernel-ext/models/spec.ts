// Model/view names and module version for each tsnwb widget, from the contract and package.json.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MODULE_NAME, WIDGET_NAMES, type WidgetKind } from "../../contract/common.js";
import type { WidgetSpec } from "../kernel/widget/widget.js";

/** The version the front end registers its module under (package.json's, like the bundle). Found by
 *  walking up, so it works from the sources (tsx) and from dist/ alike. */
export const MODULE_VERSION: string = packageVersion();

function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "tsnwb" && pkg.version) return pkg.version;
    }
    const up = dirname(dir);
    if (up === dir)
      throw new Error(
        `tsnwb widgets: no tsnwb package.json above ${fileURLToPath(import.meta.url)}`,
      );
    dir = up;
  }
}

export function widgetSpec(kind: WidgetKind | { modelName: string; viewName: string }): WidgetSpec {
  const names = typeof kind === "string" ? WIDGET_NAMES[kind] : kind;
  return {
    modelName: names.modelName,
    modelModule: MODULE_NAME,
    modelModuleVersion: MODULE_VERSION,
    viewName: names.viewName,
    viewModule: MODULE_NAME,
    viewModuleVersion: MODULE_VERSION,
  };
}

// How an html-manager page finds widget classes: our module is bundled in, so no CDN or
// require.js is ever consulted (the page works offline and from file://).
import * as ourModule from "./index";
import { MODULE_NAME } from "./module";

export async function loadModule(name: string, version: string): Promise<unknown> {
  if (name === MODULE_NAME) return ourModule;
  throw new Error(
    `tsnwb: no widget module '${name}@${version}' in this page (only ${MODULE_NAME} is bundled)`,
  );
}

// Entry of the static bundle: renders every widget saved in a page (a
// `application/vnd.jupyter.widget-state+json` script plus one `…widget-view+json` script per
// displayed view) with no kernel. Runs by itself once the page has loaded.
import { HTMLManager } from "@jupyter-widgets/html-manager";
import { renderWidgets } from "@jupyter-widgets/html-manager/lib/libembed";
import { loadModule } from "../loader";

export * from "../index";
export { MODULE_NAME, MODULE_VERSION } from "../module";

/** Resolves when every view in `element` is drawn; the page sets data-tsnwb-rendered then. */
export async function renderEmbedded(
  element: HTMLElement = document.documentElement,
): Promise<void> {
  await renderWidgets(() => new HTMLManager({ loader: loadModule }), element);
  document.body.dataset.tsnwbRendered = "true";
}

const auto = document.currentScript?.dataset.tsnwbAuto !== "false";
if (auto) {
  const start = () =>
    void renderEmbedded().catch((e) => {
      document.body.dataset.tsnwbRendered = "error";
      console.error("tsnwb: could not render the saved widgets", e);
    });
  if (document.readyState === "loading") window.addEventListener("DOMContentLoaded", start);
  else start();
}

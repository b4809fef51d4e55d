// The JupyterLab application of the end-to-end tests: the stock extensions of one JupyterLab
// release, the ipywidgets manager, and tsnwb's widget plugin — as a source extension (build/) or
// as the prebuilt extension the server lists (build-federated/, loaded by federated-extensions.ts).
import { JupyterLab, type JupyterFrontEndPlugin } from "@jupyterlab/application";
import { PageConfig } from "@jupyterlab/coreutils";
import { sourceExtensions } from "tsnwb:source-extensions";
import { loadFederatedExtensions } from "./federated-extensions";
import { widgetManagerPlugins } from "./widget-manager";
import "./styles";
import * as application_extension from "@jupyterlab/application-extension";
import * as apputils_extension from "@jupyterlab/apputils-extension";
import * as cell_toolbar_extension from "@jupyterlab/cell-toolbar-extension";
import * as codemirror_extension from "@jupyterlab/codemirror-extension";
import * as completer_extension from "@jupyterlab/completer-extension";
import * as console_extension from "@jupyterlab/console-extension";
import * as docmanager_extension from "@jupyterlab/docmanager-extension";
import * as documentsearch_extension from "@jupyterlab/documentsearch-extension";
import * as filebrowser_extension from "@jupyterlab/filebrowser-extension";
import * as fileeditor_extension from "@jupyterlab/fileeditor-extension";
import * as launcher_extension from "@jupyterlab/launcher-extension";
import * as mainmenu_extension from "@jupyterlab/mainmenu-extension";
import * as markdownviewer_extension from "@jupyterlab/markdownviewer-extension";
import * as markedparser_extension from "@jupyterlab/markedparser-extension";
import * as metadataform_extension from "@jupyterlab/metadataform-extension";
import * as notebook_extension from "@jupyterlab/notebook-extension";
import * as rendermime_extension from "@jupyterlab/rendermime-extension";
import * as running_extension from "@jupyterlab/running-extension";
import * as settingeditor_extension from "@jupyterlab/settingeditor-extension";
import * as shortcuts_extension from "@jupyterlab/shortcuts-extension";
import * as statusbar_extension from "@jupyterlab/statusbar-extension";
import * as theme_dark_extension from "@jupyterlab/theme-dark-extension";
import * as theme_light_extension from "@jupyterlab/theme-light-extension";
import * as toc_extension from "@jupyterlab/toc-extension";
import * as tooltip_extension from "@jupyterlab/tooltip-extension";
import * as translation_extension from "@jupyterlab/translation-extension";
import * as ui_components_extension from "@jupyterlab/ui-components-extension";
import * as javascript_extension from "@jupyterlab/javascript-extension";
import * as json_extension from "@jupyterlab/json-extension";

const extensionModules: Array<{ default: unknown }> = [
  application_extension,
  apputils_extension,
  cell_toolbar_extension,
  codemirror_extension,
  completer_extension,
  console_extension,
  docmanager_extension,
  documentsearch_extension,
  filebrowser_extension,
  fileeditor_extension,
  launcher_extension,
  mainmenu_extension,
  markdownviewer_extension,
  markedparser_extension,
  metadataform_extension,
  notebook_extension,
  rendermime_extension,
  running_extension,
  settingeditor_extension,
  shortcuts_extension,
  statusbar_extension,
  theme_dark_extension,
  theme_light_extension,
  toc_extension,
  tooltip_extension,
  translation_extension,
  ui_components_extension,
];

const mimeExtensionModules: Array<{ default: unknown }> = [javascript_extension, json_extension];

/** Plugins left out on purpose: they call services this test server does not have. */
const skipped = new Set([
  "@jupyterlab/apputils-extension:announcements", // fetches /lab/api/news
  "@jupyterlab/notebook-extension:language-server", // needs the LSP extension
]);

type Plugin = JupyterFrontEndPlugin<unknown> & { provides?: unknown; requires?: unknown[] };

function pluginsOf(mod: { default: unknown }): Plugin[] {
  const d = mod.default;
  return (Array.isArray(d) ? d : [d]) as Plugin[];
}

/**
 * Drops plugins whose required tokens no included plugin provides (e.g. the debugger's or the
 * terminal's consumers), so activation does not log "No provider for …" for features we left out.
 */
function withSatisfiedRequirements(plugins: Plugin[]): { kept: Plugin[]; dropped: string[] } {
  let kept = plugins.filter((p) => !skipped.has(p.id));
  const dropped = plugins.filter((p) => skipped.has(p.id)).map((p) => p.id);
  for (;;) {
    const provided = new Set(kept.map((p) => p.provides).filter(Boolean));
    const next = kept.filter((p) => (p.requires ?? []).every((t) => provided.has(t)));
    if (next.length === kept.length) return { kept, dropped };
    dropped.push(...kept.filter((p) => !next.includes(p)).map((p) => p.id));
    kept = next;
  }
}

async function main(): Promise<void> {
  const ours = sourceExtensions.flatMap((e) => pluginsOf(e.module as { default: unknown }));
  const federated = await loadFederatedExtensions();
  const federatedPlugins = federated.flatMap((e) => e.plugins) as Plugin[];
  const all = [
    ...extensionModules.flatMap(pluginsOf),
    ...widgetManagerPlugins,
    ...ours,
    ...federatedPlugins,
  ];
  const { kept, dropped } = withSatisfiedRequirements(all);
  const mimeExtensions = [
    ...mimeExtensionModules.map((m) => m.default),
    ...federated.flatMap((e) => e.mimeExtensions),
  ];

  const lab = new JupyterLab({ mimeExtensions: mimeExtensions as never });
  lab.registerPluginModules([kept]);
  // The tests read these to check what was loaded.
  Object.assign(window, {
    jupyterapp: lab,
    tsnwbE2E: {
      sourceExtensions: sourceExtensions.map((e) => e.path),
      sourcePluginIds: ours.map((p) => p.id),
      federatedExtensions: federated.map((e) => ({
        name: e.name,
        url: e.url,
        pluginIds: (e.plugins as Plugin[]).map((p) => p.id),
      })),
      droppedPlugins: dropped,
      appVersion: PageConfig.getOption("appVersion"),
    },
  });
  await lab.start({ bubblingKeydown: true });
  await lab.restored;
}

main().catch((err) => {
  console.error("tsnwb e2e JupyterLab failed to start", err);
});

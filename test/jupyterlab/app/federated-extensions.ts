// Loads the prebuilt (federated) extensions the server lists, as JupyterLab's own bootstrap does:
// the page config's `federated_extensions` name each extension's webpack remoteEntry script under
// /lab/extensions/<name>/; the script defines the container window._JUPYTERLAB[name]; the container
// is initialised with the page's share scope — the app's own instances of the packages it shares
// (a JupyterLab built with esbuild has no webpack host runtime to provide one) — and its
// `./extension` module's default export is the plugin (or plugins) to register.
import { PageConfig, URLExt } from "@jupyterlab/coreutils";
import { sharedModules } from "tsnwb:shared-modules";

interface FederatedExtension {
  name: string;
  load: string;
  extension?: string;
  mimeExtension?: string;
  style?: string;
}

interface Container {
  init(scope: ShareScope): Promise<void> | void;
  get(module: string): Promise<() => { default?: unknown }>;
}

/** webpack 5's share scope: package → version → how to get the module. */
type ShareScope = Record<
  string,
  Record<string, { get: () => Promise<() => unknown>; from: string; eager: boolean; loaded?: 1 }>
>;

export interface LoadedFederatedExtension {
  name: string;
  /** the remoteEntry URL the container came from */
  url: string;
  plugins: unknown[];
  mimeExtensions: unknown[];
}

/** One share scope for the page: every container registers into, and takes from, the same one. */
function pageShareScope(): ShareScope {
  const scope: ShareScope = {};
  for (const [name, { version, load }] of Object.entries(
    sharedModules as Record<string, { version: string; load: () => Promise<unknown> }>,
  )) {
    scope[name] = {
      [version]: {
        get: () => load().then((m) => () => m),
        from: "tsnwb-e2e-jupyterlab",
        eager: false,
      },
    };
  }
  return scope;
}

function loadScript(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`cannot load ${url}`));
    document.head.appendChild(script);
  });
}

function asList(exported: { default?: unknown }): unknown[] {
  const d = exported.default ?? exported;
  return Array.isArray(d) ? d : [d];
}

/** Loads every listed extension; one that fails is reported (console.error) and skipped, as JupyterLab does. */
export async function loadFederatedExtensions(): Promise<LoadedFederatedExtension[]> {
  const listed: FederatedExtension[] = JSON.parse(
    PageConfig.getOption("federated_extensions") || "[]",
  );
  const scope = pageShareScope();
  const base = PageConfig.getOption("fullLabextensionsUrl");
  const loaded: LoadedFederatedExtension[] = [];
  for (const ext of listed) {
    const url = URLExt.join(base, ext.name, ext.load);
    try {
      await loadScript(url);
      const container = (window as unknown as { _JUPYTERLAB: Record<string, Container> })
        ._JUPYTERLAB[ext.name];
      await container.init(scope);
      const get = async (module?: string) =>
        module ? asList((await container.get(module))()) : [];
      if (ext.style) await get(ext.style);
      loaded.push({
        name: ext.name,
        url,
        plugins: await get(ext.extension),
        mimeExtensions: await get(ext.mimeExtension),
      });
    } catch (err) {
      console.error(`federated extension ${ext.name} (${url}) failed to load`, err);
    }
  }
  return loaded;
}

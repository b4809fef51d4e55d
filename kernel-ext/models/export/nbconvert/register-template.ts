// Registering the still-figure template with nbconvert, and removing it. The template goes to
// <data dir>/nbconvert/templates/tsnwb-lab/ (found through JUPYTER_PATH like the kernelspec); it is
// selected by HTMLExporter.template_name in <config dir>/jupyter_nbconvert_config.json, merged into
// whatever that file holds (traitlets 5.5, as in Debian 12, reads no *_config.d/ directories, so
// one file is shared with the user). Keys the user set are never overwritten; the keys tsnwb set are
// recorded beside the template, and uninstall removes only those, and only while they still hold
// tsnwb's values.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { sysPrefix, type DataDirChoice } from "../../../kernel/kernelspec.js";
import { TEMPLATE_NAME, templateFiles } from "./template-files.js";

const CONFIG_FILE = "jupyter_nbconvert_config.json";
const RECORD_FILE = "tsnwb-install.json";

/**
 * The keys tsnwb sets. SlidesExporter subclasses HTMLExporter and so would inherit its template
 * name; it is pinned to its own default (reveal) so `--to slides` keeps working.
 */
const ROUTE_KEYS: [section: string, key: string, value: string][] = [
  ["HTMLExporter", "template_name", TEMPLATE_NAME],
  ["SlidesExporter", "template_name", "reveal"],
];

/** Jupyter's config dir for an install location (jupyter_core's rules, as for data dirs). */
export function configDir(choice: DataDirChoice, env: NodeJS.ProcessEnv = process.env): string {
  switch (choice.kind) {
    case "user":
      return env.JUPYTER_CONFIG_DIR ? resolve(env.JUPYTER_CONFIG_DIR) : join(homedir(), ".jupyter");
    case "sys-prefix":
      return join(sysPrefix(env), "etc", "jupyter");
    case "prefix":
      return join(resolve(choice.prefix), "etc", "jupyter");
  }
}

export function templateDir(dataDir: string): string {
  return join(dataDir, "nbconvert", "templates", TEMPLATE_NAME);
}

export interface TemplateInstall {
  templateDir: string;
  configFile: string;
  /** True when the config selects the template (it did already, or tsnwb set it now). */
  selected: boolean;
  /** Why the template is not selected, when it is not. */
  reason?: string;
}

type Config = Record<string, Record<string, unknown>>;
interface InstallRecord {
  configFile: string;
  keys: [string, string, string][];
}

function readConfig(file: string): Config {
  if (!existsSync(file)) return {};
  const text = readFileSync(file, "utf8");
  let parsed: unknown;
  try {
    parsed = text.trim() === "" ? {} : JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message})`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new Error(`${file}: expected a JSON object of config sections`);
  return parsed as Config;
}

function writeConfig(file: string, config: Config): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(config, null, 2) + "\n");
}

function readRecord(dir: string): InstallRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, RECORD_FILE), "utf8")) as InstallRecord;
  } catch {
    return undefined;
  }
}

/** Writes the template and selects it in the config of `configDirectory`, keeping the user's keys. */
export function installStillFigureTemplate(
  dataDirectory: string,
  configDirectory: string,
): TemplateInstall {
  const dir = templateDir(dataDirectory);
  const configFile = join(configDirectory, CONFIG_FILE);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(templateFiles())) writeFileSync(join(dir, name), text);
  let config: Config;
  try {
    config = readConfig(configFile);
  } catch (e) {
    return {
      templateDir: dir,
      configFile,
      selected: false,
      reason: `${(e as Error).message}; left unchanged`,
    };
  }
  const previous = readRecord(dir)?.configFile === configFile ? readRecord(dir)!.keys : [];
  const ours = new Set(previous.map(([s, k]) => `${s}.${k}`));
  const set: [string, string, string][] = [];
  const current = config.HTMLExporter?.template_name;
  if (
    current !== undefined &&
    current !== TEMPLATE_NAME &&
    !ours.has("HTMLExporter.template_name")
  ) {
    return {
      templateDir: dir,
      configFile,
      selected: false,
      reason: `${configFile} already sets HTMLExporter.template_name = ${JSON.stringify(current)}; left unchanged`,
    };
  }
  for (const [section, key, value] of ROUTE_KEYS) {
    const had = config[section]?.[key];
    if (had !== undefined && had !== value && !ours.has(`${section}.${key}`)) continue;
    config[section] = { ...(config[section] ?? {}), [key]: value };
    set.push([section, key, value]);
  }
  writeConfig(configFile, config);
  writeFileSync(
    join(dir, RECORD_FILE),
    JSON.stringify({ configFile, keys: set } satisfies InstallRecord, null, 2) + "\n",
  );
  return { templateDir: dir, configFile, selected: true };
}

/** Removes the template and the config keys tsnwb set (while they hold tsnwb's values); returns what was removed. */
export function uninstallStillFigureTemplate(dataDirectory: string): string[] {
  const dir = templateDir(dataDirectory);
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  const record = readRecord(dir);
  if (record && existsSync(record.configFile)) {
    try {
      const config = readConfig(record.configFile);
      for (const [section, key, value] of record.keys) {
        if (config[section]?.[key] !== value) continue;
        delete config[section][key];
        if (Object.keys(config[section]).length === 0) delete config[section];
        removed.push(`${record.configFile}: ${section}.${key}`);
      }
      if (Object.keys(config).length === 0) rmSync(record.configFile);
      else writeConfig(record.configFile, config);
    } catch {
      // A config the user has since broken is theirs to fix; the template still goes.
    }
  }
  rmSync(dir, { recursive: true, force: true });
  removed.push(dir);
  return removed;
}

/** What `tsnwb install` says about the template: lines for stdout, and a warning when it is not selected. */
export function describeTemplateInstall(
  result: TemplateInstall,
  choice: DataDirChoice,
): { out: string[]; warning?: string } {
  const out = [
    `installed the nbconvert template '${TEMPLATE_NAME}' (widget views drawn from their still figures) in ${result.templateDir}`,
  ];
  if (!result.selected) {
    return {
      out,
      warning: `tsnwb install: ${result.reason}; to use the template pass --template ${TEMPLATE_NAME} to jupyter nbconvert`,
    };
  }
  out.push(`${result.configFile} selects it for jupyter nbconvert --to html`);
  if (choice.kind === "prefix")
    out.push(
      `Jupyter reads that config when its folder is on the config path: export JUPYTER_CONFIG_PATH=${dirname(result.configFile)}`,
    );
  return { out };
}

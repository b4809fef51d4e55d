// `tsnwb report`'s inputs with dandisets expanded: `dandi:DANDISET[/VERSION]` stands for every
// .nwb asset of that dandiset version (default: the most recent published one, else the draft),
// listed through the DANDI REST API ($DANDI_API_URL, default the DANDI Archive's), in path order.
// Everything else is expanded by expandReportInputs (paths, folders, URLs).
import { DEFAULT_DANDI_API_URL } from "../nwb/remote/options.js";
import { listDandisetNwbAssets, parseDandisetReference } from "../nwb/remote/dandiset-assets.js";
import { expandReportInputs } from "./report-inputs.js";
import { UsageError } from "./usage-error.js";

export async function resolveReportSources(
  inputs: readonly string[],
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  const sources: string[] = [];
  for (const input of inputs) {
    if (!/^dandi:/i.test(input)) {
      sources.push(...expandReportInputs([input]));
      continue;
    }
    const ref = parseDandisetReference(input);
    if (!ref)
      throw new UsageError(
        `'${input}': expected dandi:DANDISET or dandi:DANDISET/VERSION, e.g. dandi:000048 or dandi:000048/0.210819.1641`,
      );
    const apiUrl = env.DANDI_API_URL || DEFAULT_DANDI_API_URL;
    const { version, assets } = await listDandisetNwbAssets(ref.dandiset, ref.version, {
      apiUrl,
      timeoutMs: 30_000,
      headers: {},
    });
    if (assets.length === 0)
      throw new Error(`${input}: dandiset ${ref.dandiset} version ${version} has no .nwb assets`);
    log(
      `${input}: ${assets.length} NWB asset${assets.length === 1 ? "" : "s"} in dandiset ${ref.dandiset} version ${version}`,
    );
    sources.push(...assets.map((a) => a.url));
  }
  return sources;
}

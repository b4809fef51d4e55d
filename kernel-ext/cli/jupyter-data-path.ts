// Where Jupyter looks for kernelspecs and extensions (its data path), so that `tsnwb install` can
// say whether Jupyter will find what it installed. Asked of Jupyter itself (`jupyter --paths`)
// when it is on PATH; otherwise jupyter_core's rule: $JUPYTER_PATH, the user data dir,
// sys.prefix/share/jupyter, /usr/local/share/jupyter, /usr/share/jupyter.
import { execFileSync } from "node:child_process";
import { delimiter, join, resolve } from "node:path";
import { sysPrefix, userDataDir } from "../kernel/kernelspec.js";

export function jupyterDataPath(env: NodeJS.ProcessEnv = process.env): string[] {
  try {
    const out = execFileSync("jupyter", ["--paths", "--json"], {
      env,
      encoding: "utf8",
      timeout: 20_000,
      stdio: ["ignore", "pipe", "ignore"],
    });
    const data = (JSON.parse(out) as { data?: unknown }).data;
    if (Array.isArray(data) && data.every((d) => typeof d === "string"))
      return data.map((d) => resolve(d));
  } catch {
    // No jupyter on PATH (or an unexpected answer): apply jupyter_core's rule below.
  }
  const fromEnv = (env.JUPYTER_PATH ?? "").split(delimiter).filter(Boolean);
  const all = [
    ...fromEnv,
    userDataDir(env),
    join(sysPrefix(env), "share", "jupyter"),
    "/usr/local/share/jupyter",
    "/usr/share/jupyter",
  ];
  return [...new Set(all.map((d) => resolve(d)))];
}

/**
 * What to tell the user after installing into `dir`: nothing to do when Jupyter already searches
 * it, else the JUPYTER_PATH to set (keeping a JUPYTER_PATH already set).
 */
export function jupyterPathAdvice(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): { found: true } | { found: false; exportLine: string } {
  const target = resolve(dir);
  if (jupyterDataPath(env).includes(target)) return { found: true };
  const exportLine = env.JUPYTER_PATH
    ? `export JUPYTER_PATH=${target}${delimiter}$JUPYTER_PATH`
    : `export JUPYTER_PATH=${target}`;
  return { found: false, exportLine };
}

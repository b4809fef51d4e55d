// Starts Debian's `jupyter server` with the tsnwb kernelspec installed into a temporary
// JUPYTER_PATH, so the tests use the same kernel a user gets from `tsnwb install`.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { freePort, waitFor } from "../../support/net.js";

export const repoRoot = new URL("../../..", import.meta.url).pathname.replace(/\/$/, "");

export interface JupyterServer {
  baseUrl: string;
  token: string;
  kernelName: string;
  stop(): Promise<void>;
}

export async function startJupyterServer(): Promise<JupyterServer> {
  const home = mkdtempSync(join(tmpdir(), "tsnwb-browser-"));
  const prefix = join(home, "prefix");
  execFileSync(process.execPath, [join(repoRoot, "bin/tsnwb.js"), "install", "--prefix", prefix], {
    stdio: "pipe",
  });
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const env = {
    ...process.env,
    JUPYTER_PATH: join(prefix, "share/jupyter"),
    JUPYTER_CONFIG_DIR: join(home, "config"),
    JUPYTER_DATA_DIR: join(home, "data"),
    JUPYTER_RUNTIME_DIR: join(home, "runtime"),
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  // Kernels start in the server's launch directory: the repository, so `import "tsnwb"` and
  // @types/node resolve from cells.
  const proc: ChildProcess = spawn(
    "/usr/bin/jupyter",
    [
      "server",
      `--port=${port}`,
      "--ip=127.0.0.1",
      `--ServerApp.token=${token}`,
      "--ServerApp.allow_origin=*",
      "--ServerApp.allow_root=True",
      "--no-browser",
      `--ServerApp.root_dir=${home}`,
    ],
    { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  proc.stdout!.on("data", (d) => (log += d));
  proc.stderr!.on("data", (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}/`;
  await waitFor(
    async () => {
      if (proc.exitCode !== null)
        throw new Error(`jupyter server exited (${proc.exitCode}):\n${log}`);
      const r = await fetch(`${baseUrl}api/kernelspecs?token=${token}`).catch(() => null);
      return r?.ok ? true : undefined;
    },
    30_000,
    "jupyter server to answer",
  );
  const specs = (await (await fetch(`${baseUrl}api/kernelspecs?token=${token}`)).json()) as {
    kernelspecs: Record<string, unknown>;
  };
  const kernelName = Object.keys(specs.kernelspecs).find((k) => k.startsWith("tsnwb"));
  if (!kernelName)
    throw new Error(`no tsnwb kernelspec in ${Object.keys(specs.kernelspecs).join(", ")}`);
  return {
    baseUrl,
    token,
    kernelName,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill("SIGTERM");
        await waitFor(
          async () => (proc.exitCode !== null || proc.signalCode !== null ? true : undefined),
          10_000,
          "jupyter server to stop",
        ).catch(() => proc.kill("SIGKILL"));
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

// Starts and stops the end-to-end JupyterLab server (test/jupyterlab/server/lab_server.py on
// Debian's Python), each run in its own temporary Jupyter dirs, notebook root, settings and
// workspaces, so runs never see each other's state or the user's ~/.jupyter.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDir, labRoot, repoRoot } from "./paths.js";
import { freePort } from "../../support/net.js";

export interface LabServerOptions {
  /** Jupyter data dirs holding kernels/<name>/kernel.json (put on JUPYTER_PATH). */
  jupyterPath: string[];
  /** User settings to start with: { "<package>/<plugin>": {...} }. */
  userSettings?: Record<string, unknown>;
  /** The application build to serve (default: the one with our source extension). */
  buildDir?: string;
  /** Where the server looks for prebuilt (federated) extensions; none by default. */
  labextensionsPath?: string[];
}

export class LabServer {
  readonly token = randomBytes(16).toString("hex");
  readonly tmp = mkdtempSync(join(tmpdir(), "tsnwb-lab-"));
  readonly rootDir = join(this.tmp, "notebooks");
  readonly userSettingsDir = join(this.tmp, "user-settings");
  readonly workspacesDir = join(this.tmp, "workspaces");
  port = 0;
  log = "";
  private proc?: ChildProcess;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The URL that opens JupyterLab with a fresh workspace and logs in with the token. */
  labUrl(path = "/lab"): string {
    return `${this.url}${path}?reset&token=${this.token}`;
  }

  async start(options: LabServerOptions): Promise<void> {
    for (const d of [this.rootDir, this.userSettingsDir, this.workspacesDir])
      mkdirSync(d, { recursive: true });
    for (const [id, settings] of Object.entries(options.userSettings ?? {})) {
      const file = join(this.userSettingsDir, `${id}.jupyterlab-settings`);
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(file, JSON.stringify(settings));
    }
    this.port = await freePort();
    const jupyterDirs = {
      config: join(this.tmp, "config"),
      data: join(this.tmp, "data"),
      runtime: join(this.tmp, "runtime"),
    };
    // Kernels start in the server's working directory: the repository root, where the kernel's
    // packages (tsnwb itself, @types/node for type checking) resolve.
    this.proc = spawn(
      "/usr/bin/python3",
      [
        join(labRoot, "server", "lab_server.py"),
        `--build-dir=${options.buildDir ?? buildDir}`,
        `--root-dir=${this.rootDir}`,
        `--user-settings-dir=${this.userSettingsDir}`,
        `--workspaces-dir=${this.workspacesDir}`,
        `--port=${this.port}`,
        `--token=${this.token}`,
        ...(options.labextensionsPath ?? []).map((p) => `--labextensions-path=${p}`),
      ],
      {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          PYDEVD_DISABLE_FILE_VALIDATION: "1",
          JUPYTER_PATH: options.jupyterPath.join(":"),
          JUPYTER_CONFIG_DIR: jupyterDirs.config,
          JUPYTER_DATA_DIR: jupyterDirs.data,
          JUPYTER_RUNTIME_DIR: jupyterDirs.runtime,
        },
      },
    );
    this.proc.stdout!.on("data", (d: Buffer) => (this.log += d.toString()));
    this.proc.stderr!.on("data", (d: Buffer) => (this.log += d.toString()));
    const exited = new Promise<never>((_, reject) =>
      this.proc!.once("exit", (code) =>
        reject(new Error(`lab server exited with ${code}:\n${this.log}`)),
      ),
    );
    await Promise.race([this.waitReady(), exited]);
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        const r = await this.api("/api/status");
        if (r.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`lab server did not answer /api/status within 30 s:\n${this.log}`);
  }

  /** A REST call to the server with the token. */
  api(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      ...init,
      headers: { Authorization: `token ${this.token}`, ...(init.headers ?? {}) },
    });
  }

  async runningKernels(): Promise<Array<{ id: string; name: string; execution_state: string }>> {
    return (await this.api("/api/kernels")).json() as Promise<
      Array<{ id: string; name: string; execution_state: string }>
    >;
  }

  /** Shuts every kernel down through the API, then stops the server and removes its temporary dirs. */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return this.cleanup();
    try {
      for (const k of await this.runningKernels())
        await this.api(`/api/kernels/${k.id}`, { method: "DELETE" });
    } catch {
      // the server may already be going down; SIGTERM still stops its kernels
    }
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    this.cleanup();
  }

  private cleanup(): void {
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

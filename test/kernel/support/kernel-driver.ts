// Drives a real tsnwb kernel through test/kernel/py/driver.py (jupyter_client under /usr/bin/python3).
// The kernelspec is installed with the real `tsnwb install --prefix` into a temporary directory.
import { spawn, execFileSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

export const repoRoot = new URL("../../../", import.meta.url).pathname;
export const python = "/usr/bin/python3";

export interface BufferInfo {
  sha256: string;
  nbytes: number;
  b64?: string;
}

export interface Msg {
  msg_type: string;
  msg_id: string;
  parent_msg_id?: string;
  parent_msg_type?: string;
  content: any;
  metadata: any;
  buffers: BufferInfo[];
}

export interface ExecuteResult {
  msg_id: string;
  reply: any;
  iopub: Msg[];
}

/** A temporary Jupyter data dir holding the tsnwb kernelspec, installed by the real CLI. */
export function installTestKernelspec(): { prefix: string; jupyterPath: string; remove(): void } {
  const prefix = mkdtempSync(join(tmpdir(), "tsnwb-kernelspec-"));
  execFileSync(
    process.execPath,
    [join(repoRoot, "bin", "tsnwb.js"), "install", "--prefix", prefix],
    { stdio: "pipe" },
  );
  return {
    prefix,
    jupyterPath: join(prefix, "share", "jupyter"),
    remove: () => rmSync(prefix, { recursive: true, force: true }),
  };
}

export class KernelDriver {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: any) => void; reject: (e: Error) => void }
  >();
  private stderr = "";

  private constructor(private readonly proc: ChildProcessWithoutNullStreams) {
    createInterface({ input: proc.stdout }).on("line", (line) => {
      const resp = JSON.parse(line) as {
        id: number;
        ok: boolean;
        result?: unknown;
        error?: string;
        traceback?: string;
      };
      const p = this.pending.get(resp.id);
      this.pending.delete(resp.id);
      if (!p) return;
      if (resp.ok) p.resolve(resp.result);
      else p.reject(new Error(`driver: ${resp.error}\n${resp.traceback ?? ""}`));
    });
    proc.stderr.on("data", (d: Buffer) => (this.stderr += d.toString()));
    proc.on("exit", () => {
      for (const p of this.pending.values())
        p.reject(new Error(`driver exited; stderr:\n${this.stderr}`));
      this.pending.clear();
    });
  }

  /** Starts a driver and a kernel ("tsnwb" from `jupyterPath` unless another kernel is named). */
  static async start(opts: {
    jupyterPath: string;
    cwd?: string;
    env?: Record<string, string>;
    kernelName?: string;
  }): Promise<KernelDriver> {
    const proc = spawn(python, [join(repoRoot, "test", "kernel", "py", "driver.py")], {
      env: {
        ...process.env,
        JUPYTER_PATH: opts.jupyterPath,
        PYDEVD_DISABLE_FILE_VALIDATION: "1",
        PYTHONUNBUFFERED: "1",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const driver = new KernelDriver(proc);
    await driver.call("start", {
      kernel_name: opts.kernelName ?? "tsnwb",
      cwd: opts.cwd,
      env: opts.env ?? {},
    });
    return driver;
  }

  call<T = any>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.proc.stdin.write(JSON.stringify({ id, cmd, ...args }) + "\n");
    });
  }

  execute(code: string, extra: Record<string, unknown> = {}): Promise<ExecuteResult> {
    return this.call<ExecuteResult>("execute", { code, ...extra });
  }

  /** Runs `code` and fails with the kernel's error output when it does not succeed. */
  async run(code: string, extra: Record<string, unknown> = {}): Promise<ExecuteResult> {
    const r = await this.execute(code, extra);
    if (r.reply.status !== "ok") {
      throw new Error(
        `cell failed: ${r.reply.ename}: ${r.reply.evalue}\n${(r.reply.traceback ?? []).join("\n")}\n--- code:\n${code}`,
      );
    }
    return r;
  }

  /** Sends a shell request and returns its reply's content. */
  async request(msgType: string, content: Record<string, unknown>): Promise<any> {
    const { msg_id } = await this.call<{ msg_id: string }>("send", { msg_type: msgType, content });
    return (await this.call<Msg>("reply", { msg_id })).content;
  }

  async kernelLog(): Promise<string> {
    return (await this.call<{ text: string }>("log")).text;
  }

  async close(): Promise<void> {
    try {
      await this.call("shutdown");
    } finally {
      this.proc.stdin.end();
      await new Promise((r) => (this.proc.exitCode !== null ? r(null) : this.proc.on("exit", r)));
    }
  }
}

/** Output messages of an execution other than status / execute_input. */
export function outputs(r: ExecuteResult): Msg[] {
  return r.iopub.filter((m) => m.msg_type !== "status" && m.msg_type !== "execute_input");
}

export function stdoutText(r: ExecuteResult): string {
  return r.iopub
    .filter((m) => m.msg_type === "stream" && m.content.name === "stdout")
    .map((m) => m.content.text)
    .join("");
}

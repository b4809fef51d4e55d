// Test-side control of range-server.mjs, a separate process serving files on 127.0.0.1.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface ServerSettings {
  latencyMs?: number;
  noRange?: boolean;
  failNext?: number;
  failStatus?: number;
  stallAfterBytes?: number;
}

export interface ServerStats {
  requests: number;
  rangeRequests: number;
  bytesSent: number;
  log: { method: string; path: string; range: string | null }[];
}

export interface DandiAssetModel {
  asset_id: string;
  blob: string;
  /** Where the stand-in "S3" serves the bytes, e.g. "blobs/abc/def/<uuid>". */
  blobKey: string;
  path: string;
  size: number;
  created: string;
  modified: string;
}

export interface DandiModel {
  dandisets: {
    identifier: string;
    name: string;
    created: string;
    published: string | null;
    pageSize?: number;
    assets: DandiAssetModel[];
  }[];
}

const script = fileURLToPath(new URL("./range-server.mjs", import.meta.url));

export class RangeServer {
  private sequence = 0;
  private readonly waiting = new Map<number, (body: Record<string, unknown>) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly origin: string,
  ) {
    child.on("message", (message: { id?: number }) => {
      if (message.id !== undefined) {
        this.waiting.get(message.id)?.(message as Record<string, unknown>);
        this.waiting.delete(message.id);
      }
    });
  }

  /** Starts a server process (on `port`, or a free one). */
  static start(port = 0): Promise<RangeServer> {
    const child = fork(script, [String(port)], {
      execArgv: [],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("range server did not start within 10 s")),
        10_000,
      );
      child.once("error", reject);
      child.once("exit", (code) =>
        reject(new Error(`range server exited with ${code} before listening`)),
      );
      child.once("message", (message: { type: string; port: number; origin: string }) => {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolve(new RangeServer(child, message.port, message.origin));
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  private command<T>(cmd: string, body: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.sequence;
    return new Promise<T>((resolve) => {
      this.waiting.set(id, (answer) => resolve(answer as T));
      this.child.send({ id, cmd, ...body });
    });
  }

  /** Serves `localPath` at `urlPath` and returns its URL. */
  async serve(urlPath: string, localPath: string): Promise<string> {
    return (await this.command<{ url: string }>("serve", { urlPath, localPath })).url;
  }

  async configure(settings: ServerSettings): Promise<void> {
    await this.command("configure", { settings });
  }

  async stats(): Promise<ServerStats> {
    return (await this.command<{ stats: ServerStats }>("stats")).stats;
  }

  async resetStats(): Promise<void> {
    await this.command("resetStats");
  }

  /** Sets the DANDI stand-in's content; returns its API base URL. */
  async dandi(model: DandiModel): Promise<string> {
    return (await this.command<{ apiUrl: string }>("dandi", { model })).apiUrl;
  }

  /** SIGKILL, as a crashed server; resolves when the process is gone. */
  kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGKILL");
    });
  }

  stop(): Promise<void> {
    return this.kill();
  }
}

// A real redis-server for the queue tests: on a free loopback port, in a temporary folder, with
// its append-only file on (so a restart keeps the queue), stopped and removed after.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../support/net.js";

const REDIS = "/usr/bin/redis-server";

export class RedisServer {
  private child: ChildProcess | undefined;
  readonly dir = mkdtempSync(join(tmpdir(), "tsnwb-redis-"));

  private constructor(
    readonly port: number,
    private readonly extra: string[],
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server (scripts/setup installs it; the queue tests need it). */
  static async start(extra: string[] = []): Promise<RedisServer> {
    if (!existsSync(REDIS))
      throw new Error(
        `${REDIS} is missing: run scripts/setup (it installs the Debian package redis-server)`,
      );
    const server = new RedisServer(await freePort(), extra);
    await server.launch();
    return server;
  }

  private async launch(): Promise<void> {
    const args = [
      "--port",
      String(this.port),
      "--bind",
      "127.0.0.1",
      "--dir",
      this.dir,
      "--save",
      "",
      "--appendonly",
      "yes",
      "--daemonize",
      "no",
      "--logfile",
      join(this.dir, "redis.log"),
      ...this.extra,
    ];
    const child = spawn(REDIS, args, { stdio: "ignore" });
    this.child = child;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      try {
        const auth = this.extra.includes("--requirepass")
          ? ["-a", this.extra[this.extra.indexOf("--requirepass") + 1]!, "--no-auth-warning"]
          : [];
        if (
          execFileSync("redis-cli", ["-p", String(this.port), ...auth, "ping"], {
            encoding: "utf8",
            stdio: ["ignore", "pipe", "ignore"],
          }).trim() === "PONG"
        )
          return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`redis-server did not answer on port ${this.port} within 10 s`);
  }

  /** SIGTERM (redis writes its append-only file and exits), then starts again on the same port and folder. */
  async restart(downMs = 1000): Promise<void> {
    await this.stopProcess();
    await new Promise((r) => setTimeout(r, downMs));
    await this.launch();
  }

  private stopProcess(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }

  async stop(): Promise<void> {
    await this.stopProcess();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// One job slot of a queue worker: a long-lived analysis process (h5wasm loads once, not per job)
// that analyses one recording at a time. Ending it (memory over the limit) settles its job as
// "memory" and the next job starts a fresh process; a crash settles it as "crashed".
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { AnalysisReply, AnalysisRequest } from "./analysis-process.js";
import { residentBytes } from "./resident-memory.js";

export type SlotOutcome =
  | { kind: "done"; payload: Buffer; ms: number }
  | { kind: "failed"; error: string }
  | { kind: "memory"; residentBytes: number }
  | { kind: "crashed"; error: string };

// Under tsx (tests, `npx tsx`) the process runs the TypeScript source; built, analysis-process.js.
const fromSource = import.meta.url.endsWith(".ts");
const entry = fileURLToPath(
  new URL(fromSource ? "./analysis-process.ts" : "./analysis-process.js", import.meta.url),
);

export class AnalysisSlot {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private pending: { id: number; source: string; settle: (o: SlotOutcome) => void } | undefined;
  private sequence = 0;
  private stoppedFor: number | undefined;

  /** `heapMb`: the V8 heap ceiling of the process (the resident limit is watched from outside). */
  constructor(private readonly heapMb: number | undefined) {}

  get busy(): boolean {
    return this.pending !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  residentBytes(): number {
    return this.child?.pid ? (residentBytes(this.child.pid) ?? 0) : 0;
  }

  private start(): Promise<void> {
    const execArgv = [
      ...(fromSource ? ["--import", "tsx", "--no-warnings=ExperimentalWarning"] : []),
      ...(this.heapMb ? [`--max-old-space-size=${this.heapMb}`] : []),
    ];
    const child = fork(entry, [], {
      execArgv,
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child = child;
    this.ready = new Promise((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null) =>
        reject(
          new Error(
            `analysis process ended (${signal ?? `exit code ${code}`}) before it was ready`,
          ),
        );
      child.once("exit", onExit);
      child.once("message", () => {
        child.off("exit", onExit);
        resolve();
      });
    });
    child.on("message", (reply: AnalysisReply) => {
      const p = this.pending;
      if (!p || !("id" in reply) || reply.id !== p.id) return;
      this.pending = undefined;
      p.settle(
        reply.ok
          ? { kind: "done", payload: Buffer.from(reply.payload), ms: reply.ms }
          : { kind: "failed", error: reply.error },
      );
    });
    child.on("exit", (code, signal) => {
      if (this.child === child) this.child = undefined;
      const p = this.pending;
      if (!p) return;
      this.pending = undefined;
      if (this.stoppedFor !== undefined)
        p.settle({ kind: "memory", residentBytes: this.stoppedFor });
      else
        p.settle({
          kind: "crashed",
          error: `${p.source}: the analysis process ended (${signal ?? `exit code ${code}`}) while analysing it`,
        });
      this.stoppedFor = undefined;
    });
    return this.ready;
  }

  async run(source: string): Promise<SlotOutcome> {
    if (this.pending) throw new Error("analysis slot is busy");
    if (!this.child) {
      try {
        await this.start();
      } catch (e) {
        return { kind: "crashed", error: `${source}: ${(e as Error).message}` };
      }
    }
    const id = ++this.sequence;
    return new Promise<SlotOutcome>((settle) => {
      this.pending = { id, source, settle };
      this.child!.send({ id, source } satisfies AnalysisRequest);
    });
  }

  /** Ends the process now (over the memory limit at `resident` bytes): its job settles as "memory". */
  stopForMemory(resident: number): void {
    if (!this.child) return;
    this.stoppedFor = resident;
    this.child.kill("SIGKILL");
  }

  close(): void {
    this.child?.kill("SIGKILL");
    this.child = undefined;
  }
}

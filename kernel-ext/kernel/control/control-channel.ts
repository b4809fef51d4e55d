// Main-thread side of the control thread: receives control messages from it and sends replies
// through it.
import { Worker } from "node:worker_threads";
import type { ControlThreadData, ToControl, ToMain } from "./control-thread.js";
import type { FrameSink } from "../wire/ordered-sender.js";

export class ControlChannel implements FrameSink {
  private constructor(private readonly worker: Worker) {}

  static start(
    data: ControlThreadData,
    onFrames: (frames: Buffer[]) => void,
    onProblem: (message: string) => void,
  ): Promise<ControlChannel> {
    const worker = new Worker(new URL("./control-thread.js", import.meta.url), {
      workerData: data,
    });
    return new Promise((resolve, reject) => {
      worker.on("message", (msg: ToMain) => {
        if (msg.kind === "ready") resolve(new ControlChannel(worker));
        else if (msg.kind === "frames")
          onFrames(msg.frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength)));
        else {
          onProblem(msg.message);
          reject(new Error(msg.message));
        }
      });
      worker.on("error", (e) => {
        onProblem(`control thread failed: ${e.message}`);
        reject(e);
      });
    });
  }

  send(frames: Buffer[]): Promise<void> {
    this.worker.postMessage({ kind: "send", frames } satisfies ToControl);
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.worker.postMessage({ kind: "close" } satisfies ToControl);
    await new Promise((r) => setTimeout(r, 50));
    await this.worker.terminate();
  }
}

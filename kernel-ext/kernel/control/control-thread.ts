// The control and heartbeat sockets live on their own thread so that they answer while the main
// thread is busy running a cell. An interrupt_request must work even when a cell is stuck in a
// synchronous loop: this thread verifies it and raises SIGINT, which stops the cell (tslab runs
// cells with breakOnSigint) exactly as `jupyter` does in signal mode. Every control message is then
// handed to the main thread, which sends the replies back through here.
import { parentPort, workerData } from "node:worker_threads";
import * as zmq from "zeromq";
import { decodeMessage } from "../wire/message.js";
import { OrderedSender } from "../wire/ordered-sender.js";
import { MessageSigner } from "../wire/signer.js";

export interface ControlThreadData {
  controlAddress: string;
  heartbeatAddress: string;
  key: string;
  signatureScheme: string;
}

export type ToMain =
  | { kind: "ready" }
  | { kind: "frames"; frames: Uint8Array[] }
  | { kind: "failed"; message: string };
export type ToControl = { kind: "send"; frames: Uint8Array[] } | { kind: "close" };

const port = parentPort!;
const data = workerData as ControlThreadData;
const signer = new MessageSigner(data.key, data.signatureScheme);
const control = new zmq.Router();
const heartbeat = new zmq.Reply();
const sender = new OrderedSender(control, (e) =>
  port.postMessage({
    kind: "failed",
    message: `control send failed: ${String(e)}`,
  } satisfies ToMain),
);

async function echoHeartbeats(): Promise<void> {
  for await (const frames of heartbeat) await heartbeat.send(frames);
}

async function relayControl(): Promise<void> {
  for await (const frames of control) {
    try {
      if (decodeMessage(frames, signer).header.msg_type === "interrupt_request")
        process.kill(process.pid, "SIGINT");
    } catch {
      // The main thread decodes the message again and logs what is wrong with it.
    }
    port.postMessage({ kind: "frames", frames } satisfies ToMain);
  }
}

port.on("message", (msg: ToControl) => {
  if (msg.kind === "send")
    void sender.send(msg.frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength)));
  else {
    control.close();
    heartbeat.close();
    port.close();
  }
});

try {
  await Promise.all([control.bind(data.controlAddress), heartbeat.bind(data.heartbeatAddress)]);
  port.postMessage({ kind: "ready" } satisfies ToMain);
  void echoHeartbeats().catch(() => undefined);
  void relayControl().catch(() => undefined);
} catch (e) {
  port.postMessage({
    kind: "failed",
    message: `cannot bind the control/heartbeat sockets: ${(e as Error).message}`,
  } satisfies ToMain);
}

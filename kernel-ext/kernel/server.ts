// The tsnwb kernel's Jupyter side: ZeroMQ sockets, message decoding and signing, status messages,
// and dispatch of every request type. TypeScript itself (compiling, running, completing, inspecting
// cells) is tslab's; this replaces tslab's protocol layer, which lacks comms and binary buffers.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { TextDecoder } from "node:util";
import * as zmq from "zeromq";
import { JupyterHandlerImpl } from "tslab/dist/jupyter.js";
import { installKernelBridge, type KernelBridge } from "./bridge.js";
import { CommManager, CommProtocolError, describe } from "./comm/manager.js";
import { ControlChannel } from "./control/control-channel.js";
import type { CellRunner } from "./execute/cell-runner.js";
import { CellExecution } from "./execute/cell-execution.js";
import { IOPub } from "./iopub.js";
import { completeReply } from "./language/complete.js";
import { inspectReply } from "./language/inspect.js";
import { typescriptVersion } from "./language/typescript.js";
import { kernelLog } from "./log.js";
import { runWithParent } from "./parent.js";
import { figureOutputs } from "./widget/figure-outputs.js";
import {
  decodeMessage,
  encodeMessage,
  newHeader,
  WireError,
  type KernelMessage,
} from "./wire/message.js";
import { OrderedSender } from "./wire/ordered-sender.js";
import { MessageSigner } from "./wire/signer.js";

export interface ConnectionInfo {
  transport: string;
  ip: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

const require = createRequire(import.meta.url);
const packageVersion = (require("../../../package.json") as { version: string }).version;

export function readConnectionFile(path: string): ConnectionInfo {
  let info: Partial<ConnectionInfo>;
  try {
    info = JSON.parse(readFileSync(path, "utf8")) as Partial<ConnectionInfo>;
  } catch (e) {
    throw new Error(`cannot read the connection file ${path}: ${(e as Error).message}`);
  }
  for (const field of [
    "transport",
    "ip",
    "shell_port",
    "iopub_port",
    "stdin_port",
    "control_port",
    "hb_port",
  ] as const) {
    if (info[field] === undefined) throw new Error(`connection file ${path}: missing '${field}'`);
  }
  return { key: "", signature_scheme: "hmac-sha256", ...info } as ConnectionInfo;
}

type Channel = { name: "shell" | "control"; sender: OrderedSender };

export class KernelServer {
  /** This kernel's session id, in the header of every message it creates. */
  readonly session = randomUUID();
  readonly comms: CommManager;
  private readonly signer: MessageSigner;
  private readonly iopubSocket = new zmq.Publisher();
  private readonly shellSocket = new zmq.Router();
  private readonly stdinSocket = new zmq.Router();
  private readonly iopub: IOPub;
  private readonly execution: CellExecution;
  private readonly language: JupyterHandlerImpl;
  private control: ControlChannel | undefined;
  private shell: Channel;

  constructor(
    private readonly conn: ConnectionInfo,
    private readonly runner: CellRunner,
  ) {
    this.signer = new MessageSigner(conn.key, conn.signature_scheme);
    const logSendError = (e: unknown) => kernelLog(`send failed: ${describe(e)}`);
    this.iopub = new IOPub(
      new OrderedSender(this.iopubSocket, logSendError),
      this.signer,
      this.session,
    );
    this.shell = { name: "shell", sender: new OrderedSender(this.shellSocket, logSendError) };
    this.execution = new CellExecution(runner, this.iopub);
    this.language = new JupyterHandlerImpl(runner.executor, false);
    this.comms = new CommManager({
      publish: (type, content, metadata, buffers) =>
        this.iopub.publish(type, content, { metadata, buffers }),
    });
  }

  private address(port: number): string {
    const sep = this.conn.transport === "ipc" ? "-" : ":";
    return `${this.conn.transport}://${this.conn.ip}${sep}${port}`;
  }

  async start(): Promise<void> {
    await Promise.all([
      this.iopubSocket.bind(this.address(this.conn.iopub_port)),
      this.shellSocket.bind(this.address(this.conn.shell_port)),
      this.stdinSocket.bind(this.address(this.conn.stdin_port)),
    ]);
    const controlSender = new OrderedSender(
      { send: (frames) => this.control!.send(frames) },
      () => undefined,
    );
    this.control = await ControlChannel.start(
      {
        controlAddress: this.address(this.conn.control_port),
        heartbeatAddress: this.address(this.conn.hb_port),
        key: this.conn.key,
        signatureScheme: this.conn.signature_scheme,
      },
      (frames) => void this.receive(frames, { name: "control", sender: controlSender }),
      (problem) => kernelLog(problem),
    );
    this.redirectOutput();
    installKernelBridge(this.bridge());
    void this.serveShell();
  }

  private async serveShell(): Promise<void> {
    for await (const frames of this.shellSocket) void this.receive(frames, this.shell);
  }

  /** Cell output (console.log, process.stdout.write) becomes `stream` messages for the current request. */
  private redirectOutput(): void {
    for (const name of ["stdout", "stderr"] as const) {
      const decoder = new TextDecoder();
      const stream = process[name];
      stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
        const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
        this.iopub.stream(name, text);
        const cb = typeof encoding === "function" ? encoding : callback;
        if (typeof cb === "function") queueMicrotask(() => (cb as () => void)());
        return true;
      }) as typeof stream.write;
    }
  }

  private bridge(): KernelBridge {
    return {
      bridgeVersion: 1,
      openComm: (targetName, data, metadata, buffers, commId) =>
        this.comms.open(targetName, data, metadata, buffers, commId),
      registerCommTarget: (name, target) => this.comms.registerTarget(name, target),
      displayBundle: (bundle, options = {}) => {
        const transient = options.displayId === undefined ? {} : { display_id: options.displayId };
        this.iopub.publish(options.update ? "update_display_data" : "display_data", {
          data: bundle,
          metadata: options.metadata ?? {},
          transient,
        });
      },
      clearOutput: (wait) => this.iopub.publish("clear_output", { wait }),
    };
  }

  private async receive(frames: Buffer[], channel: Channel): Promise<void> {
    let msg: KernelMessage;
    try {
      msg = decodeMessage(frames, this.signer);
    } catch (e) {
      this.rejectMalformed(e, channel);
      return;
    }
    this.iopub.publish("status", { execution_state: "busy" }, { parent: msg.header });
    try {
      await runWithParent(msg.header, () => this.dispatch(msg, channel));
    } catch (e) {
      kernelLog(
        `${msg.header.msg_type} ${msg.header.msg_id}: ${e instanceof CommProtocolError ? e.message : describe(e)}`,
      );
      if (!(e instanceof CommProtocolError) && msg.header.msg_type.endsWith("_request")) {
        this.reply(
          msg,
          channel,
          replyType(msg.header.msg_type),
          errorReply("KernelError", describe(e)),
        );
      }
    } finally {
      this.iopub.publish("status", { execution_state: "idle" }, { parent: msg.header });
    }
  }

  /** Logs a message that could not be decoded; answers it with an error when it is a readable request. */
  private rejectMalformed(e: unknown, channel: Channel): void {
    const header = e instanceof WireError ? e.header : undefined;
    kernelLog(
      `${channel.name}: dropped a message: ${describe(e)}${header ? ` (msg_type ${header.msg_type}, msg_id ${header.msg_id})` : ""}`,
    );
    if (header && e instanceof WireError && header.msg_type.endsWith("_request")) {
      const request: KernelMessage = {
        identities: e.identities,
        header,
        parent_header: {},
        metadata: {},
        content: {},
        buffers: [],
      };
      this.iopub.publish("status", { execution_state: "busy" }, { parent: header });
      this.reply(
        request,
        channel,
        replyType(header.msg_type),
        errorReply("MalformedMessage", e.message),
      );
      this.iopub.publish("status", { execution_state: "idle" }, { parent: header });
    }
  }

  private reply(
    request: KernelMessage,
    channel: Channel,
    msgType: string,
    content: Record<string, unknown>,
  ): void {
    const frames = encodeMessage(
      {
        identities: request.identities,
        header: newHeader(msgType, this.session, request.header.username),
        parent_header: request.header,
        metadata: {},
        content,
      },
      this.signer,
    );
    void channel.sender.send(frames);
  }

  private async dispatch(msg: KernelMessage, channel: Channel): Promise<void> {
    const type = msg.header.msg_type;
    const content = msg.content as any;
    switch (type) {
      case "kernel_info_request":
        return this.reply(msg, channel, "kernel_info_reply", this.kernelInfo());
      case "execute_request": {
        const reply = await this.execution.execute(msg);
        await figureOutputs().settle();
        return this.reply(msg, channel, "execute_reply", reply);
      }
      case "is_complete_request":
        return this.reply(msg, channel, "is_complete_reply", {
          ...this.language.handleIsComplete(content),
        });
      case "inspect_request":
        return this.reply(
          msg,
          channel,
          "inspect_reply",
          inspectReply(this.runner.executor, ...codeAndCursor(content)),
        );
      case "complete_request":
        return this.reply(
          msg,
          channel,
          "complete_reply",
          completeReply(this.runner.executor, ...codeAndCursor(content)),
        );
      case "history_request":
        return this.reply(msg, channel, "history_reply", {
          status: "ok",
          history: this.execution.history.query(content),
        });
      case "comm_info_request": {
        const target = typeof content.target_name === "string" ? content.target_name : undefined;
        return this.reply(msg, channel, "comm_info_reply", {
          status: "ok",
          comms: this.comms.info(target),
        });
      }
      case "comm_open":
        return this.comms.handleOpen(msg);
      case "comm_msg":
        return this.comms.handleMsg(msg);
      case "comm_close":
        return this.comms.handleClose(msg);
      case "interrupt_request":
        // The control thread has already raised SIGINT, which interrupts the running cell.
        return this.reply(msg, channel, "interrupt_reply", { status: "ok" });
      case "shutdown_request":
        this.reply(msg, channel, "shutdown_reply", {
          status: "ok",
          restart: content.restart === true,
        });
        setImmediate(() => void this.shutdown());
        return;
      default:
        kernelLog(
          `${channel.name}: unsupported msg_type '${type}' (msg_id ${msg.header.msg_id}); ignored`,
        );
    }
  }

  private kernelInfo(): Record<string, unknown> {
    const tslabInfo = this.language.handleKernel();
    return {
      ...tslabInfo,
      status: "ok",
      protocol_version: "5.3",
      implementation: "tsnwb",
      implementation_version: packageVersion,
      language_info: { ...tslabInfo.language_info, version: typescriptVersion },
      banner: `tsnwb ${packageVersion}: TypeScript (tslab) with Jupyter widgets, on Node.js ${process.version}`,
      help_links: [],
    };
  }

  async shutdown(): Promise<void> {
    await this.iopub.drained();
    await this.shell.sender.drained();
    await new Promise((r) => setTimeout(r, 20));
    this.runner.close();
    await this.control?.close();
    this.iopubSocket.close();
    this.shellSocket.close();
    this.stdinSocket.close();
    process.exit(0);
  }
}

function replyType(requestType: string): string {
  return requestType.replace(/_request$/, "_reply");
}

/** A complete/inspect request's code and cursor (code points; the end of the code when not given). */
function codeAndCursor(content: { code?: unknown; cursor_pos?: unknown }): [string, number] {
  const code = typeof content.code === "string" ? content.code : "";
  return [code, typeof content.cursor_pos === "number" ? content.cursor_pos : [...code].length];
}

function errorReply(ename: string, evalue: string): Record<string, unknown> {
  return { status: "error", ename, evalue, traceback: [`${ename}: ${evalue}`] };
}

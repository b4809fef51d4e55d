// One end of a Jupyter comm: a bidirectional channel between kernel code and the front end,
// identified by comm_id and opened on a named target.
import type { KernelMessage } from "../wire/message.js";

export type CommMsgHandler = (data: any, buffers: Uint8Array[], msg?: KernelMessage) => unknown;
export type CommCloseHandler = (data: any, msg?: KernelMessage) => void;

/** The operations a comm needs from the kernel: publishing comm_msg / comm_close on IOPub. */
export interface CommTransport {
  publish(
    msgType: "comm_open" | "comm_msg" | "comm_close",
    content: Record<string, unknown>,
    metadata?: Record<string, unknown>,
    buffers?: ArrayBufferView[],
  ): void;
  forget(commId: string): void;
}

/** The shape shared by every copy of tsnwb loaded into one kernel (see bridge.ts): keep it stable. */
export interface CommLike {
  readonly commId: string;
  readonly targetName: string;
  readonly closed: boolean;
  send(data: unknown, metadata?: Record<string, unknown>, buffers?: ArrayBufferView[]): void;
  close(data?: unknown): void;
  onMsg(handler: CommMsgHandler): () => void;
  onClose(handler: CommCloseHandler): () => void;
}

export class Comm implements CommLike {
  private readonly msgHandlers = new Set<CommMsgHandler>();
  private readonly closeHandlers = new Set<CommCloseHandler>();
  private isClosed = false;

  constructor(
    readonly commId: string,
    readonly targetName: string,
    private readonly transport: CommTransport,
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  send(
    data: unknown,
    metadata: Record<string, unknown> = {},
    buffers: ArrayBufferView[] = [],
  ): void {
    if (this.isClosed)
      throw new Error(`comm ${this.commId} (target '${this.targetName}') is closed`);
    this.transport.publish(
      "comm_msg",
      { comm_id: this.commId, data: data ?? {} },
      metadata,
      buffers,
    );
  }

  /** Closes from the kernel side: tells the front end, then runs the close handlers. */
  close(data: unknown = {}): void {
    if (this.isClosed) return;
    this.transport.publish("comm_close", { comm_id: this.commId, data });
    this.closedBy(data);
  }

  onMsg(handler: CommMsgHandler): () => void {
    this.msgHandlers.add(handler);
    return () => this.msgHandlers.delete(handler);
  }

  onClose(handler: CommCloseHandler): () => void {
    this.closeHandlers.add(handler);
    return () => this.closeHandlers.delete(handler);
  }

  /** A comm_msg from the front end. Resolves when every handler has finished. */
  async deliver(data: unknown, buffers: Uint8Array[], msg?: KernelMessage): Promise<void> {
    const errors: unknown[] = [];
    for (const h of [...this.msgHandlers]) {
      try {
        await h(data, buffers, msg);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) throw errors[0];
  }

  /** Marks the comm closed (by either side) and runs the close handlers once. */
  closedBy(data: unknown, msg?: KernelMessage): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.transport.forget(this.commId);
    for (const h of [...this.closeHandlers]) {
      try {
        h(data, msg);
      } catch (e) {
        console.error(`comm ${this.commId}: a close handler threw:`, e);
      }
    }
  }
}

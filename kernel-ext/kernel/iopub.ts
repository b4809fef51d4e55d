// Everything the kernel broadcasts on IOPub. Stream text produced in one tick for the same cell is
// merged into one `stream` message (a print loop would otherwise send thousands of messages); any
// other message first flushes pending text, so the front end sees outputs in the order produced.
import { currentParent } from "./parent.js";
import { encodeMessage, newHeader, type MessageHeader } from "./wire/message.js";
import type { OrderedSender } from "./wire/ordered-sender.js";
import type { MessageSigner } from "./wire/signer.js";

type Parent = MessageHeader | Record<string, never>;
const STREAM_FLUSH_BYTES = 1 << 20;

export interface PublishOptions {
  parent?: Parent;
  metadata?: Record<string, unknown>;
  buffers?: (ArrayBufferView | ArrayBuffer)[];
}

export class IOPub {
  private pending: { name: string; text: string; parent: Parent } | undefined;
  private flushScheduled = false;
  /** Requests executed with silent=true: their outputs are not broadcast (status still is). */
  private readonly silenced = new Set<unknown>();

  constructor(
    private readonly sender: OrderedSender,
    private readonly signer: MessageSigner,
    private readonly session: string,
  ) {}

  publish(msgType: string, content: Record<string, unknown>, options: PublishOptions = {}): void {
    this.flushStream();
    if (msgType !== "status" && this.silenced.has(msgId(options.parent ?? currentParent()))) return;
    this.sendNow(msgType, content, options);
  }

  /** Drops outputs of the request `parentMsgId` while `fn` runs (execute_request with silent=true). */
  async silencing<T>(parentMsgId: string, fn: () => Promise<T>): Promise<T> {
    this.silenced.add(parentMsgId);
    try {
      return await fn();
    } finally {
      this.flushStream();
      this.silenced.delete(parentMsgId);
    }
  }

  stream(name: "stdout" | "stderr", text: string, parent: Parent = currentParent()): void {
    if (text === "" || this.silenced.has(msgId(parent))) return;
    const p = this.pending;
    if (p && (p.name !== name || msgId(p.parent) !== msgId(parent))) this.flushStream();
    if (this.pending) this.pending.text += text;
    else this.pending = { name, text, parent };
    if (this.pending.text.length >= STREAM_FLUSH_BYTES) this.flushStream();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flushStream();
      });
    }
  }

  flushStream(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    this.sendNow("stream", { name: p.name, text: p.text }, { parent: p.parent });
  }

  drained(): Promise<void> {
    this.flushStream();
    return this.sender.drained();
  }

  private sendNow(
    msgType: string,
    content: Record<string, unknown>,
    options: PublishOptions,
  ): void {
    const parent = options.parent ?? currentParent();
    const frames = encodeMessage(
      {
        identities: [Buffer.from(msgType)],
        header: newHeader(
          msgType,
          this.session,
          "username" in parent && typeof parent.username === "string" ? parent.username : "tsnwb",
        ),
        parent_header: parent,
        metadata: options.metadata ?? {},
        content,
        buffers: options.buffers,
      },
      this.signer,
    );
    void this.sender.send(frames);
  }
}

function msgId(parent: Parent): unknown {
  return (parent as Partial<MessageHeader>).msg_id;
}

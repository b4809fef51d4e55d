// One Jupyter message as it travels over ZeroMQ (messaging protocol 5.3, "The Wire Protocol"):
//   [identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]
// The signature is an HMAC over exactly the four JSON frames; binary buffers follow unsigned.
import { randomUUID } from "node:crypto";
import type { MessageSigner } from "./signer.js";

export const PROTOCOL_VERSION = "5.3";
const DELIMITER = Buffer.from("<IDS|MSG>");

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
  [key: string]: unknown;
}

export interface KernelMessage<C = Record<string, unknown>> {
  /** ZeroMQ routing prefix: replies on ROUTER sockets must echo it. */
  identities: Buffer[];
  header: MessageHeader;
  /** The header of the message this one answers; `{}` when there is none. */
  parent_header: MessageHeader | Record<string, never>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Uint8Array[];
}

/** Why a received message was dropped; the server logs it and keeps serving. */
export class WireError extends Error {
  /** The parsed header when the JSON of the header frame was readable, so the sender can be answered. */
  constructor(
    message: string,
    readonly header?: MessageHeader,
    readonly identities: Buffer[] = [],
  ) {
    super(message);
    this.name = "WireError";
  }
}

export function newHeader(msgType: string, session: string, username = "tsnwb"): MessageHeader {
  return {
    msg_id: randomUUID(),
    msg_type: msgType,
    session,
    username,
    date: new Date().toISOString(),
    version: PROTOCOL_VERSION,
  };
}

function parseJsonFrame(
  frame: Buffer,
  name: string,
  header?: MessageHeader,
  ids: Buffer[] = [],
): any {
  let value: unknown;
  try {
    value = JSON.parse(frame.toString("utf8"));
  } catch (e) {
    throw new WireError(
      `malformed JSON in the ${name} frame: ${(e as Error).message}`,
      header,
      ids,
    );
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new WireError(`the ${name} frame is not a JSON object`, header, ids);
  }
  return value;
}

/** A 64-byte-aligned copy only when zmq hands us a view that typed arrays could not map directly. */
function alignedBuffer(frame: Buffer): Uint8Array {
  if (frame.byteOffset % 8 === 0)
    return new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
  const copy = new Uint8Array(frame.byteLength);
  copy.set(frame);
  return copy;
}

export function decodeMessage(frames: Buffer[], signer: MessageSigner): KernelMessage {
  const delimiterAt = frames.findIndex((f) => f.equals(DELIMITER));
  if (delimiterAt < 0) throw new WireError("message has no <IDS|MSG> delimiter frame");
  const identities = frames.slice(0, delimiterAt);
  const signature = frames[delimiterAt + 1];
  const parts = frames.slice(delimiterAt + 2, delimiterAt + 6);
  if (signature === undefined || parts.length < 4) {
    throw new WireError(
      `message has ${frames.length - delimiterAt - 1} frames after the delimiter; expected at least 5`,
      undefined,
      identities,
    );
  }
  if (!signer.verify(signature.toString("ascii"), parts)) {
    throw new WireError("invalid HMAC signature (message ignored)", undefined, identities);
  }
  const header = parseJsonFrame(parts[0], "header", undefined, identities) as MessageHeader;
  if (typeof header.msg_type !== "string" || typeof header.msg_id !== "string") {
    throw new WireError("the header frame lacks msg_type or msg_id", undefined, identities);
  }
  return {
    identities,
    header,
    parent_header: parseJsonFrame(parts[1], "parent_header", header, identities),
    metadata: parseJsonFrame(parts[2], "metadata", header, identities),
    content: parseJsonFrame(parts[3], "content", header, identities),
    buffers: frames.slice(delimiterAt + 6).map(alignedBuffer),
  };
}

export function asBuffer(view: ArrayBufferView | ArrayBuffer): Buffer {
  if (view instanceof ArrayBuffer) return Buffer.from(view);
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

export function encodeMessage(
  msg: Omit<KernelMessage<unknown>, "buffers"> & { buffers?: (ArrayBufferView | ArrayBuffer)[] },
  signer: MessageSigner,
): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((part) =>
    Buffer.from(JSON.stringify(part), "utf8"),
  );
  return [
    ...msg.identities,
    DELIMITER,
    Buffer.from(signer.sign(parts), "ascii"),
    ...parts,
    ...(msg.buffers ?? []).map(asBuffer),
  ];
}

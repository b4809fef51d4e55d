// The kernel's comm registry: targets registered by kernel or user code, open comms by id, and the
// handling of comm_open / comm_msg / comm_close / comm_info_request from the front end.
import { randomUUID } from "node:crypto";
import type { KernelMessage } from "../wire/message.js";
import { Comm, type CommTransport } from "./comm.js";

/** Called when the front end opens a comm on this target. Throwing closes the comm again. */
export type CommTarget = (
  comm: Comm,
  data: any,
  buffers: Uint8Array[],
  msg?: KernelMessage,
) => unknown;

export interface CommPublisher {
  publish(
    msgType: string,
    content: Record<string, unknown>,
    metadata?: Record<string, unknown>,
    buffers?: ArrayBufferView[],
  ): void;
}

/** A problem in a comm message from the front end; the server logs it and keeps serving. */
export class CommProtocolError extends Error {
  override name = "CommProtocolError";
}

export class CommManager {
  private readonly targets = new Map<string, CommTarget>();
  private readonly comms = new Map<string, Comm>();

  constructor(private readonly publisher: CommPublisher) {}

  registerTarget(name: string, target: CommTarget): () => void {
    this.targets.set(name, target);
    return () => {
      if (this.targets.get(name) === target) this.targets.delete(name);
    };
  }

  hasTarget(name: string): boolean {
    return this.targets.has(name);
  }

  get(commId: string): Comm | undefined {
    return this.comms.get(commId);
  }

  /** Opens a comm from the kernel side (comm_open on IOPub). */
  open(
    targetName: string,
    data: unknown = {},
    metadata: Record<string, unknown> = {},
    buffers: ArrayBufferView[] = [],
    commId: string = randomUUID().replace(/-/g, ""),
  ): Comm {
    const comm = this.create(commId, targetName);
    this.publisher.publish(
      "comm_open",
      { comm_id: commId, target_name: targetName, data: data ?? {} },
      metadata,
      buffers,
    );
    return comm;
  }

  /** comm_info_reply content: open comms, only those on `targetName` when given. */
  info(targetName?: string): Record<string, { target_name: string }> {
    const comms: Record<string, { target_name: string }> = {};
    for (const [id, comm] of this.comms) {
      if (targetName === undefined || targetName === comm.targetName)
        comms[id] = { target_name: comm.targetName };
    }
    return comms;
  }

  async handleOpen(msg: KernelMessage): Promise<void> {
    const {
      comm_id: commId,
      target_name: targetName,
      data,
    } = msg.content as { comm_id?: unknown; target_name?: unknown; data?: unknown };
    if (typeof commId !== "string" || commId === "")
      throw new CommProtocolError("comm_open without a comm_id string");
    if (typeof targetName !== "string")
      throw new CommProtocolError(`comm_open ${commId} without a target_name string`);
    const target = this.targets.get(targetName);
    if (!target) {
      // The protocol's answer to an unknown target: close the comm the front end just opened.
      this.publisher.publish("comm_close", { comm_id: commId, data: {} });
      throw new CommProtocolError(
        `comm_open ${commId}: no comm target '${targetName}' is registered; sent comm_close`,
      );
    }
    if (this.comms.has(commId))
      throw new CommProtocolError(`comm_open ${commId}: a comm with this id is already open`);
    const comm = this.create(commId, targetName);
    try {
      await target(comm, data ?? {}, msg.buffers, msg);
    } catch (e) {
      comm.close();
      throw new CommProtocolError(
        `comm_open ${commId}: target '${targetName}' threw, comm closed: ${describe(e)}`,
      );
    }
  }

  async handleMsg(msg: KernelMessage): Promise<void> {
    const { comm_id: commId, data } = msg.content as { comm_id?: unknown; data?: unknown };
    if (typeof commId !== "string")
      throw new CommProtocolError("comm_msg without a comm_id string");
    const comm = this.comms.get(commId);
    if (!comm) throw new CommProtocolError(`comm_msg for unknown comm id ${commId} (ignored)`);
    if (data === undefined || data === null || typeof data !== "object") {
      throw new CommProtocolError(
        `comm_msg for comm ${commId} (target '${comm.targetName}') has no data object (ignored)`,
      );
    }
    try {
      await comm.deliver(data, msg.buffers, msg);
    } catch (e) {
      throw new CommProtocolError(
        `comm_msg for comm ${commId} (target '${comm.targetName}'): handler threw: ${describe(e)}`,
      );
    }
  }

  handleClose(msg: KernelMessage): void {
    const { comm_id: commId, data } = msg.content as { comm_id?: unknown; data?: unknown };
    if (typeof commId !== "string")
      throw new CommProtocolError("comm_close without a comm_id string");
    const comm = this.comms.get(commId);
    if (!comm) throw new CommProtocolError(`comm_close for unknown comm id ${commId} (ignored)`);
    comm.closedBy(data ?? {}, msg);
  }

  private create(commId: string, targetName: string): Comm {
    const transport: CommTransport = {
      publish: (msgType, content, metadata, buffers) =>
        this.publisher.publish(msgType, content, metadata, buffers),
      forget: (id) => this.comms.delete(id),
    };
    const comm = new Comm(commId, targetName, transport);
    this.comms.set(commId, comm);
    return comm;
  }
}

export function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

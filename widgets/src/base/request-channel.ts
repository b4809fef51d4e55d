// Requests from a view to its kernel model over custom messages. Only the newest request of a kind
// matters: a reply to an older one is dropped (pan/zoom fire faster than round trips), and a view
// that hears nothing back for `lostAfterMs` says it lost the kernel until a reply arrives again.
// Playback relaxes the rule: requests sent `alongside` the ones in flight are all answered, so a
// few can travel at once and the round trip does not cap the frame rate.
import type { WidgetModel } from "@jupyter-widgets/base";
import type { JSONObject } from "@lumino/coreutils";
import type { ErrorReply, SupersededReply } from "../../../contract/common";

/** Request ids are unique across every view in the page, so views of one model never confuse
 *  each other's replies (the kernel broadcasts replies on the model's comm). */
let nextRequestId = 1 + Math.floor(Math.random() * 1e6) * 1000;

/** How long a request may go unanswered before views say the kernel is lost (ms). A page can
 *  change it (the browser tests shorten it). */
let lostAfterMs = 5000;
export function setLostConnectionTimeout(ms: number): void {
  if (!(ms > 0)) throw new Error(`tsnwb: lost-connection timeout must be > 0 ms, got ${ms}`);
  lostAfterMs = ms;
}

export interface ChannelEvents<R> {
  /** The reply to the newest request, with its buffers (DataViews). */
  onReply(reply: R, buffers: DataView[]): void;
  onError(message: string): void;
  /** true when the newest request has gone unanswered for lostAfterMs; false when answered. */
  onConnection(lost: boolean): void;
}

export class RequestChannel<
  Q extends { type: string; requestId: number },
  R extends { type: string; requestId: number },
> {
  private latest = 0;
  /** Requests whose replies are still wanted: the newest, plus those sent alongside it. */
  private readonly awaited = new Set<number>();
  private sentAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lost = false;
  private readonly listener: (content: unknown, buffers: DataView[]) => void;

  constructor(
    private readonly model: WidgetModel,
    private readonly requestType: Q["type"],
    private readonly replyType: R["type"],
    private readonly events: ChannelEvents<R>,
  ) {
    this.listener = (content, buffers) =>
      this.receive(content as R | ErrorReply | SupersededReply, buffers ?? []);
    model.on("msg:custom", this.listener);
  }

  /** Whether a kernel is there to ask (false in a static page). */
  get live(): boolean {
    return Boolean(this.model.comm_live);
  }

  /** Time since the newest request was sent, ms (a reply's handler reads it as the round trip). */
  sinceSentMs(): number {
    return performance.now() - this.sentAt;
  }

  /** Sends a request; its reply is the only one wanted unless `alongside` (the replies to the
   *  requests in flight are still wanted too). */
  send(request: Omit<Q, "requestId" | "type">, alongside = false): number {
    const requestId = nextRequestId++;
    this.latest = requestId;
    if (!alongside) this.awaited.clear();
    this.awaited.add(requestId);
    this.sentAt = performance.now();
    this.model.send({ ...request, type: this.requestType, requestId } as unknown as JSONObject, {});
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.setLost(true), lostAfterMs);
    return requestId;
  }

  get pendingRequestId(): number {
    return this.latest;
  }

  /** Requests sent and not yet answered whose replies are wanted. */
  get inFlight(): number {
    return this.awaited.size;
  }

  /** Drops the replies to every request in flight (a paused playback's frames). */
  forgetPending(): void {
    this.awaited.clear();
    clearTimeout(this.timer);
  }

  private receive(msg: R | ErrorReply | SupersededReply, buffers: DataView[]): void {
    if (!msg || typeof msg !== "object" || !this.awaited.delete(msg.requestId)) return;
    if (msg.type === "superseded") return;
    if (msg.type === "error" && (msg as ErrorReply).requestType === this.requestType) {
      this.answered();
      this.events.onError((msg as ErrorReply).message);
      return;
    }
    if (msg.type !== this.replyType) return;
    this.answered();
    this.events.onReply(msg as R, buffers);
  }

  private answered(): void {
    clearTimeout(this.timer);
    this.setLost(false);
    if (this.awaited.size) this.timer = setTimeout(() => this.setLost(true), lostAfterMs);
  }

  private setLost(lost: boolean): void {
    if (lost === this.lost) return;
    this.lost = lost;
    this.events.onConnection(lost);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.model.off("msg:custom", this.listener);
  }
}

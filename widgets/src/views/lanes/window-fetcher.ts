// Keeps a LanesPlot fed: asks the kernel for the visible window (decimated to the plot's device
// pixel width) whenever it changes, and draws the newest reply. Shared by TraceView and
// CouplingView, which speak the same window protocol.
import type { WidgetModel } from "@jupyter-widgets/base";
import {
  MAX_WINDOW_PIXELS,
  type TraceLane,
  type WindowReply,
  type WindowRequest,
} from "../../../../contract/trace";
import { RequestChannel } from "../../base/request-channel";
import { decodeSlice } from "./slice";
import type { LanesPlot } from "./lanes-plot";

export interface FetchStatus {
  (text: string, kind: "" | "busy" | "lost" | "error" | "static"): void;
}

export class WindowFetcher {
  private readonly channel: RequestChannel<WindowRequest, WindowReply>;
  /** The last answered request (tests and the status line read it). */
  lastReply: WindowReply | null = null;
  /** Request sent → its reply drawn, ms (the latency a user sees). */
  private drawnMs = NaN;

  constructor(
    model: WidgetModel,
    private readonly plot: LanesPlot,
    private readonly host: HTMLElement,
    private readonly status: FetchStatus,
  ) {
    this.channel = new RequestChannel<WindowRequest, WindowReply>(model, "window", "window", {
      onReply: (reply, buffers) => this.draw(reply, buffers),
      onError: (message) => status(`The kernel could not read this window: ${message}`, "error"),
      onConnection: (lost) => {
        if (lost)
          status(
            "Lost connection to the kernel: no reply to the last zoom. Showing the last data received.",
            "lost",
          );
        else this.describe();
      },
    });
  }

  get live(): boolean {
    return this.channel.live;
  }

  /** First paint: every lane's whole-recording overview from state. */
  drawOverviews(lanes: TraceLane[]): string[] {
    const problems: string[] = [];
    const slices = [];
    for (const lane of lanes) {
      try {
        slices.push(decodeSlice(lane.overview, lane.overview.data));
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    this.plot.setSlices(slices);
    return problems;
  }

  request(range: [number, number]): void {
    if (!this.live) {
      this.status("Saved view (no kernel): zooming shows the stored overview only.", "static");
      return;
    }
    const pixels = Math.max(
      1,
      Math.min(MAX_WINDOW_PIXELS, Math.round(this.plot.plotWidth * (window.devicePixelRatio || 1))),
    );
    const id = this.channel.send({ t0: range[0], t1: range[1], pixels });
    this.host.dataset.requestId = String(id);
  }

  private draw(reply: WindowReply, buffers: DataView[]): void {
    try {
      this.plot.setSlices(reply.lanes.map((header, i) => decodeSlice(header, buffers[i])));
    } catch (e) {
      this.status((e as Error).message, "error");
      return;
    }
    this.lastReply = reply;
    this.drawnMs = this.channel.sinceSentMs();
    this.host.dataset.replyId = String(reply.requestId);
    this.host.dataset.replyPixels = String(reply.pixels);
    this.host.dataset.replyRange = `${reply.t0},${reply.t1}`;
    this.host.dataset.roundTripMs = this.drawnMs.toFixed(1);
    this.describe();
  }

  private describe(): void {
    const r = this.lastReply;
    if (!r) return this.status("", "");
    const points = r.lanes.reduce((a, l) => a + l.count, 0);
    const source = r.lanes.reduce((a, l) => a + l.sourceCount, 0);
    const full = r.lanes.every((l) => !l.decimated);
    this.status(
      `${r.t0.toFixed(4)}–${r.t1.toFixed(4)} s: ${points.toLocaleString()} points drawn of ${source.toLocaleString()} samples` +
        (full ? " (full resolution)" : ` (min/max per pixel, ${r.pixels} px)`) +
        ` · round trip ${this.drawnMs.toFixed(0)} ms`,
      "",
    );
  }

  dispose(): void {
    this.channel.dispose();
  }
}

// MovieView: one frame at a time, fetched on demand (never the whole movie). Dragging the slider
// asks for frames with FrameRequests (newer supersede older); playback keeps a few in flight, so the
// round trip does not cap the frame rate, and paints the newest arrival once per animation frame.
// When the slider is released or playback pauses, the synced `frame` is set and the kernel updates
// `frameImage`.
import type { FrameReply, FrameRequest, MovieState } from "../../../../contract/movie";
import { button, fmt, h } from "../../base/dom";
import { asFloat32, asUint32, typedView } from "../../../../contract/typed-arrays";
import type { Pixels } from "../image/colormap";
import { RequestChannel } from "../../base/request-channel";
import { TsnwbView } from "../../base/tsnwb-view";
import { ImageFigure } from "../image/image-figure";
import { frameAtTime, frameTime, type FrameClock } from "../../../../contract/time-link";
import { TimeLinkFollower } from "../link/time-link-follower";
import { nearestPreviewFrame, previewPixels } from "../../../../contract/movie-preview";

/** Frame requests playback keeps travelling at once: enough to hide a round trip of a few frame
 *  periods, few enough that a pause does not leave the kernel reading frames nobody will see. */
const PLAYBACK_IN_FLIGHT = 3;

/** A frame's buffer as the pane paints it: Uint16 codes with their `scale` (coloured from the
 *  codes; decoding them first would double the work), or Float32 values when `scale` is null. */
function framePixels(scale: [number, number] | null | undefined, buffer: ArrayBufferView): Pixels {
  return scale ? { codes: typedView(buffer, "uint16") as Uint16Array, scale } : asFloat32(buffer);
}

export class MovieView extends TsnwbView<MovieState> {
  protected readonly kind = "movie";
  private figure!: ImageFigure;
  private slider!: HTMLInputElement;
  private playButton!: HTMLButtonElement;
  private roiToggle!: HTMLInputElement;
  private frameLabel!: HTMLElement;
  private channel!: RequestChannel<FrameRequest, FrameReply>;
  private playing = false;
  private playTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where playback started: the frame index and the page time (ms); frames follow the clock. */
  private playStart = { index: 0, at: 0 };
  /** Clock step (frames since the start) of the frame last asked for during playback. */
  private lastPlayedStep = -1;
  /** The newest playback reply shown or waiting for its animation frame (older arrivals are dropped). */
  private newestPlayedRequest = -1;
  /** Playback frames waiting for an animation frame, oldest first (one is painted per animation
   *  frame: two replies arriving within one would otherwise drop a frame), and that frame's handle. */
  private paintQueue: { reply: FrameReply; pixels: Pixels }[] = [];
  private paintHandle: number | undefined;
  /** Frame shown now (from state or a reply). */
  private shown = -1;
  /** Frame whose full pixels from a kernel reply are on screen (-1: none, or a preview's). */
  private repliedShown = -1;
  /** Span of the contrast sliders: the contrast widened by every frame's value range seen. */
  private valueRange: [number, number] = [0, 1];
  private link!: TimeLinkFollower;

  protected build(): void {
    this.figure = new ImageFigure(520, (colormap, contrast) =>
      this.setState({ colormap, contrast }),
    );
    this.playButton = button("▶ Play", () => this.togglePlay(), "tsnwb-play");
    this.slider = h("input", {
      class: "tsnwb-frame-slider",
      attrs: { type: "range", min: "0", step: "1" },
    });
    this.slider.style.width = "360px";
    this.slider.addEventListener("input", () => this.requestFrame(Number(this.slider.value)));
    this.slider.addEventListener("change", () => {
      const i = Number(this.slider.value);
      this.setState({ frame: i });
      this.link.setCursor(frameTime(this.clock(), i));
    });
    this.frameLabel = h("span", { class: "tsnwb-frame-label" });
    this.roiToggle = h("input", { attrs: { type: "checkbox" } });
    this.roiToggle.addEventListener("change", () =>
      this.setState({ showRois: this.roiToggle.checked }),
    );
    this.toolbar.append(this.figure.controls.element);
    const transport = h("div", { class: "tsnwb-toolbar tsnwb-transport" }, [
      this.playButton,
      this.slider,
      this.frameLabel,
      h("label", { text: " ROIs " }, [this.roiToggle]),
    ]);
    this.body.append(transport, this.figure.pane.element);
    this.channel = new RequestChannel<FrameRequest, FrameReply>(this.model, "frame", "frame", {
      onReply: (reply, buffers) => this.showReply(reply, buffers),
      onError: (message) => {
        this.stop();
        this.setStatus(`The kernel could not read the frame: ${message}`, "error");
      },
      onConnection: (lost) => {
        if (lost) {
          this.stop();
          this.setStatus(
            "Lost connection to the kernel: no frame arrived. Showing the last frame received.",
            "lost",
          );
        } else this.setStatus("");
      },
    });
    this.link = new TimeLinkFollower(this.model, {
      window: () => {},
      cursor: (t) => this.followCursor(t),
      linked: (on) => {
        this.el.dataset.linked = String(on);
        if (!on) this.followCursor(null);
      },
    });
  }

  private clock(): FrameClock {
    return {
      frameCount: this.get("frameCount"),
      startTime: this.get("startTime"),
      rate: this.get("rate"),
      frameTimes: this.get("frameTimes") ?? null,
    };
  }

  /** Shows the frame at the linked cursor; says so when the movie has none there, or when only
   *  the kernel could send it (a saved page holds one frame). Never leaves a stale frame up. */
  private followCursor(t: number | null): void {
    this.el.dataset.cursor = t === null ? "" : String(t);
    if (t === null) return this.hideFrame("");
    const clock = this.clock();
    const i = frameAtTime(clock, t);
    this.el.dataset.cursorFrame = String(i);
    if (i < 0) {
      const n = clock.frameCount;
      const span = n
        ? `${fmt(frameTime(clock, 0))}–${fmt(frameTime(clock, n - 1))} s`
        : "no frames";
      return this.hideFrame(`no frame at the cursor (${fmt(t)} s): this movie covers ${span}`);
    }
    if (i === this.shown) return this.hideFrame("", false);
    if (this.channel.live) {
      this.hideFrame("", false);
      this.requestFrame(i);
      return;
    }
    if (i === this.get("frame") && this.get("frameImage")) {
      const img = this.get("frameImage")!;
      this.hideFrame("", false);
      this.showingErrors(() =>
        this.paintFrame(i, this.get("frameTime"), this.stateFrame(), img.shape),
      );
      return;
    }
    if (this.showPreview(i, t)) return;
    this.hideFrame(
      `frame ${i + 1} (at the cursor, ${fmt(t)} s) needs the kernel: this saved view holds frame ${this.get("frame") + 1} only`,
    );
  }

  /** With no kernel: the embedded preview frame nearest to `t` (frame `i` is at the cursor); says
   *  so when that is another frame. False when the state has no preview frames. */
  private showPreview(i: number, t: number): boolean {
    const preview = this.get("previewFrames");
    const k = preview ? nearestPreviewFrame(preview, this.clock(), t) : -1;
    if (!preview || k < 0) return false;
    const index = asUint32(preview.indices)[k]!;
    const time = frameTime(this.clock(), index);
    this.hideFrame(
      index === i
        ? ""
        : `preview frame at t=${fmt(time)} s (frame ${index + 1}, nearest to the cursor at ${fmt(t)} s); the full movie needs the kernel`,
      false,
    );
    this.el.dataset.previewFrame = String(index);
    this.showingErrors(() =>
      this.paintFrame(index, time, previewPixels(preview, k), preview.shape),
    );
    return true;
  }

  /** `note` shown above the figure; the image hidden unless `keep` is false (no stale frame). */
  private hideFrame(note: string, hide = note !== ""): void {
    this.setLinkNote(note);
    this.figure.pane.element.style.visibility = hide ? "hidden" : "";
    this.el.dataset.frameHidden = String(hide);
    if (hide) this.shown = this.repliedShown = -1;
  }

  protected draw(changed: Set<keyof MovieState>): void {
    if (changed.has("frameSize")) this.figure.pane.setSize(this.get("frameSize"));
    if (changed.has("frameCount")) {
      const n = this.get("frameCount");
      this.slider.max = String(Math.max(0, n - 1));
      this.slider.disabled = n < 2;
      this.playButton.disabled = n < 2 || !this.channel.live;
    }
    // `frame` alone changes when this view syncs the frame it already shows; pixels come with frameImage.
    if (changed.has("frameImage")) {
      const img = this.get("frameImage");
      this.showingErrors(() => {
        const values = this.stateFrame();
        // after a cursor move the state's copy of the frame follows the reply already painted:
        // decoding and colouring the same pixels again would only delay the next paint
        const alreadyShown = img !== null && this.get("frame") === this.repliedShown;
        if (!this.playing && !alreadyShown)
          this.paintFrame(
            this.get("frame"),
            this.get("frameTime"),
            values,
            img ? img.shape : [0, 0],
          );
      });
    }
    if (changed.has("colormap") || changed.has("contrast")) {
      const [lo, hi] = this.get("contrast");
      this.valueRange = [Math.min(this.valueRange[0], lo), Math.max(this.valueRange[1], hi)];
      this.figure.showDisplay(this.get("colormap"), this.get("contrast"), this.valueRange);
    }
    if (changed.has("rois")) this.showingErrors(() => this.figure.showRois(this.get("rois")));
    if (changed.has("rois") || changed.has("highlighted"))
      this.figure.pane.setSelected(this.get("highlighted") ?? []);
    if (changed.has("showRois")) {
      this.roiToggle.checked = this.get("showRois");
      this.figure.pane.setRoisVisible(this.get("showRois"));
    }
    if (!this.channel.live && changed.has("frameCount")) {
      this.slider.disabled = true;
      const previews = this.get("previewFrames");
      this.setStatus(
        previews
          ? `Saved view (no kernel): ${asUint32(previews.indices).length} preview frames (${previews.shape[0]}×${previews.shape[1]}, 8-bit) follow the linked cursor; the full movie needs the kernel.`
          : `Saved view (no kernel): frame ${this.get("frame") + 1} only.`,
        "static",
      );
    }
  }

  /** The state's frame as the pane paints it: its codes with their scale, or Float32 values. */
  private stateFrame(): Pixels | null {
    const img = this.get("frameImage");
    if (!img) return null;
    return framePixels(this.get("frameScale"), img.data);
  }

  private paintFrame(
    index: number,
    time: number,
    values: Pixels | null,
    shape: number[],
    replied = false,
  ): void {
    this.shown = index;
    this.repliedShown = replied ? index : -1;
    this.figure.pane.setImage(values, shape[0]!, shape[1]!);
    this.slider.value = String(index);
    const n = this.get("frameCount");
    this.frameLabel.textContent =
      n > 0 ? ` frame ${index + 1} / ${n} · t = ${fmt(time)} s` : " no frames";
    this.el.dataset.frame = String(index);
  }

  /** Asks the kernel for frame `index` (nothing with no kernel); `playback` keeps the requests
   *  in flight. */
  private requestFrame(index: number, playback = false): void {
    if (!this.channel.live) return;
    const request = playback ? { index, playback } : { index };
    this.el.dataset.requestId = String(this.channel.send(request, playback));
  }

  private showReply(reply: FrameReply, buffers: DataView[]): void {
    const pixels = framePixels(reply.encoding === "uint16" ? reply.scale : null, buffers[0]!);
    const count = "codes" in pixels ? pixels.codes.length : pixels.length;
    if (count !== reply.shape[0] * reply.shape[1]) {
      this.setStatus(
        `Frame ${reply.index} has ${count} pixels, expected ${reply.shape[0]}×${reply.shape[1]}`,
        "error",
      );
      return;
    }
    if (!this.playing) {
      this.widenRange(reply.range);
      this.paintFrame(reply.index, reply.time, pixels, reply.shape, true);
      return;
    }
    // replies to requests in flight may overtake each other: an older frame is never shown
    if (reply.requestId > this.newestPlayedRequest) {
      this.newestPlayedRequest = reply.requestId;
      this.paintQueue.push({ reply, pixels });
      // a page that cannot paint as fast as frames arrive skips the oldest, not the newest
      if (this.paintQueue.length > PLAYBACK_IN_FLIGHT) this.paintQueue.shift();
      this.paintHandle ??= requestAnimationFrame(() => this.paintQueued());
    }
    this.scheduleNext();
  }

  /** Paints the oldest waiting playback frame (all but the newest when `last`), and asks for
   *  another animation frame while frames wait. */
  private paintQueued(last = false): void {
    this.paintHandle = undefined;
    const queued = last ? this.paintQueue.pop() : this.paintQueue.shift();
    if (last) this.paintQueue = [];
    if (!queued) return;
    const { reply, pixels } = queued;
    this.widenRange(reply.range);
    this.paintFrame(reply.index, reply.time, pixels, reply.shape, true);
    if (this.playing) this.link.setCursor(reply.time, false);
    if (this.paintQueue.length > 0)
      this.paintHandle = requestAnimationFrame(() => this.paintQueued());
  }

  private widenRange(range: [number, number]): void {
    const [lo, hi] = this.valueRange;
    if (range[0] < lo || range[1] > hi) {
      this.valueRange = [Math.min(lo, range[0]), Math.max(hi, range[1])];
      this.figure.controls.set(this.get("colormap"), this.get("contrast"), this.valueRange);
    }
  }

  private togglePlay(): void {
    if (this.playing) this.stop();
    else {
      this.playing = true;
      this.playButton.textContent = "❚❚ Pause";
      this.playStart = { index: this.shown + 1, at: performance.now() };
      this.lastPlayedStep = -1;
      this.newestPlayedRequest = -1;
      this.scheduleNext();
    }
  }

  /** Frames played since playback started, by the movie clock (`fps` frames per second). */
  private playedFrames(): number {
    const fps = Math.max(0.1, this.get("fps") || 10);
    return Math.floor(((performance.now() - this.playStart.at) * fps) / 1000);
  }

  /** Asks for the frame the movie clock has reached when it is due and fewer than
   *  PLAYBACK_IN_FLIGHT requests are travelling (else when a reply frees a place): frames the
   *  clock passed meanwhile are dropped, not queued. */
  private scheduleNext(): void {
    if (!this.playing || this.channel.inFlight >= PLAYBACK_IN_FLIGHT) return;
    const fps = Math.max(0.1, this.get("fps") || 10);
    const n = Math.max(1, this.get("frameCount"));
    const step = Math.max(this.playedFrames(), this.lastPlayedStep + 1);
    const delay = Math.max(0, this.playStart.at + (step * 1000) / fps - performance.now());
    clearTimeout(this.playTimer);
    this.playTimer = setTimeout(() => {
      if (!this.playing) return;
      this.lastPlayedStep = Math.max(step, this.playedFrames());
      this.requestFrame((this.playStart.index + this.lastPlayedStep) % n, true);
      this.scheduleNext();
    }, delay);
  }

  private stop(): void {
    if (!this.playing) return;
    this.playing = false;
    clearTimeout(this.playTimer);
    // the newest frame waiting for its animation frame is shown; frames still travelling are not
    if (this.paintHandle !== undefined) cancelAnimationFrame(this.paintHandle);
    this.paintQueued(true);
    this.channel.forgetPending();
    this.playButton.textContent = "▶ Play";
    if (this.shown >= 0) {
      this.setState({ frame: this.shown });
      this.link.setCursor(frameTime(this.clock(), this.shown));
    }
  }

  /** The kernel redrew the still figure (after a frame or cursor change) while the movie played:
   *  play on in this view, and retire the old one without the pause (which would sync its frame,
   *  make the kernel redraw again, and stop this view the same way). */
  protected override adoptDrawing(predecessor: TsnwbView<MovieState>): void {
    if (!(predecessor instanceof MovieView) || !predecessor.playing) return;
    predecessor.playing = false;
    clearTimeout(predecessor.playTimer);
    this.shown = predecessor.shown;
    this.togglePlay();
  }

  protected override release(): void {
    this.stop();
    this.channel.dispose();
    this.link.dispose();
  }

  override remove(): void {
    this.release();
    return super.remove();
  }
}

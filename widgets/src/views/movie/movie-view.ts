// MovieView: one frame at a time, fetched on demand (never the whole movie). Dragging the slider
// and playback ask for frames with FrameRequests (newer supersede older); when the slider is
// released or playback pauses, the synced `frame` is set and the kernel updates `frameImage`.
import type { FrameReply, FrameRequest, MovieState } from "../../../../contract/movie";
import { button, fmt, h } from "../../base/dom";
import { float32, ndarray } from "../../base/typed";
import { RequestChannel } from "../../base/request-channel";
import { TsnwbView } from "../../base/tsnwb-view";
import { ImagePane } from "../image/image-pane";
import { ImageControls } from "../image/image-controls";

export class MovieView extends TsnwbView<MovieState> {
  protected readonly kind = "movie";
  private pane!: ImagePane;
  private controls!: ImageControls;
  private slider!: HTMLInputElement;
  private playButton!: HTMLButtonElement;
  private roiToggle!: HTMLInputElement;
  private frameLabel!: HTMLElement;
  private channel!: RequestChannel<FrameRequest, FrameReply>;
  private playing = false;
  private playTimer: ReturnType<typeof setTimeout> | undefined;
  /** Frame shown now (from state or a reply). */
  private shown = -1;
  /** Span of the contrast sliders: the contrast widened by every frame's value range seen. */
  private valueRange: [number, number] = [0, 1];

  protected build(): void {
    this.pane = new ImagePane(520);
    this.controls = new ImageControls((colormap, contrast, final) => {
      this.pane.setDisplay(colormap, contrast);
      if (final) this.setState({ colormap, contrast });
    });
    this.playButton = button("▶ Play", () => this.togglePlay(), "tsnwb-play");
    this.slider = h("input", { class: "tsnwb-frame-slider", attrs: { type: "range", min: "0", step: "1" } });
    this.slider.style.width = "360px";
    this.slider.addEventListener("input", () => this.requestFrame(Number(this.slider.value)));
    this.slider.addEventListener("change", () => this.setState({ frame: Number(this.slider.value) }));
    this.frameLabel = h("span", { class: "tsnwb-frame-label" });
    this.roiToggle = h("input", { attrs: { type: "checkbox" } });
    this.roiToggle.addEventListener("change", () => this.setState({ showRois: this.roiToggle.checked }));
    this.toolbar.append(this.controls.element);
    const transport = h("div", { class: "tsnwb-toolbar tsnwb-transport" }, [
      this.playButton, this.slider, this.frameLabel, h("label", { text: " ROIs " }, [this.roiToggle]),
    ]);
    this.body.append(transport, this.pane.element);
    this.channel = new RequestChannel<FrameRequest, FrameReply>(this.model, "frame", "frame", {
      onReply: (reply, buffers) => this.showReply(reply, buffers),
      onError: (message) => {
        this.stop();
        this.setStatus(`The kernel could not read the frame: ${message}`, "error");
      },
      onConnection: (lost) => {
        if (lost) {
          this.stop();
          this.setStatus("Lost connection to the kernel: no frame arrived. Showing the last frame received.", "lost");
        } else this.setStatus("");
      },
    });
  }

  protected draw(changed: Set<keyof MovieState>): void {
    if (changed.has("frameSize")) this.pane.setSize(this.get("frameSize"));
    if (changed.has("frameCount")) {
      const n = this.get("frameCount");
      this.slider.max = String(Math.max(0, n - 1));
      this.slider.disabled = n < 2;
      this.playButton.disabled = n < 2 || !this.channel.live;
    }
    // `frame` alone changes when this view syncs the frame it already shows; pixels come with frameImage.
    if (changed.has("frameImage")) {
      const img = this.get("frameImage");
      try {
        const { shape, values } = ndarray(img);
        if (!this.playing) this.paintFrame(this.get("frame"), this.get("frameTime"), img ? values : null, img ? shape : [0, 0]);
      } catch (e) {
        this.setStatus((e as Error).message, "error");
      }
    }
    if (changed.has("colormap") || changed.has("contrast")) {
      const [lo, hi] = this.get("contrast");
      this.valueRange = [Math.min(this.valueRange[0], lo), Math.max(this.valueRange[1], hi)];
      this.controls.set(this.get("colormap"), this.get("contrast"), this.valueRange);
      this.pane.setDisplay(this.get("colormap"), this.get("contrast"));
    }
    if (changed.has("rois")) {
      try {
        this.pane.setRois(this.get("rois"));
      } catch (e) {
        this.setStatus((e as Error).message, "error");
      }
    }
    if (changed.has("showRois")) {
      this.roiToggle.checked = this.get("showRois");
      this.pane.setRoisVisible(this.get("showRois"));
    }
    if (!this.channel.live && changed.has("frameCount")) {
      this.slider.disabled = true;
      this.setStatus(`Saved view (no kernel): frame ${this.get("frame")} only.`, "static");
    }
  }

  private paintFrame(index: number, time: number, values: ArrayLike<number> | null, shape: number[]): void {
    this.shown = index;
    this.pane.setImage(values, shape[0], shape[1]);
    this.slider.value = String(index);
    const n = this.get("frameCount");
    this.frameLabel.textContent = n > 0 ? ` frame ${index + 1} / ${n} · t = ${fmt(time)} s` : " no frames";
    this.el.dataset.frame = String(index);
  }

  private requestFrame(index: number): void {
    if (!this.channel.live) return;
    const id = this.channel.send({ index });
    this.el.dataset.requestId = String(id);
  }

  private showReply(reply: FrameReply, buffers: DataView[]): void {
    const pixels = float32(buffers[0]);
    if (pixels.length !== reply.shape[0] * reply.shape[1]) {
      this.setStatus(`Frame ${reply.index} has ${pixels.length} pixels, expected ${reply.shape[0]}×${reply.shape[1]}`, "error");
      return;
    }
    this.widenRange(reply.range);
    this.paintFrame(reply.index, reply.time, pixels, reply.shape);
    if (this.playing) this.scheduleNext();
  }

  private widenRange(range: [number, number]): void {
    const [lo, hi] = this.valueRange;
    if (range[0] < lo || range[1] > hi) {
      this.valueRange = [Math.min(lo, range[0]), Math.max(hi, range[1])];
      this.controls.set(this.get("colormap"), this.get("contrast"), this.valueRange);
    }
  }

  private togglePlay(): void {
    if (this.playing) this.stop();
    else {
      this.playing = true;
      this.playButton.textContent = "❚❚ Pause";
      this.requestFrame((this.shown + 1) % Math.max(1, this.get("frameCount")));
    }
  }

  private scheduleNext(): void {
    const delay = 1000 / Math.max(0.1, this.get("fps") || 10);
    clearTimeout(this.playTimer);
    this.playTimer = setTimeout(() => {
      if (this.playing) this.requestFrame((this.shown + 1) % Math.max(1, this.get("frameCount")));
    }, delay);
  }

  private stop(): void {
    if (!this.playing) return;
    this.playing = false;
    clearTimeout(this.playTimer);
    this.playButton.textContent = "▶ Play";
    if (this.shown >= 0) this.setState({ frame: this.shown });
  }


  protected override release(): void {
    this.stop();
    this.channel.dispose();
  }

  override remove(): void {
    this.release();
    return super.remove();
  }
}

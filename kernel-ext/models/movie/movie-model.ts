// The kernel half of MovieView: frames on demand (one per request, newest request wins, except
// during playback, which keeps a few in flight), the current frame kept in state for figures and
// kernel-less pages, and an ROI overlay.
import type { Colormap, ErrorReply, SupersededReply } from "../../../contract/common.js";
import {
  encodeFrame,
  type EncodedFrame,
  type FrameReply,
  type FrameRequest,
  type MovieState,
} from "../../../contract/movie.js";
import { NO_ROIS, type RoiContours } from "../../../contract/roi.js";
import { Widget } from "../../kernel/widget/widget.js";
import { defaultContrast, finiteRange } from "../image-stats.js";
import { widgetSpec } from "../spec.js";
import { Supersession, yieldToEventLoop } from "../supersession.js";
import type { FrameSource } from "./frame-source.js";
import { buildPreview } from "./movie-preview.js";

export interface MovieViewOptions {
  title?: string;
  source?: { path: string; neurodataType: string };
  rois?: RoiContours;
  /** ROI ids to outline as highlighted. */
  highlighted?: number[];
  colormap?: Colormap;
  frame?: number;
  fps?: number;
  messages?: string[];
}

export type FrameAnswer = {
  content: FrameReply | SupersededReply | ErrorReply;
  buffers: ArrayBufferView[];
};

export class MovieModel extends Widget<MovieState> {
  private readonly frames: FrameSource;
  private readonly requests = new Supersession();
  private shownGeneration = 0;
  private preview: Promise<void> | undefined;

  private constructor(state: MovieState, frames: FrameSource) {
    super(widgetSpec("movie"), state);
    this.frames = frames;
    this.answerRequests((request) => this.answer(request));
    this.onChange((changed, origin) => {
      if (changed.frame !== undefined && origin === "frontend") void this.showFrame(changed.frame);
      // a linked movie carries preview frames, so a saved page can follow the cursor
      if (changed.timeLink) void this.loadPreview();
    });
  }

  static async create(frames: FrameSource, options: MovieViewOptions = {}): Promise<MovieModel> {
    const messages = [...(options.messages ?? [])];
    const n = frames.frameCount;
    const index = Math.min(Math.max(0, Math.floor(options.frame ?? 0)), Math.max(0, n - 1));
    let shown: Pick<MovieState, "frameImage" | "frameScale"> = {
      frameImage: null,
      frameScale: null,
    };
    let contrast: [number, number] = [0, 1];
    let frameTime = frames.startTime;
    if (n === 0) messages.push("the movie has no frames");
    else {
      const px = await frames.frame(index);
      shown = frameInState(await encodedFrame(frames, index, { lossless: true }), frames.frameSize);
      contrast = defaultContrast(px);
      frameTime = await frames.timeOf(index);
      if (!finiteRange(px)) messages.push(`frame ${index} has no finite pixel values`);
    }
    if (frames.rate === null && n > 1)
      messages.push("no frame rate: playback steps one frame per tick");
    // Irregular frames: the view finds the frame at a linked cursor from every frame's time.
    let frameTimes: Float64Array | null = null;
    if (frames.rate === null && n > 0)
      frameTimes = frames.frameTimes
        ? await frames.frameTimes()
        : Float64Array.from(
            await Promise.all(Array.from({ length: n }, (_, i) => frames.timeOf(i))),
          );
    const state: MovieState = {
      title: options.title ?? "",
      source: options.source ?? { path: "", neurodataType: "" },
      messages,
      frameCount: n,
      frameSize: frames.frameSize,
      rate: frames.rate,
      startTime: frames.startTime,
      frameTimes,
      timeLink: null,
      cursor: null,
      frame: index,
      ...shown,
      frameTime,
      fps: options.fps ?? Math.min(30, frames.rate ?? 10),
      colormap: options.colormap ?? "gray",
      contrast,
      rois: options.rois ?? NO_ROIS,
      showRois: (options.rois?.ids.length ?? 0) > 0,
      previewFrames: null,
      highlighted: options.highlighted ?? [],
    };
    return new MovieModel(state, frames);
  }

  /** Moves to frame `index` (what the slider does), loading its pixels into state. */
  async showFrame(index: number): Promise<void> {
    const n = this.frames.frameCount;
    if (!Number.isInteger(index) || index < 0 || index >= n)
      throw new RangeError(`MovieView: frame index must be an integer in [0, ${n}), got ${index}`);
    const generation = ++this.shownGeneration;
    const encoded = await encodedFrame(this.frames, index, { lossless: true });
    const time = await this.frames.timeOf(index);
    if (generation !== this.shownGeneration) return;
    this.set({ frame: index, ...frameInState(encoded, this.frames.frameSize), frameTime: time });
  }

  /** Puts the preview frames (contract/movie-preview.ts) into state; read once, on first call. */
  loadPreview(): Promise<void> {
    this.preview ??= this.prepare(
      buildPreview(this.frames).then(
        (previewFrames) => {
          if (!this.closed) this.set({ previewFrames });
        },
        (e: Error) => {
          this.set({ messages: [...this.state.messages, `no preview frames: ${e.message}`] });
        },
      ),
    );
    return this.preview;
  }

  /** Answers a frame request (reply + the frame's pixels, encoded). */
  async answer(request: unknown): Promise<FrameAnswer> {
    const req = request as Partial<FrameRequest>;
    const requestId = typeof req?.requestId === "number" ? req.requestId : -1;
    const n = this.frames.frameCount;
    const fail = (message: string): FrameAnswer => ({
      content: { type: "error", requestType: "frame", requestId, message },
      buffers: [],
    });
    if (req?.type !== "frame")
      return fail(`expected a request of type "frame", got ${JSON.stringify(req?.type)}`);
    if (requestId < 0) return fail("requestId: expected a number ≥ 0");
    if (
      typeof req.index !== "number" ||
      !Number.isInteger(req.index) ||
      req.index < 0 ||
      req.index >= n
    ) {
      return fail(
        `index: expected an integer frame index in [0, ${n}), got ${JSON.stringify(req.index)}`,
      );
    }
    // playback keeps several frames in flight: each is answered, none supersedes another
    const ticket =
      req.playback === true
        ? { requestId, supersededBy: undefined }
        : this.requests.begin(requestId);
    await yieldToEventLoop();
    const superseded = (): FrameAnswer => ({
      content: {
        type: "superseded",
        requestType: "frame",
        requestId,
        supersededBy: ticket.supersededBy!,
      },
      buffers: [],
    });
    if (ticket.supersededBy !== undefined) return superseded();
    try {
      const { pixels, scale, range } = await encodedFrame(this.frames, req.index);
      const time = await this.frames.timeOf(req.index);
      if (ticket.supersededBy !== undefined) return superseded();
      const content: FrameReply = {
        type: "frame",
        requestId,
        index: req.index,
        time,
        shape: [...this.frames.frameSize],
        range,
      };
      if (!scale) return { content, buffers: [pixels] };
      return { content: { ...content, encoding: "uint16", scale }, buffers: [pixels] };
    } catch (e) {
      return fail(`frame ${req.index}: ${(e as Error).message}`);
    }
  }
}

/** Frame `index` as it travels, with its finite range: the stored codes when the source has
 *  them (no conversion), else its Float32 pixels encoded (`lossless`: as Float32 unless exact). */
async function encodedFrame(
  frames: FrameSource,
  index: number,
  options: { lossless?: boolean } = {},
): Promise<EncodedFrame & { range: [number, number] }> {
  const coded = await frames.codedFrame?.(index);
  if (coded) return coded;
  const pixels = await frames.frame(index);
  const range = finiteRange(pixels) ?? [0, 0];
  return { ...encodeFrame(pixels, range, options), range };
}

/** A frame as state holds it: exact, in codes when it can be (half the bytes of Float32 for
 *  every cursor move that lands on a new frame). Figures and saved pages read this copy. */
function frameInState(
  { pixels, scale }: EncodedFrame,
  size: [number, number],
): Pick<MovieState, "frameImage" | "frameScale"> {
  return {
    frameImage: { dtype: scale ? "uint16" : "float32", shape: [...size], data: pixels },
    frameScale: scale,
  };
}

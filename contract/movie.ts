// MovieView: a TwoPhotonSeries (or any ImageSeries) with play/pause, a frame slider and an ROI
// overlay. Frames are fetched on demand, one per request — the whole movie never travels.
import type { BaseState, ErrorReply, NdArray, SupersededReply } from "./common.js";
import type { MoviePreview } from "./movie-preview.js";
import type { ImageDisplay, RoiContours } from "./roi.js";
import type { TimeLinkMemberState } from "./time-link.js";

export interface MovieState extends BaseState, ImageDisplay, TimeLinkMemberState {
  frameCount: number;
  /** [height, width] in pixels. */
  frameSize: [number, number];
  /** Frame rate in Hz (from `rate` or the timestamps' median step); null when unknown. */
  rate: number | null;
  /** Time of frame 0 (s). */
  startTime: number;
  /** Float64 time of every frame (s) when the series has timestamps; null when frames are regular
   *  (`startTime + i / rate`). What a linked view finds the frame at the cursor with. */
  frameTimes: ArrayBufferView | null;
  /** Current frame index; synced. The view sets it when the slider moves or playback pauses; the
   *  kernel then updates `frameImage`. During playback the view uses FrameRequests instead. */
  frame: number;
  /** The pixels of frame `frame`, float32 [height, width] (what a static page and a figure show);
   *  null when the movie has no frames. */
  frameImage: NdArray | null;
  /** Time of frame `frame` (s). */
  frameTime: number;
  /** Playback speed in frames per second the view aims for; synced. */
  fps: number;
  /** ROI outlines to overlay (empty when the movie has no segmentation). */
  rois: RoiContours;
  showRois: boolean;
  /** Decimated 8-bit frames for pages without a kernel (contract/movie-preview.ts); the kernel
   *  adds them when the movie joins a time link, null before. */
  previewFrames: MoviePreview | null;
  /** ROI ids outlined as highlighted (the recorded cell in a recording dashboard); default none. */
  highlighted: number[];
}

/** View → kernel: send frame `index`. A newer request supersedes an unfinished older one. */
export interface FrameRequest {
  type: "frame";
  requestId: number;
  index: number;
}

/** Kernel → view. buffers[0]: Float32 [height, width] pixels of frame `index`. */
export interface FrameReply {
  type: "frame";
  requestId: number;
  index: number;
  time: number;
  /** [height, width]. */
  shape: [number, number];
  /** Finite min and max of this frame. */
  range: [number, number];
}

export type MovieRequest = FrameRequest;
export type MovieReply = FrameReply | SupersededReply | ErrorReply;

// The kernel half of TraceView: lanes on one time axis, answering the view's window requests with
// one decimated buffer per lane. Linking a RoiView adds a lane per selected ROI.
import type { WidgetRef } from "../../../contract/common.js";
import type { LaneSlice, TraceLane, TraceState } from "../../../contract/trace.js";
import { Widget, widgetReference } from "../../kernel/widget/widget.js";
import { forgetLinkedTrace, recordLinkedTrace } from "../roi/linked-traces.js";
import { widgetSpec } from "../spec.js";
import { DEFAULT_OVERVIEW_PIXELS, LaneSet, type LaneInput } from "./lane-set.js";

export interface TraceViewOptions {
  title?: string;
  source?: { path: string; neurodataType: string };
  /** Width the overviews are decimated to (default 2000). */
  overviewPixels?: number;
  /** Initial visible window (default: everything). */
  xRange?: [number, number];
  messages?: string[];
}

/** The lane of one ROI id, or undefined when there is no trace for it. */
export type RoiTraceLookup = (
  roiId: number,
) => LaneInput | undefined | Promise<LaneInput | undefined>;

/** What a linked ROI view must offer (RoiModel does). */
export interface SelectableRois {
  readonly modelId: string;
  get(key: "selected"): number[];
  onChange(
    listener: (changed: { selected?: number[] }, origin: "frontend" | "kernel") => void,
  ): () => void;
}

export class TraceModel extends Widget<TraceState> {
  private readonly laneSet: LaneSet;
  private baseInputs: LaneInput[];
  private unlink: (() => void) | undefined;
  private linkedRois: SelectableRois | undefined;
  private relinkGeneration = 0;

  private constructor(state: TraceState, laneSet: LaneSet, inputs: LaneInput[]) {
    super(widgetSpec("trace"), state);
    this.laneSet = laneSet;
    this.baseInputs = inputs;
    this.answerRequests((request) => this.laneSet.answer(request));
  }

  static async create(lanes: LaneInput[], options: TraceViewOptions = {}): Promise<TraceModel> {
    const laneSet = new LaneSet();
    const overviewPixels = options.overviewPixels ?? DEFAULT_OVERVIEW_PIXELS;
    const { lanes: built, fullRange } = await laneSet.build(lanes, overviewPixels);
    const messages = [...(options.messages ?? [])];
    if (lanes.length === 0) messages.push("nothing to draw: no lanes");
    const state: TraceState = {
      title: options.title ?? "",
      source: options.source ?? { path: "", neurodataType: "" },
      messages,
      lanes: built,
      fullRange,
      xRange: options.xRange ?? fullRange,
      yRanges: {},
      overviewPixels,
      roiView: null,
      timeLink: null,
      cursor: null,
    };
    return new TraceModel(state, laneSet, lanes);
  }

  /** Answers a window request as the view would send it (the reply and its buffers). */
  window(request: unknown): ReturnType<LaneSet["answer"]> {
    return this.laneSet.answer(request);
  }

  /** Slices of all lanes for the current xRange at `pixels` (what a figure of the view shows). */
  currentSlices(pixels: number): Promise<Record<string, LaneSlice>> {
    return this.laneSet.slicesByLane(this.state.xRange, pixels);
  }

  /** Shows a lane per ROI selected in `rois`, kept in step with its selection. `traceOf` gives the
   *  lane of one ROI id (undefined when there is no trace for it). */
  async linkRoiView(rois: SelectableRois, traceOf: RoiTraceLookup): Promise<void> {
    this.unlink?.();
    if (this.linkedRois) forgetLinkedTrace(this.linkedRois, this);
    this.linkedRois = rois;
    recordLinkedTrace(rois, this);
    this.unlink = rois.onChange((changed) => {
      if (changed.selected) void this.showRois(changed.selected, traceOf);
    });
    this.set({ roiView: widgetReference(rois) as WidgetRef });
    await this.showRois(rois.get("selected"), traceOf);
  }

  private async showRois(selected: number[], traceOf: RoiTraceLookup): Promise<void> {
    const generation = ++this.relinkGeneration;
    const missing: number[] = [];
    const roiLanes: LaneInput[] = [];
    for (const id of selected) {
      const lane = await traceOf(id);
      if (lane) roiLanes.push({ ...lane, id: `roi:${id}`, roiId: id });
      else missing.push(id);
    }
    const { lanes, fullRange } = await this.laneSet.build(
      [...this.baseInputs, ...roiLanes],
      this.state.overviewPixels,
    );
    if (generation !== this.relinkGeneration) return; // a newer selection is being drawn
    const messages = this.state.messages.filter((m) => !m.startsWith("no trace for ROI"));
    if (missing.length) messages.push(`no trace for ROI ${missing.join(", ")}`);
    this.set({ lanes, fullRange, messages });
  }

  override close(): void {
    this.unlink?.();
    if (this.linkedRois) forgetLinkedTrace(this.linkedRois, this);
    super.close();
  }
}

/** Lanes currently shown, by id (for tests and figures). */
export function laneById(state: TraceState, id: string): TraceLane | undefined {
  return state.lanes.find((l) => l.id === id);
}

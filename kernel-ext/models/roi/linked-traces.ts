// Which TraceView models show a RoiView's selection (TraceModel.linkRoiView records them), so a time
// link given the RoiView moves the windows and cursors of those traces.
import type { TraceState } from "../../../contract/trace.js";
import type { Widget } from "../../kernel/widget/widget.js";

const LINKED = new WeakMap<object, Set<Widget<TraceState>>>();

/** Records that `trace` shows the selection of `rois`. */
export function recordLinkedTrace(rois: object, trace: Widget<TraceState>): void {
  const set = LINKED.get(rois) ?? new Set();
  set.add(trace);
  LINKED.set(rois, set);
}

/** Forgets that `trace` shows the selection of `rois`. */
export function forgetLinkedTrace(rois: object, trace: Widget<TraceState>): void {
  LINKED.get(rois)?.delete(trace);
}

/** The open TraceView models showing the selection of `rois`, in the order they were linked. */
export function linkedTracesOf(rois: object): Widget<TraceState>[] {
  return [...(LINKED.get(rois) ?? [])].filter((t) => !t.closed);
}

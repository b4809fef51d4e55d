// Spike times inferred by the trained model (analysis/inference/model) from a ΔF/F
// RoiResponseSeries, as one event lane per shown ROI, so a trace view of ΔF/F shows where the
// model puts the spikes. A ground-truth recording (converted from the CASCADE collection) is
// inferred by the cross-validation model that never saw its dataset: the ticks are what the model
// does on a cell it was not trained on, not a replay of its training data.
import { inferSpikes } from "../../analysis/inference/model/infer-spikes.js";
import { groundTruthDatasetOf } from "../../analysis/inference/model/ground-truth-dataset.js";
import type { TimeSeries } from "../../nwb/neurodata/base/time-series.js";
import { EventLaneSource } from "../trace/lane-source.js";
import type { LaneInput } from "../trace/lane-set.js";

/** Whether `ts` holds ΔF/F: a RoiResponseSeries inside a DfOverF container. */
export function isDfOverFSeries(ts: TimeSeries): boolean {
  if (ts.neurodataType !== "RoiResponseSeries") return false;
  const parentPath = ts.path.slice(0, ts.path.lastIndexOf("/")) || "/";
  return ts.ctx.find(parentPath)?.neurodataType === "DfOverF";
}

/** The recording's session description, when the file has one. */
function sessionDescriptionOf(ts: TimeSeries): string | undefined {
  const root = ts.ctx.find("/");
  return root && "sessionDescription" in root
    ? (root as { sessionDescription?: string }).sessionDescription
    : undefined;
}

/**
 * One event lane of inferred spike times per column in `columns` (ROIs of a ΔF/F series), and the
 * messages to show: the model used (and that a ground-truth cell gets its fold model), and the
 * inference's warnings (frame rate or noise level outside the trained range). A column the model
 * cannot take (too short) gets no lane and a message saying why.
 */
export async function inferredSpikeLanes(
  ts: TimeSeries,
  columns: readonly number[],
): Promise<{ lanes: LaneInput[]; messages: string[] }> {
  const width = ts.data.ndim > 1 ? ts.data.shape[1]! : 1;
  const notTrainedOn = groundTruthDatasetOf(sessionDescriptionOf(ts));
  const lanes: LaneInput[] = [];
  const messages: string[] = [];
  for (const c of columns) {
    const window = await ts.readAll(width > 1 ? { select: [c] } : {});
    const roi = width > 1 ? ` [${c}]` : "";
    try {
      const result = inferSpikes(window.signal(), { notTrainedOn, onWarning: () => {} });
      lanes.push({
        id: `inferred${c}`,
        label: `${ts.name}${roi}: spikes inferred (${result.model.id})`,
        source: new EventLaneSource(result.spikeTimes, "inferred spikes"),
      });
      if (lanes.length === 1)
        messages.push(
          `spikes inferred by the trained model ${result.model.id}` +
            (result.model.heldOut
              ? ` (not trained on ${result.model.heldOut}, the ground-truth dataset of this recording)`
              : ""),
        );
      for (const w of result.warnings) messages.push(`${ts.name}${roi}: ${w}`);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      messages.push(`${ts.name}${roi}: no inferred spikes: ${e.message}`);
    }
  }
  return { lanes, messages };
}

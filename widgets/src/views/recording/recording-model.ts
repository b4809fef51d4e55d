import type { ObjectHash } from "backbone";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class RecordingModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults("recording", {
        panels: { movie: null, voltage: null, dff: null, raster: null },
        missing: [],
        spikeTimes: new Float64Array(0),
        spikeSource: "",
        eventTimes: new Float64Array(0),
        eventEnds: new Float64Array(0),
        eventApCounts: new Int32Array(0),
        eventPeakDff: new Float64Array(0),
        eventRise: new Float64Array(0),
        eventDecay: new Float64Array(0),
        eventRiseResolved: new Uint8Array(0),
        frameInterval: null,
        eventWindow: [0.5, 2],
        indicator: "GCaMP6s",
        timeLink: null,
        cursor: null,
      }),
    };
  }
}

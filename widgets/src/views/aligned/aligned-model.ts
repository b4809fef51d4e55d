import type { ObjectHash } from "backbone";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class AlignedModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults("aligned", {
        lags: new Float32Array(0),
        window: [-0.5, 1],
        signal: { label: "", unit: "" },
        alignment: { label: "", eventCount: 0 },
        trials: [],
        traces: new Float32Array(0),
        groups: [],
        columns: [],
        groupBy: null,
        sortBy: null,
        valueRange: [0, 1],
        timeLink: null,
        cursor: null,
      }),
    };
  }
}

import type { ObjectHash } from "backbone";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class CouplingModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults("coupling", {
        mode: "cell",
        cells: [],
        cellIndex: 0,
        lanes: [],
        fullRange: [0, 1],
        xRange: [0, 1],
        overviewPixels: 0,
        lags: new Float32Array(0),
        window: [-0.5, 2],
        burstGap: 0.02,
        isolation: 1,
        groups: [],
        events: { trials: [], traces: new Float32Array(0), groups: [], valueRange: [0, 1] },
        timeLink: null,
        cursor: null,
      }),
    };
  }
}

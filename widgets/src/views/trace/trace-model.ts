import type { ObjectHash } from "backbone";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class TraceModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults("trace", {
        lanes: [],
        fullRange: [0, 1],
        xRange: [0, 1],
        yRanges: {},
        overviewPixels: 0,
        roiView: null,
        timeLink: null,
        cursor: null,
      }),
    };
  }
}

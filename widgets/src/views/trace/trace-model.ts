import type { ObjectHash } from "backbone";
import { WIDGET_NAMES } from "../../../../contract/common";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class TraceModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults(WIDGET_NAMES.trace.modelName, WIDGET_NAMES.trace.viewName),
      lanes: [],
      fullRange: [0, 1],
      xRange: [0, 1],
      yRanges: {},
      overviewPixels: 0,
      roiView: null,
    };
  }
}

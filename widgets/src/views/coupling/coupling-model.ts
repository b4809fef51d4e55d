import type { ObjectHash } from "backbone";
import { WIDGET_NAMES } from "../../../../contract/common";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class CouplingModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults(WIDGET_NAMES.coupling.modelName, WIDGET_NAMES.coupling.viewName),
      mode: "cell",
      cells: [],
      cellIndex: 0,
      lanes: [],
      fullRange: [0, 1],
      xRange: [0, 1],
      overviewPixels: 0,
      lags: null,
      window: [-0.5, 2],
      burstGap: 0.02,
      isolation: 1,
      groups: [],
    };
  }
}

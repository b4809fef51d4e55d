import type { ObjectHash } from "backbone";
import { WIDGET_NAMES } from "../../../../contract/common";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class RoiModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults(WIDGET_NAMES.roi.modelName, WIDGET_NAMES.roi.viewName),
      image: null,
      imageSize: [1, 1],
      imageKind: "mean",
      imageKinds: [],
      imageRange: [0, 1],
      colormap: "gray",
      contrast: [0, 1],
      rois: { ids: [], points: null, ringOffsets: null, roiOffsets: null },
      columns: [],
      selected: [],
    };
  }
}

import type { ObjectHash } from "backbone";
import { NO_ROIS } from "../../../../contract/roi";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class RoiModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults("roi", {
        image: null,
        imageSize: [1, 1],
        imageKind: "mean",
        imageKinds: [],
        imageRange: [0, 1],
        colormap: "gray",
        contrast: [0, 1],
        rois: NO_ROIS,
        columns: [],
        selected: [],
      }),
    };
  }
}

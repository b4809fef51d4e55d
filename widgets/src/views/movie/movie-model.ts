import type { ObjectHash } from "backbone";
import { WIDGET_NAMES } from "../../../../contract/common";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class MovieModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults(WIDGET_NAMES.movie.modelName, WIDGET_NAMES.movie.viewName),
      frameCount: 0,
      frameSize: [1, 1],
      rate: null,
      startTime: 0,
      frame: 0,
      frameImage: null,
      frameTime: 0,
      fps: 10,
      colormap: "gray",
      contrast: [0, 1],
      rois: { ids: [], points: null, ringOffsets: null, roiOffsets: null },
      showRois: true,
    };
  }
}

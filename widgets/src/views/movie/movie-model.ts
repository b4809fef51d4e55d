import type { ObjectHash } from "backbone";
import { NO_ROIS } from "../../../../contract/roi";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class MovieModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults("movie", {
        frameCount: 0,
        frameSize: [1, 1],
        rate: null,
        startTime: 0,
        frameTimes: null,
        timeLink: null,
        cursor: null,
        frame: 0,
        frameImage: null,
        frameScale: null,
        frameTime: 0,
        fps: 10,
        colormap: "gray",
        contrast: [0, 1],
        rois: NO_ROIS,
        showRois: true,
        previewFrames: null,
        highlighted: [],
      }),
    };
  }
}

import type { ObjectHash } from "backbone";
import { WIDGET_NAMES } from "../../../../contract/common";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class RasterModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults(WIDGET_NAMES.raster.modelName, WIDGET_NAMES.raster.viewName),
      mode: "units",
      rows: [],
      spikeTimes: null,
      rowOffsets: null,
      xRange: [0, 1],
      binSize: 0.05,
      psth: { start: 0, binSize: 0.05, rate: null },
      alignment: null,
      units: [],
      unitIndex: 0,
    };
  }
}

import type { ObjectHash } from "backbone";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class RasterModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults("raster", {
        mode: "units",
        rows: [],
        spikeTimes: new Float64Array(0),
        rowOffsets: Uint32Array.of(0),
        xRange: [0, 1],
        visibleRange: null,
        timeLink: null,
        cursor: null,
        binSize: 0.05,
        psth: { start: 0, binSize: 0.05, rate: new Float32Array(0) },
        alignment: null,
        units: [],
        unitIndex: 0,
        columns: [],
        groupBy: null,
        sortBy: null,
        groups: [],
      }),
    };
  }
}

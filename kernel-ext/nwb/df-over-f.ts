// NWB DfOverF: dF/F traces, as RoiResponseSeries children.
import { MultiContainerInterface } from "./multi-container-interface.js";
import type { RoiResponseSeries } from "./roi-response-series.js";

export class DfOverF extends MultiContainerInterface<RoiResponseSeries> {
  get roiResponseSeries(): Map<string, RoiResponseSeries> {
    return this.itemsOf("RoiResponseSeries");
  }
}

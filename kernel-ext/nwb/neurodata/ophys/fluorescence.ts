// NWB Fluorescence: raw fluorescence traces, as RoiResponseSeries children.
import { MultiContainerInterface } from "../base/multi-container-interface.js";
import type { NamedObjects } from "../../named-objects.js";
import type { RoiResponseSeries } from "./roi-response-series.js";

export class Fluorescence extends MultiContainerInterface<RoiResponseSeries> {
  get roiResponseSeries(): NamedObjects<RoiResponseSeries> {
    return this.itemsOf("RoiResponseSeries");
  }
}

// NWB FilteredEphys: filtered ephys traces, as ElectricalSeries children.
import { MultiContainerInterface } from "../base/multi-container-interface.js";
import type { NamedObjects } from "../../named-objects.js";
import type { ElectricalSeries } from "./electrical-series.js";

export class FilteredEphys extends MultiContainerInterface<ElectricalSeries> {
  get electricalSeries(): NamedObjects<ElectricalSeries> {
    return this.itemsOf("ElectricalSeries");
  }
}

// NWB FilteredEphys: filtered ephys traces, as ElectricalSeries children.
import { MultiContainerInterface } from "./multi-container-interface.js";
import type { ElectricalSeries } from "./electrical-series.js";

export class FilteredEphys extends MultiContainerInterface<ElectricalSeries> {
  get electricalSeries(): Map<string, ElectricalSeries> {
    return this.itemsOf("ElectricalSeries");
  }
}

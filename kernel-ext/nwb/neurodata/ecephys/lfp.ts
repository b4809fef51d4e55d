// NWB LFP: local field potentials, as ElectricalSeries children.
import { MultiContainerInterface } from "../base/multi-container-interface.js";
import type { NamedObjects } from "../../named-objects.js";
import type { ElectricalSeries } from "./electrical-series.js";

export class LFP extends MultiContainerInterface<ElectricalSeries> {
  get electricalSeries(): NamedObjects<ElectricalSeries> {
    return this.itemsOf("ElectricalSeries");
  }
}

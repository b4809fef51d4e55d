// NWB ProcessingModule: a named collection of processed-data interfaces (ecephys, ophys, …).
import { NWBContainer } from "./nwb-container.js";
import type { H5Object, DisplayField } from "../../h5-object.js";
import type { NamedObjects } from "../../named-objects.js";

export class ProcessingModule extends NWBContainer {
  /** The module's data interfaces by name. */
  get dataInterfaces(): NamedObjects<H5Object> {
    return this.typedChildren();
  }

  override displayFields(): DisplayField[] {
    return [
      ...super.displayFields(),
      ["description", this.description],
      ["interfaces", [...this.dataInterfaces.keys()].join(", ")],
    ];
  }
}

// The NWB "container of series/tables" interfaces (LFP, FilteredEphys, Fluorescence, DfOverF,
// ImageSegmentation, …): a group holding several typed children of one kind.
import { NWBContainer } from "./nwb-container.js";
import type { H5Object, DisplayField } from "../../h5-object.js";
import type { NamedObjects } from "../../named-objects.js";

export class MultiContainerInterface<T extends H5Object = H5Object> extends NWBContainer {
  /** The typed children of the expected kind, by name. */
  protected itemsOf(type: string): NamedObjects<T> {
    return this.childrenWhere((o): o is T => o.ancestors.includes(type));
  }

  /** The contained items by name (all typed children). */
  get items(): NamedObjects<H5Object> {
    return this.typedChildren();
  }

  override displayFields(): DisplayField[] {
    return [...super.displayFields(), ["contains", [...this.items.keys()].join(", ")]];
  }
}

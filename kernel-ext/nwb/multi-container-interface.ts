// The NWB "container of series/tables" interfaces (LFP, FilteredEphys, Fluorescence, DfOverF,
// ImageSegmentation, …): a group holding several typed children of one kind.
import { NWBContainer } from "./nwb-container.js";
import type { H5Object, DisplayField } from "./h5-object.js";

export class MultiContainerInterface<T extends H5Object = H5Object> extends NWBContainer {
  /** The typed children of the expected kind, by name. */
  protected itemsOf(type: string): Map<string, T> {
    const m = new Map<string, T>();
    for (const [k, o] of this.typedChildren()) if (o.ancestors.includes(type)) m.set(k, o as T);
    return m;
  }

  /** The contained items by name (all typed children). */
  get items(): Map<string, H5Object> {
    return this.typedChildren();
  }

  override displayFields(): DisplayField[] {
    return [...super.displayFields(), ["contains", [...this.items.keys()].join(", ")]];
  }
}

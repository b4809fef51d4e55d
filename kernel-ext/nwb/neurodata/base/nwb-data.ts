// Any typed NWB dataset (NWBData, hdmf-common Data, or an extension type without a class).
import { LazyDataset, type DisplayField } from "../../h5-object.js";

export class NWBData extends LazyDataset {
  get description(): string | undefined {
    return this.attrString("description");
  }

  override displayFields(): DisplayField[] {
    const f = super.displayFields();
    const ns = this.namespace;
    if (ns) f.push(["namespace", ns]);
    return f;
  }
}

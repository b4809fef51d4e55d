// Any typed NWB group (NWBContainer, NWBDataInterface, or an extension type without a class of
// its own): children, attributes and type information are all reachable through it.
import { Group, type DisplayField } from "../../h5-object.js";

export class NWBContainer extends Group {
  get description(): string | undefined {
    return this.attrString("description");
  }

  override displayFields(): DisplayField[] {
    const f: DisplayField[] = [];
    const ns = this.namespace;
    if (ns) f.push(["namespace", ns]);
    const anc = this.ancestors;
    if (anc.length > 1) f.push(["inherits", anc.slice(1).join(" → ")]);
    return f;
  }
}

// NWB Device: an instrument (amplifier, microscope, probe).
import { NWBContainer } from "../base/nwb-container.js";
import type { DisplayField } from "../../h5-object.js";

export class Device extends NWBContainer {
  get manufacturer(): string | undefined {
    return this.attrString("manufacturer");
  }

  override displayFields(): DisplayField[] {
    return [
      ...super.displayFields(),
      ["description", this.description],
      ["manufacturer", this.manufacturer],
    ];
  }
}

// NWB ElectrodeGroup: a set of electrodes on one device at one location.
import { NWBContainer } from "../base/nwb-container.js";
import { Device } from "../device/device.js";
import { displayValue, type DisplayField } from "../../h5-object.js";

export class ElectrodeGroup extends NWBContainer {
  get location(): string | undefined {
    return this.attrString("location");
  }

  get device(): Device {
    return this.typed("device", Device, "a link 'device' to a Device");
  }

  override displayFields(): DisplayField[] {
    const device = displayValue(() => this.device.name);
    return [
      ...super.displayFields(),
      ["description", this.description],
      ["location", this.location],
      ["device", device],
    ];
  }
}

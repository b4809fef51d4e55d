// NWB ImagingPlane: where and how a plane was imaged (indicator, excitation, rate, device,
// optical channels, coordinates).
import { NWBContainer } from "../base/nwb-container.js";
import { OpticalChannel } from "./optical-channel.js";
import { Device } from "../device/device.js";
import { displayValue, type DisplayField, type LazyDataset } from "../../h5-object.js";

export class ImagingPlane extends NWBContainer {
  override get description(): string | undefined {
    return this.scalarString("description") ?? this.attrString("description");
  }

  /** Excitation wavelength (nm). */
  get excitationLambda(): number | undefined {
    return this.scalarNumber("excitation_lambda");
  }

  /** Frame rate (Hz). */
  get imagingRate(): number | undefined {
    return this.scalarNumber("imaging_rate");
  }

  get indicator(): string | undefined {
    return this.scalarString("indicator");
  }

  get location(): string | undefined {
    return this.scalarString("location");
  }

  get referenceFrame(): string | undefined {
    return this.scalarString("reference_frame");
  }

  get device(): Device {
    return this.typed("device", Device, "a link 'device' to the imaging Device");
  }

  /** The plane's optical channels (children of type OpticalChannel). */
  get opticalChannels(): OpticalChannel[] {
    return this.children().filter((c): c is OpticalChannel => c instanceof OpticalChannel);
  }

  get manifold(): LazyDataset | undefined {
    return this.optionalDataset("manifold");
  }

  get originCoords(): LazyDataset | undefined {
    return this.optionalDataset("origin_coords");
  }

  get gridSpacing(): LazyDataset | undefined {
    return this.optionalDataset("grid_spacing");
  }

  override displayFields(): DisplayField[] {
    const device = displayValue(() => this.device.name);
    return [
      ...super.displayFields(),
      ["description", this.description],
      ["indicator", this.indicator],
      ["location", this.location],
      ["excitation λ (nm)", this.excitationLambda],
      ["imaging rate (Hz)", this.imagingRate],
      ["device", device],
      ["optical channels", this.opticalChannels.map((c) => c.name).join(", ")],
    ];
  }
}

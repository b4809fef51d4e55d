// NWB OpticalChannel: one emission channel of an imaging plane.
import { NWBContainer } from "../base/nwb-container.js";
import type { DisplayField } from "../../h5-object.js";

export class OpticalChannel extends NWBContainer {
  override get description(): string | undefined {
    return this.scalarString("description") ?? this.attrString("description");
  }

  /** Emission wavelength (nm). */
  get emissionLambda(): number | undefined {
    return this.scalarNumber("emission_lambda");
  }

  override displayFields(): DisplayField[] {
    return [
      ...super.displayFields(),
      ["description", this.description],
      ["emission λ (nm)", this.emissionLambda],
    ];
  }
}

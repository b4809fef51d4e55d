// NWB Subject: the animal.
import { NWBContainer } from "../base/nwb-container.js";
import type { DisplayField } from "../../h5-object.js";

export class Subject extends NWBContainer {
  get subjectId(): string | undefined {
    return this.scalarString("subject_id");
  }
  get species(): string | undefined {
    return this.scalarString("species");
  }
  get strain(): string | undefined {
    return this.scalarString("strain");
  }
  get sex(): string | undefined {
    return this.scalarString("sex");
  }
  get age(): string | undefined {
    return this.scalarString("age");
  }
  get genotype(): string | undefined {
    return this.scalarString("genotype");
  }
  override get description(): string | undefined {
    return this.scalarString("description");
  }
  get weight(): string | undefined {
    return this.scalarString("weight");
  }
  get dateOfBirth(): string | undefined {
    return this.scalarString("date_of_birth");
  }

  override displayFields(): DisplayField[] {
    return [
      ...super.displayFields(),
      ["subject id", this.subjectId],
      ["species", this.species],
      ["strain", this.strain],
      ["genotype", this.genotype],
      ["sex", this.sex],
      ["age", this.age],
      ["weight", this.weight],
      ["description", this.description],
    ].filter(([, v]) => v !== undefined) as DisplayField[];
  }
}

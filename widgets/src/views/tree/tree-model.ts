import type { ObjectHash } from "backbone";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class TreeModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults("tree", {
        root: {
          name: "",
          path: "/",
          kind: "group",
          neurodataType: "",
          shape: [],
          dtype: "",
          value: "",
          target: "",
          children: [],
        },
        nodeCount: 0,
      }),
    };
  }
}

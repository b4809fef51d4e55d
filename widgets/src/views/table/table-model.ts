import type { ObjectHash } from "backbone";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class TableModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults("table", {
        columns: [],
        rowCount: 0,
        offset: 0,
        limit: 50,
        ids: [],
        rows: [],
      }),
    };
  }
}

import type { ObjectHash } from "backbone";
import { WIDGET_NAMES } from "../../../../contract/common";
import { modelDefaults, TsnwbModel } from "../../base/tsnwb-model";

export class TableModel extends TsnwbModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      ...modelDefaults(WIDGET_NAMES.table.modelName, WIDGET_NAMES.table.viewName),
      columns: [],
      rowCount: 0,
      offset: 0,
      limit: 50,
      ids: [],
      rows: [],
    };
  }
}

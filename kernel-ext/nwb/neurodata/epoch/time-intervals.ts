// NWB TimeIntervals: trials, epochs, invalid times — a DynamicTable with start_time and
// stop_time (and optional tags and timeseries references).
import { DynamicTable } from "../hdmf-common/dynamic-table.js";
import { toFloat64 } from "../../ndarray.js";
import type { DisplayField } from "../../h5-object.js";

export class TimeIntervals extends DynamicTable {
  async startTimes(): Promise<Float64Array> {
    return toFloat64(
      (await this.dataset("start_time", "a 'start_time' column").read()).data,
    ).slice();
  }

  async stopTimes(): Promise<Float64Array> {
    return toFloat64((await this.dataset("stop_time", "a 'stop_time' column").read()).data).slice();
  }

  override displayFields(): DisplayField[] {
    return [...super.displayFields(), ["intervals", this.length]];
  }
}

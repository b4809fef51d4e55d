// NWB ElectricalSeries: voltages with an `electrodes` region into the electrodes table and an
// optional per-channel `channel_conversion`.
import { TimeSeries } from "../base/time-series.js";
import { DynamicTableRegion } from "../hdmf-common/dynamic-table-region.js";
import type { DisplayField, LazyDataset } from "../../h5-object.js";
import { toFloat64 } from "../../ndarray.js";
import type { ValueScaling } from "../../value-scaling.js";

export class ElectricalSeries extends TimeSeries {
  #channelFactors?: Float64Array;

  /** The region of the electrodes table this series was recorded from (one row per channel). */
  get electrodes(): DynamicTableRegion {
    return this.typed(
      "electrodes",
      DynamicTableRegion,
      "the DynamicTableRegion 'electrodes' of an ElectricalSeries",
    );
  }

  /** The electrodes-table rows of this series' channels, in channel order. */
  electrodeRows(): Promise<Record<string, unknown>[]> {
    return this.electrodes.rows();
  }

  get filtering(): string | undefined {
    return this.attrString("filtering");
  }

  get channelConversion(): LazyDataset | undefined {
    return this.optionalDataset("channel_conversion");
  }

  /** Number of channels (second dimension of data; 1 for 1-D data). */
  get numChannels(): number {
    const d = this.optionalDataset("data");
    return d && d.ndim > 1 ? d.shape[1] : 1;
  }

  /** conversion and offset, with channel_conversion read once (it is small: one value per channel). */
  override async valueScaling(): Promise<ValueScaling> {
    const base = await super.valueScaling();
    const cc = this.channelConversion;
    if (!cc) return base;
    if (!this.#channelFactors) {
      const factors = toFloat64((await cc.read()).data).slice();
      const n = this.numChannels;
      if (factors.length !== n)
        throw this.ctx.error(
          cc.path,
          `one channel_conversion factor per channel of data (${n}), found ${factors.length}`,
        );
      this.#channelFactors = factors;
    }
    return { ...base, channelFactors: this.#channelFactors };
  }

  override displayFields(): DisplayField[] {
    const f = super.displayFields();
    f.push(["channels", this.numChannels]);
    const cc = this.channelConversion?.smallValue();
    if (cc !== undefined) f.push(["channel_conversion", cc]);
    if (this.filtering) f.push(["filtering", this.filtering]);
    return f;
  }
}

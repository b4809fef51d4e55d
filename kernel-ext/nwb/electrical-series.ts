// NWB ElectricalSeries: voltages with an `electrodes` region into the electrodes table and an
// optional per-channel `channel_conversion`.
import { TimeSeries } from "./time-series.js";
import { DynamicTableRegion } from "./dynamic-table-region.js";
import type { DisplayField, LazyDataset } from "./h5-object.js";
import { toFloat64, type NDArray } from "./ndarray.js";

export class ElectricalSeries extends TimeSeries {
  private channelFactors?: Float64Array;

  /** The region of the electrodes table this series was recorded from (one row per channel). */
  get electrodes(): DynamicTableRegion {
    return this.typed("electrodes", DynamicTableRegion, "the DynamicTableRegion 'electrodes' of an ElectricalSeries");
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

  /** Loads channel_conversion once (it is small: one value per channel). */
  private async loadChannelFactors(): Promise<Float64Array | undefined> {
    const cc = this.channelConversion;
    if (!cc) return undefined;
    this.channelFactors ??= toFloat64((await cc.read()).data).slice();
    return this.channelFactors;
  }

  override async readSamples(start: number, stop: number, options: Parameters<TimeSeries["readSamples"]>[2] = {}) {
    if (!options.raw) await this.loadChannelFactors();
    return super.readSamples(start, stop, options);
  }

  protected override scale(values: NDArray, channels: number[] | undefined): Float64Array {
    const factors = this.channelFactors;
    if (!factors) return super.scale(values, channels);
    const dataNdim = this.data.ndim;
    if (values.shape.length < dataNdim || dataNdim < 2) {
      // The channel axis was dropped by an index selection (one channel), or there is none.
      const ch = dataNdim < 2 ? 0 : channels?.[0];
      if (ch === undefined) return super.scale(values, channels);
      const out = toFloat64(values.data);
      const res = out === values.data ? out.slice() : out;
      const k = this.conversion * factors[ch];
      const o = this.offset;
      for (let i = 0; i < res.length; i++) res[i] = res[i] * k + o;
      return res;
    }
    // data × conversion × channel_conversion[channel] + offset, channel along axis 1.
    const out = toFloat64(values.data);
    const res = out === values.data ? out.slice() : out;
    const c = this.conversion;
    const o = this.offset;
    const nch = values.shape[1];
    const inner = values.shape.slice(2).reduce((a, b) => a * b, 1);
    const chans = channels ?? Array.from({ length: nch }, (_, i) => i);
    for (let i = 0; i < res.length; i++) {
      const ch = chans[Math.floor(i / inner) % nch];
      res[i] = res[i] * c * factors[ch] + o;
    }
    return res;
  }

  override displayFields(): DisplayField[] {
    const f = super.displayFields();
    f.push(["channels", this.numChannels]);
    if (this.filtering) f.push(["filtering", this.filtering]);
    return f;
  }
}

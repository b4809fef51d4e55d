// NWB Units: one row per sorted unit; spike_times is ragged through spike_times_index, and every
// other column (obs_intervals, electrodes, waveform_mean, quality, …) is a regular table column.
import { DynamicTable } from "../hdmf-common/dynamic-table.js";
import type { DisplayField } from "../../h5-object.js";
import { toFloat64 } from "../../ndarray.js";

export class Units extends DynamicTable {
  /** Spike times (s) of unit `i`. */
  async spikeTimes(i: number): Promise<Float64Array> {
    return toFloat64((await this.column("spike_times").get(i)) as Float64Array);
  }

  /** Spike times of every unit, reading the column once. */
  async allSpikeTimes(): Promise<Float64Array[]> {
    return ((await this.column("spike_times").read()) as ArrayLike<number>[]).map((a) =>
      toFloat64(a as Float64Array),
    );
  }

  /** Number of spikes of each unit, from spike_times_index alone. */
  async spikeCounts(): Promise<number[]> {
    const col = this.column("spike_times");
    if (!col.ragged)
      throw this.ctx.error(
        `${this.path}/spike_times_index`,
        "a VectorIndex 'spike_times_index' for spike_times",
      );
    const ends = await col.indexes[0].offsets();
    return Array.from(ends, (e, i) => e - (i === 0 ? 0 : ends[i - 1]));
  }

  override displayFields(): DisplayField[] {
    return [...super.displayFields(), ["units", this.length]];
  }
}

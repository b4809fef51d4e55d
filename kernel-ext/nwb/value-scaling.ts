// NWB value scaling: a stored value v of a TimeSeries becomes v · conversion · channel_conversion[ch]
// + offset in the series' `unit` (channel_conversion: ElectricalSeries, NWB ≥ 2.1, one factor per
// channel along the data's second axis). Every path that shows series values scales through here.

export interface ValueScaling {
  readonly conversion: number;
  readonly offset: number;
  /** Per-channel factors along the data's second axis (channel_conversion), when the file has them. */
  readonly channelFactors?: Float64Array;
}

/** The linear map of one channel: value · gain + offset. */
export interface LinearMap {
  readonly gain: number;
  readonly offset: number;
}

/** Gain and offset of channel `channel` (0 for one-channel data). */
export function channelMap(scaling: ValueScaling, channel = 0): LinearMap {
  const f = scaling.channelFactors;
  const factor = f ? f[channel] : 1;
  if (factor === undefined)
    throw new RangeError(
      `channel ${channel} has no channel_conversion factor (${f!.length} factors)`,
    );
  return { gain: scaling.conversion * factor, offset: scaling.offset };
}

/** True when scaling changes no value (conversion 1, offset 0, every channel factor 1). */
export function isIdentity(scaling: ValueScaling): boolean {
  return (
    scaling.conversion === 1 &&
    scaling.offset === 0 &&
    (scaling.channelFactors ?? []).every((f) => f === 1)
  );
}

/**
 * Stored values → values in the unit, as a new Float64Array (the input is never changed) — except
 * Float64 values under an identity scaling, returned as they are (a whole recording need not be
 * copied to multiply it by 1).
 * `channels`: a number when every value belongs to that one channel (1-D data, or the channel axis
 * selected away); else the channel of each position along axis 1 of `shape` (default 0, 1, …).
 */
export function scaleValues(
  values: ArrayLike<number | bigint>,
  shape: readonly number[],
  scaling: ValueScaling,
  channels?: number | readonly number[],
): Float64Array {
  if (values instanceof Float64Array && isIdentity(scaling)) return values;
  const out = new Float64Array(values.length);
  if (
    values instanceof BigInt64Array ||
    values instanceof BigUint64Array ||
    !ArrayBuffer.isView(values)
  ) {
    for (let i = 0; i < out.length; i++) out[i] = Number(values[i]);
  } else out.set(values as ArrayLike<number>);
  const f = scaling.channelFactors;
  if (!f || typeof channels === "number" || shape.length < 2) {
    const { gain, offset } = channelMap(scaling, typeof channels === "number" ? channels : 0);
    if (gain !== 1 || offset !== 0)
      for (let i = 0; i < out.length; i++) out[i] = out[i]! * gain + offset;
    return out;
  }
  const nch = shape[1]!;
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  const maps = Array.from({ length: nch }, (_, j) =>
    channelMap(scaling, channels ? channels[j] : j),
  );
  for (let i = 0; i < out.length; i++) {
    const m = maps[Math.floor(i / inner) % nch]!;
    out[i] = out[i]! * m.gain + m.offset;
  }
  return out;
}

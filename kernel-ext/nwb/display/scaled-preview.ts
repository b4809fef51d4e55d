// The preview of a small TimeSeries `data` in the unit it declares: stored values scaled by the
// series' conversion, channel_conversion and offset (value-scaling.ts), from metadata and the small
// datasets read at open (no data read). Other datasets are previewed as stored.
import type { H5DatasetMeta, H5ReadResult } from "../h5/source.js";
import { isTypedArray } from "../ndarray.js";
import { isA } from "../type-hierarchy/inheritance.js";
import { isIdentity, scaleValues, type ValueScaling } from "../value-scaling.js";
import { formatValue } from "./format-value.js";
import type { PreviewContext } from "./displayed.js";

/** "values unit (stored values)" for a scaled series' data; undefined when there is nothing to scale. */
export function scaledPreview(
  meta: H5DatasetMeta,
  pre: H5ReadResult,
  ctx: PreviewContext,
): string | undefined {
  const slash = meta.path.lastIndexOf("/");
  if (meta.path.slice(slash + 1) !== "data" || !isTypedArray(pre.values)) return undefined;
  const parentPath = meta.path.slice(0, slash) || "/";
  const series = ctx.find(parentPath);
  if (!series || !isA(series, "TimeSeries")) return undefined;
  const unit = textAttr(meta, "unit");
  const stored = pre.values as ArrayLike<number | bigint>;
  const factors = isA(series, "ElectricalSeries")
    ? ctx.prefetched.get(`${parentPath}/channel_conversion`)
    : undefined;
  const channels = meta.shape.length > 1 ? meta.shape[1]! : 1;
  if (factors && (!isTypedArray(factors.values) || factors.values.length !== channels)) {
    const n = isTypedArray(factors.values) ? factors.values.length : 0;
    return `${formatValue(one(stored))} (stored; ⚠ channel_conversion has ${n} factor${n === 1 ? "" : "s"} for ${channels} channel${channels === 1 ? "" : "s"})`;
  }
  const scaling: ValueScaling = {
    conversion: numberAttr(meta, "conversion") ?? 1,
    offset: numberAttr(meta, "offset") ?? 0,
    channelFactors: factors
      ? Float64Array.from(factors.values as ArrayLike<number>, Number)
      : undefined,
  };
  if (isIdentity(scaling)) return undefined;
  const withUnit = (s: string) => (unit ? `${s} ${unit}` : s);
  const scaled = scaleValues(stored, meta.shape, scaling);
  return `${withUnit(formatValue(one(scaled)))} (stored ${formatValue(one(stored))})`;
}

function one(v: ArrayLike<number | bigint>): unknown {
  return v.length === 1 ? v[0] : v;
}

function numberAttr(meta: H5DatasetMeta, name: string): number | undefined {
  const v = meta.attrs[name]?.value;
  const x = isTypedArray(v) || Array.isArray(v) ? (v as ArrayLike<unknown>)[0] : v;
  return typeof x === "number" ? x : typeof x === "bigint" ? Number(x) : undefined;
}

function textAttr(meta: H5DatasetMeta, name: string): string | undefined {
  const v = meta.attrs[name]?.value;
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === "string" ? x : undefined;
}

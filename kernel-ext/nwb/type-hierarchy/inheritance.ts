// The inheritance query other areas (e.g. the widget registry) use to pick what fits an object:
// `isA(obj, "TimeSeries")` is true for ElectricalSeries, TwoPhotonSeries, extension subtypes, …
import { TypeHierarchy } from "./type-hierarchy.js";

const builtin = new TypeHierarchy();

/** True when `obj`'s neurodata_type is `type` or inherits from it (per the file's own spec). */
export function isA(obj: unknown, type: string): boolean {
  const o = obj as { ancestors?: unknown } | null;
  if (o === null || typeof o !== "object" || !Array.isArray(o.ancestors)) return false;
  return o.ancestors.includes(type);
}

/**
 * A type and its ancestors, most specific first. Given an object, its file's hierarchy is used
 * (extensions included); given a type name, the built-in core/hdmf-common hierarchy.
 */
export function ancestors(objOrType: { readonly ancestors: string[] } | string): string[] {
  if (typeof objOrType === "string") return builtin.ancestors(objOrType);
  return objOrType.ancestors;
}

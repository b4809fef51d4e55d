// Event definitions of Huang, Ledochowitsch et al. 2021 (eLife 10:e51675) per calcium indicator.

export type Indicator = "GCaMP6s" | "GCaMP6f";

export interface EventWindows {
  /** Spikes within this time of an event's first spike belong to the event (s). */
  groupSeconds: number;
  /** No other spike this long before the event's first spike (s). */
  isolationBeforeSeconds: number;
  /** No other spike this long after the event's last spike (s). */
  isolationAfterSeconds: number;
  /** Window after onset in which the ΔF/F maximum is sought (s). */
  peakSearchSeconds: number;
  /** Half-width of the average around the maximum (s). */
  peakHalfWidthSeconds: number;
}

/** GCaMP6s: isolated ≥ 1 s before and ≥ 0.5 s after, peak within 500 ms; GCaMP6f: 300 ms both sides, peak within 300 ms. */
export function eventWindows(indicator: Indicator): EventWindows {
  if (indicator === "GCaMP6s")
    return {
      groupSeconds: 0.25,
      isolationBeforeSeconds: 1,
      isolationAfterSeconds: 0.5,
      peakSearchSeconds: 0.5,
      peakHalfWidthSeconds: 0.05,
    };
  if (indicator === "GCaMP6f")
    return {
      groupSeconds: 0.25,
      isolationBeforeSeconds: 0.3,
      isolationAfterSeconds: 0.3,
      peakSearchSeconds: 0.3,
      peakHalfWidthSeconds: 0.05,
    };
  throw new RangeError(`indicator: expected "GCaMP6s" or "GCaMP6f", got ${String(indicator)}`);
}

export function resolveWindows(options: {
  indicator?: Indicator;
  windows?: Partial<EventWindows>;
}): EventWindows {
  const base = eventWindows(options.indicator ?? "GCaMP6s");
  const w = { ...base, ...(options.windows ?? {}) };
  for (const [k, v] of Object.entries(w))
    if (!(typeof v === "number" && v >= 0 && Number.isFinite(v)))
      throw new RangeError(`windows.${k}: expected a number of seconds ≥ 0, got ${String(v)}`);
  return w;
}

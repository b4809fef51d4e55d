// A signal with its time base: values and their timestamps, or values sampled at a rate from a
// start time. Functions that align a signal to events take one of these, so the sampling rate or
// the start time travels with the values and cannot be forgotten or mismatched. The NWB reader's
// windows give one with `window.signal()` (this folder never imports the reader).
import {
  requireFinite,
  requireFiniteArray,
  requireMonotonic,
  requirePositive,
  requireSameLength,
} from "./validate.js";

/** Values at the given times (s), strictly increasing. */
export interface TimestampedSignal {
  readonly values: ArrayLike<number>;
  readonly timestamps: ArrayLike<number>;
}

/** Values sampled at `rate` (Hz), sample 0 at `startTime` (s). */
export interface RegularSignal {
  readonly values: ArrayLike<number>;
  readonly rate: number;
  readonly startTime: number;
}

export type SampledSignal = TimestampedSignal | RegularSignal;

/** A checked signal: finite values with their time base, either regular or timestamped. */
export type CheckedSignal =
  | { kind: "regular"; values: ArrayLike<number>; rate: number; startTime: number }
  | { kind: "timestamps"; values: ArrayLike<number>; timestamps: ArrayLike<number> };

/**
 * Checks `signal` (named `name` in errors): finite values; strictly increasing timestamps of the
 * same length, or a positive rate and a finite start time — exactly one of the two time bases.
 */
export function checkSignal(signal: SampledSignal, name: string, minLength = 1): CheckedSignal {
  if (Array.isArray(signal) || ArrayBuffer.isView(signal)) {
    throw new TypeError(
      `${name}: expected { values, timestamps } or { values, rate, startTime }, got a bare array of ${(signal as ArrayLike<number>).length} numbers: give its time base with it`,
    );
  }
  if (signal === null || typeof signal !== "object" || !("values" in signal)) {
    throw new TypeError(
      `${name}: expected { values, timestamps } or { values, rate, startTime } (a window's signal(): await series.readWindow(t0, t1) then .signal()), got ${signal === null ? "null" : typeof signal}`,
    );
  }
  requireFiniteArray(signal.values, `${name}.values`, minLength);
  const hasTimes = "timestamps" in signal && signal.timestamps !== undefined;
  const hasRate = "rate" in signal && signal.rate !== undefined;
  if (hasTimes && hasRate)
    throw new TypeError(`${name}: expected either timestamps or rate + startTime, got both`);
  if (hasTimes) {
    const s = signal as TimestampedSignal;
    requireSameLength(s.values, `${name}.values`, s.timestamps, `${name}.timestamps`);
    requireMonotonic(s.timestamps, `${name}.timestamps`, true);
    return { kind: "timestamps", values: s.values, timestamps: s.timestamps };
  }
  if (!hasRate)
    throw new TypeError(
      `${name}: expected a time base: timestamps, or rate (Hz) and startTime (s)`,
    );
  const r = signal as RegularSignal;
  requirePositive(r.rate, `${name}.rate`);
  if (r.startTime === undefined)
    throw new TypeError(
      `${name}.startTime: expected the time (s) of sample 0 with the rate (0 if the signal starts at t = 0)`,
    );
  requireFinite(r.startTime, `${name}.startTime`);
  return { kind: "regular", values: r.values, rate: r.rate, startTime: r.startTime };
}

/** The time (s) of every sample. */
export function sampleTimes(s: CheckedSignal): Float64Array {
  if (s.kind === "timestamps") return Float64Array.from(s.timestamps);
  const out = new Float64Array(s.values.length);
  for (let i = 0; i < out.length; i++) out[i] = s.startTime + i / s.rate;
  return out;
}

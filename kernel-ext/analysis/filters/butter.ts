// Digital Butterworth filter design: analog prototype → frequency transform (with bilinear
// pre-warping of the cutoffs) → bilinear transform → second-order sections or (b, a).

import { requireInteger, requirePositive } from "../util/validate.js";
import {
  bilinear,
  butterPrototype,
  lowpassToBandpass,
  lowpassToBandstop,
  lowpassToHighpass,
  lowpassToLowpass,
  type Zpk,
} from "./zpk.js";
import { zpkToBa, zpkToSos } from "./zpk-to-sos.js";

export type BandType = "lowpass" | "highpass" | "bandpass" | "bandstop";

export interface ButterOptions {
  /** Filter type (default "lowpass"; "bandpass"/"bandstop" need two cutoffs). */
  btype?: BandType;
  /** Sampling rate (Hz). When given, cutoffs are in Hz; otherwise they are fractions of Nyquist (0–1). */
  fs?: number;
}

/** Second-order sections: a Float64Array of n rows [b0 b1 b2 a0 a1 a2], a0 = 1. */
export type Sos = Float64Array;

function designZpk(order: number, cutoff: number | readonly number[], options: ButterOptions): Zpk {
  requireInteger(order, "order", 1, 500);
  const btype = options.btype ?? "lowpass";
  if (!["lowpass", "highpass", "bandpass", "bandstop"].includes(btype)) {
    throw new RangeError(
      `btype: expected "lowpass", "highpass", "bandpass" or "bandstop", got ${String(btype)}`,
    );
  }
  const band = btype === "bandpass" || btype === "bandstop";
  const cut = typeof cutoff === "number" ? [cutoff] : Array.from(cutoff);
  if (cut.length !== (band ? 2 : 1)) {
    throw new RangeError(
      `cutoff: ${btype} needs ${band ? "two cutoffs [low, high]" : "one cutoff"}, got ${JSON.stringify(cutoff)}`,
    );
  }
  let wn = cut;
  if (options.fs !== undefined) {
    requirePositive(options.fs, "fs");
    wn = cut.map((c) => (2 * c) / options.fs!);
  }
  const unit =
    options.fs !== undefined ? ` Hz (Nyquist = ${options.fs / 2} Hz)` : " (fraction of Nyquist)";
  for (const [i, w] of wn.entries()) {
    if (!Number.isFinite(w) || w <= 0 || w >= 1) {
      const bound = options.fs !== undefined ? options.fs / 2 : 1;
      throw new RangeError(
        `cutoff${band ? `[${i}]` : ""}: must be > 0 and < ${bound}${unit}, got ${cut[i]}`,
      );
    }
  }
  if (band && !(wn[0] < wn[1]))
    throw new RangeError(`cutoff: expected low < high, got [${cut[0]}, ${cut[1]}]`);
  // Pre-warp so the digital filter has its -3 dB points exactly at the requested frequencies
  // (designed at an internal sampling rate of 2, so Nyquist = 1).
  const warped = wn.map((w) => 4 * Math.tan((Math.PI * w) / 2));
  const proto = butterPrototype(order);
  let analog: Zpk;
  if (btype === "lowpass") analog = lowpassToLowpass(proto, warped[0]);
  else if (btype === "highpass") analog = lowpassToHighpass(proto, warped[0]);
  else {
    const bw = warped[1] - warped[0];
    const wo = Math.sqrt(warped[0] * warped[1]);
    analog =
      btype === "bandpass" ? lowpassToBandpass(proto, wo, bw) : lowpassToBandstop(proto, wo, bw);
  }
  return bilinear(analog, 2);
}

/**
 * Butterworth filter as second-order sections (rows [b0 b1 b2 1 a1 a2]); the numerically safe form
 * for `sosfilt`/`sosfiltfilt`. Band filters have 2·order poles.
 */
export function butter(
  order: number,
  cutoff: number | readonly number[],
  options?: ButterOptions & { output?: "sos" },
): Sos;
/** Butterworth filter as transfer-function coefficients b, a (fine for low orders; use SOS otherwise). */
export function butter(
  order: number,
  cutoff: number | readonly number[],
  options: ButterOptions & { output: "ba" },
): { b: Float64Array; a: Float64Array };
/** Butterworth filter as zeros, poles and gain. */
export function butter(
  order: number,
  cutoff: number | readonly number[],
  options: ButterOptions & { output: "zpk" },
): Zpk;
export function butter(
  order: number,
  cutoff: number | readonly number[],
  options: ButterOptions & { output?: "sos" | "ba" | "zpk" } = {},
): Sos | { b: Float64Array; a: Float64Array } | Zpk {
  const output = options.output ?? "sos";
  const zpk = designZpk(order, cutoff, options);
  if (output === "sos") return zpkToSos(zpk);
  if (output === "ba") return zpkToBa(zpk);
  if (output === "zpk") return zpk;
  throw new RangeError(`output: expected "sos", "ba" or "zpk", got ${String(output)}`);
}

// A synthetic two-photon movie written by our NWB writer: `frames` frames of height × width uint16
// pixels (a drifting pattern, different every frame) at `rate` Hz, with `traces` ΔF/F-like series
// on the same clock. Shared by the time-link benchmark (512×512) and the preview-frame tests.
import { writeNWB } from "../../kernel-ext/nwb/write/write-nwb.js";

export interface SyntheticMovie {
  frames: number;
  height: number;
  width: number;
  rate: number;
  /** Extra TimeSeries in acquisition (trace_0 …), one sample per frame. */
  traces?: number;
  /** gzip chunking of the movie (default: the writer's rule, on above 64 KiB). */
  compress?: boolean;
  /** Stored-to-unit factor of the movie (default 1). */
  conversion?: number;
  /** Stored type (default uint16): int16 stores pixel − 2048 (negative values), uint8 pixel % 256. */
  dtype?: "uint16" | "int16" | "uint8";
}

/** Pixel (r, c) of frame i as a movie of `dtype` stores it. */
export function storedPixel(
  i: number,
  r: number,
  c: number,
  dtype: SyntheticMovie["dtype"] = "uint16",
): number {
  const v = syntheticPixel(i, r, c);
  return dtype === "int16" ? v - 2048 : dtype === "uint8" ? v % 256 : v;
}

/** Pixel (r, c) of frame i. */
export function syntheticPixel(i: number, r: number, c: number): number {
  return (r * 7 + c * 13 + i * 29 + ((r * c) % 97)) % 4096;
}

export async function writeSyntheticMovie(path: string, m: SyntheticMovie): Promise<string> {
  const per = m.height * m.width;
  const Stored = { uint16: Uint16Array, int16: Int16Array, uint8: Uint8Array }[m.dtype ?? "uint16"];
  const data = new Stored(m.frames * per);
  for (let i = 0; i < m.frames; i++)
    for (let r = 0; r < m.height; r++)
      for (let c = 0; c < m.width; c++)
        data[i * per + r * m.width + c] = storedPixel(i, r, c, m.dtype);
  const traces = Array.from({ length: m.traces ?? 0 }, (_, k) => ({
    type: "TimeSeries" as const,
    name: `trace_${k}`,
    unit: "n.a.",
    data: Float32Array.from({ length: m.frames }, (_, i) => Math.sin(i / (10 + k)) + k),
    timing: { rate: m.rate },
  }));
  return writeNWB(
    path,
    {
      identifier: `synthetic-movie-${m.frames}x${m.height}x${m.width}`,
      sessionDescription: "synthetic movie for benchmarks and tests",
      sessionStartTime: new Date("2026-01-01T00:00:00Z"),
      devices: [{ name: "scope", description: "synthetic" }],
      imagingPlanes: [
        {
          name: "plane",
          device: "scope",
          excitationLambda: 920,
          imagingRate: m.rate,
          indicator: "none",
          location: "none",
          opticalChannels: [{ name: "green", description: "green", emissionLambda: 510 }],
        },
      ],
      acquisition: [
        {
          type: "TwoPhotonSeries",
          name: "movie",
          data,
          shape: [m.frames, m.height, m.width],
          imagingPlane: "plane",
          conversion: m.conversion ?? 1,
          ...(m.compress === undefined ? {} : { compress: m.compress }),
          timing: { rate: m.rate },
        },
        ...traces,
      ],
    },
    { overwrite: true },
  );
}

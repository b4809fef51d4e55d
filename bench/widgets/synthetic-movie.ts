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
  /** Stored-to-unit factor of the movie (default 1). */
  conversion?: number;
}

/** Pixel (r, c) of frame i. */
export function syntheticPixel(i: number, r: number, c: number): number {
  return (r * 7 + c * 13 + i * 29 + ((r * c) % 97)) % 4096;
}

export async function writeSyntheticMovie(path: string, m: SyntheticMovie): Promise<string> {
  const per = m.height * m.width;
  const data = new Uint16Array(m.frames * per);
  for (let i = 0; i < m.frames; i++)
    for (let r = 0; r < m.height; r++)
      for (let c = 0; c < m.width; c++) data[i * per + r * m.width + c] = syntheticPixel(i, r, c);
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
          timing: { rate: m.rate },
        },
        ...traces,
      ],
    },
    { overwrite: true },
  );
}

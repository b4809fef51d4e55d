// Independent numbers for the widget assertions, read with h5py (Debian's /usr/bin/python3), not
// with our reader: ROI pixel counts, the imaging plane, the mean projection, the series' time spans.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./paths.js";

export interface RecordingReference {
  roiIds: number[];
  /** distinct (x, y) pixels with a non-zero weight, per ROI */
  roiPixelCounts: number[];
  /** [rows, cols] of the movie frames (NWB frames are [t][x][y]; x is drawn as rows) */
  frameShape: [number, number];
  frameCount: number;
  /** mean of the first `meanFrames` frames, row-major [x][y] */
  meanImage: number[];
  meanFrames: number;
  ephys: { start: number; rate: number; samples: number };
  dff: { first: number; last: number; samples: number };
  dffTimes: number[];
  /** spikes per unit (units/spike_times_index) */
  unitSpikeCounts: number[];
}

const script = String.raw`
import h5py, json, sys
import numpy as np
f = h5py.File(sys.argv[1], "r")
ps = f["processing/ophys/ImageSegmentation/plane_segmentation"]
pm = ps["pixel_mask"][:]
ends = ps["pixel_mask_index"][:]
counts, start = [], 0
for end in ends:
    rows = pm[start:end]
    if rows.dtype.names:
        xy = set((int(r["x"]), int(r["y"])) for r in rows if r["weight"] != 0)
    else:
        xy = set((int(r[0]), int(r[1])) for r in rows if r[2] != 0)
    counts.append(len(xy)); start = end
movie = f["acquisition/TwoPhotonSeries_green/data"]
n_mean = min(2000, movie.shape[0])
mean = movie[:n_mean].astype(np.float64).mean(axis=0)
es = f["processing/ecephys/ElectricalSeries_processed"]
dff_t = f["processing/ophys/DfOverF/roi_response_series/timestamps"]
json.dump({
    "roiIds": [int(i) for i in ps["id"][:]],
    "roiPixelCounts": counts,
    "frameShape": [int(movie.shape[1]), int(movie.shape[2])],
    "frameCount": int(movie.shape[0]),
    "meanImage": [float(v) for v in mean.ravel()],
    "meanFrames": n_mean,
    "ephys": {"start": float(es["starting_time"][()]), "rate": float(es["starting_time"].attrs["rate"]), "samples": int(es["data"].shape[0])},
    "dff": {"first": float(dff_t[0]), "last": float(dff_t[-1]), "samples": int(dff_t.shape[0])},
    "dffTimes": [float(t) for t in dff_t[:]],
    "unitSpikeCounts": list(np.diff(np.concatenate([[0], f["units/spike_times_index"][:]])).astype(int).tolist()),
}, sys.stdout)
`;

export function recordingReference(nwbPath: string): RecordingReference {
  const r = spawnSync("/usr/bin/python3", ["-c", script, nwbPath], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`h5py reference for ${nwbPath} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as RecordingReference;
}

/** One movie frame as h5py reads it, row-major [x][y]. */
export function frameReference(nwbPath: string, index: number): number[] {
  const code = [
    "import h5py, json, sys",
    "f = h5py.File(sys.argv[1], 'r')",
    "frame = f['acquisition/TwoPhotonSeries_green/data'][int(sys.argv[2])]",
    "json.dump([float(v) for v in frame.ravel()], sys.stdout)",
  ].join("\n");
  const r = spawnSync("/usr/bin/python3", ["-c", code, nwbPath, String(index)], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`h5py frame ${index} of ${nwbPath} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as number[];
}

/** A movie's frame times as h5py reads them: its `timestamps`, else `starting_time + i / rate`. */
export function frameTimesReference(nwbPath: string, seriesPath: string): number[] {
  const code = [
    "import h5py, json, sys",
    "import numpy as np",
    "s = h5py.File(sys.argv[1], 'r')[sys.argv[2]]",
    "n = s['data'].shape[0]",
    "if 'timestamps' in s: t = s['timestamps'][:]",
    "else: t = s['starting_time'][()] + np.arange(n) / s['starting_time'].attrs['rate']",
    "json.dump([float(v) for v in t], sys.stdout)",
  ].join("\n");
  const r = spawnSync("/usr/bin/python3", ["-c", code, nwbPath, seriesPath], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0)
    throw new Error(`h5py frame times of ${seriesPath} in ${nwbPath} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as number[];
}

/** What the recording dashboard should show, from the reference the widget tests use (h5py + numpy). */
export interface DashboardReference {
  /** the file's unit spike times, sorted */
  spikes: number[];
  /** isolated AP-count events (Huang et al. 2021 windows): [onset, last spike, AP count] */
  events: Array<[number, number, number]>;
  /** each event's peak ΔF/F (null when no sample follows its onset) */
  peak: Array<number | null>;
}

export function dashboardReference(nwbPath: string): DashboardReference {
  const script = join(repoRoot, "test", "widgets", "reference", "recording.py");
  const r = spawnSync("/usr/bin/python3", [script, nwbPath], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`${script} ${nwbPath} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as DashboardReference;
}

/** One unit's spike times as h5py reads them (units/spike_times cut by spike_times_index). */
export function spikeTimesReference(nwbPath: string, unit: number): number[] {
  const code = [
    "import h5py, json, sys",
    "u = h5py.File(sys.argv[1], 'r')['units']",
    "i = int(sys.argv[2]); ends = u['spike_times_index'][:]",
    "json.dump([float(t) for t in u['spike_times'][(ends[i - 1] if i else 0) : ends[i]]], sys.stdout)",
  ].join("\n");
  const r = spawnSync("/usr/bin/python3", ["-c", code, nwbPath, String(unit)], {
    encoding: "utf8",
  });
  if (r.status !== 0)
    throw new Error(`h5py spike times of unit ${unit} in ${nwbPath}/units failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as number[];
}

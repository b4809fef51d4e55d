// What the recording dashboard should show for a file, from h5py + numpy
// (test/widgets/reference/recording.py): the unit's spike times, the isolated AP-count events
// ([onset, last spike, APs]) and each event's peak ΔF/F.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./jupyter-server.js";

export interface RecordingReference {
  spikes: number[];
  events: [number, number, number][];
  peak: (number | null)[];
}

export function recordingReference(file: string): RecordingReference {
  return JSON.parse(
    execFileSync(
      "/usr/bin/python3",
      [join(repoRoot, "test/widgets/reference/recording.py"), file],
      { encoding: "utf8" },
    ),
  ) as RecordingReference;
}

# A partial copy of a recording: the groups named after the output file are deleted with h5py
# (only ophys: no voltage, no units; only ecephys: no ophys, no movie, no units).
# Usage: recording_partial.py SOURCE OUT ophys|ecephys
import shutil
import sys

import h5py

source, out, keep = sys.argv[1:4]
DROP = {
    "ophys": ["units", "acquisition/ElectricalSeries_raw", "processing/ecephys"],
    "ecephys": ["units", "acquisition/TwoPhotonSeries_green", "processing/ophys"],
}
shutil.copyfile(source, out)
with h5py.File(out, "r+") as f:
    for path in DROP[keep]:
        del f[path]
print("null")

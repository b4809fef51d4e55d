"""h5py side of bench/nwb/peak-memory.ts: FILE [WARM] reads /acquisition/ts/data whole, once, in this
fresh process and prints JSON {base, peak}: resident bytes after opening the file, and the peak after
the read. With WARM (an NWB file), its /acquisition/ElectricalSeries_raw/data is read first, as a
worker that has read a recording before."""
import json
import resource
import sys

import h5py


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def peak_rss():
    """This process image's peak resident set (VmHWM). Not ru_maxrss: that one carries over the
    parent's resident set from before exec when the benchmark's large process started us."""
    with open("/proc/self/status") as f:
        line = next(x for x in f if x.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024


if len(sys.argv) > 2:
    with h5py.File(sys.argv[2], "r") as w:
        w["acquisition/ElectricalSeries_raw/data"][()]
f = h5py.File(sys.argv[1], "r")
ds = f["acquisition/ts/data"]
base = rss()
data = ds[()]
peak = peak_rss()
print(json.dumps({"base": base, "peak": peak, "bytes": data.nbytes}))

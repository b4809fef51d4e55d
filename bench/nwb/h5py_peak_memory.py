"""h5py side of bench/nwb/peak-memory.ts: FILE reads /acquisition/ts/data whole, once, in this fresh
process and prints JSON {base, peak}: resident bytes after opening the file, and the peak after the read."""
import json
import resource
import sys

import h5py


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


f = h5py.File(sys.argv[1], "r")
ds = f["acquisition/ts/data"]
base = rss()
data = ds[()]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"base": base, "peak": peak, "bytes": data.nbytes}))

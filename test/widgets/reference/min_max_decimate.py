# Independent numpy implementation of MinMax decimation, same definition as
# kernel-ext/models/resampling/min-max-decimate.ts:
#   bucket(i) = min(P - 1, floor((t_i - t0) * P / (t1 - t0)))  for t0 <= t_i <= t1
#   keep      = sorted unique {first finite, nanargmin, nanargmax, last finite, first NaN} per bucket
# Usage: min_max_decimate.py CASES.json  (each case names a float32 values file and either
# start/rate or a float64 timestamps file); prints one JSON list of kept indices per case.
import json
import sys

import numpy as np


def decimate(v, t, t0, t1, P):
    idx = np.nonzero((t >= t0) & (t <= t1))[0]
    if idx.size == 0:
        return []
    b = np.minimum(np.floor((t[idx] - t0) * P / (t1 - t0)), P - 1).astype(np.int64)
    starts = np.concatenate(([0], np.flatnonzero(np.diff(b)) + 1, [idx.size]))
    kept = []
    for s, e in zip(starts[:-1], starts[1:]):
        ii = idx[s:e]
        vv = v[ii].astype(np.float64)
        nan = np.isnan(vv)
        picks = set()
        if (~nan).any():
            fin = np.flatnonzero(~nan)
            picks.update([ii[fin[0]], ii[fin[-1]], ii[np.nanargmin(vv)], ii[np.nanargmax(vv)]])
        if nan.any():
            picks.add(ii[np.flatnonzero(nan)[0]])
        kept.extend(sorted(int(p) for p in picks))
    return kept


def main():
    cases = json.load(open(sys.argv[1]))
    out = []
    for c in cases:
        v = np.fromfile(c["values"], dtype=np.float32)
        if "timestamps" in c:
            t = np.fromfile(c["timestamps"], dtype=np.float64)
        else:
            t = c["start"] + np.arange(v.size) / c["rate"]
        out.append(decimate(v, t, c["t0"], c["t1"], c["pixels"]))
    json.dump(out, sys.stdout)


main()

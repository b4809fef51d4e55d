"""Preview frames of a movie, the way contract/movie-preview.ts documents them, from h5py + numpy:
evenly spaced frames (index_k = round half up of k (N-1)/(n-1)), block means of factor x factor pixels
(NaN-free mean, partial edge blocks), the smallest factor that makes the long side <= 128 and all
frames <= 512 KiB. Prints JSON: indices, factor, shape, lo, hi, means (flattened, frame-major).
Usage: movie_preview.py FILE SERIES"""
import json
import math
import sys

import h5py
import numpy as np

MAX_FRAMES, MAX_SIDE, MAX_BYTES = 120, 128, 512 * 1024

with h5py.File(sys.argv[1], "r") as f:
    d = f[sys.argv[2] + "/data"]
    conversion = float(d.attrs.get("conversion", 1.0))
    offset = float(d.attrs.get("offset", 0.0))
    N, h, w = d.shape[:3]
    n = min(MAX_FRAMES, N)
    idx = [0] if n == 1 else [int(math.floor(k * (N - 1) / (n - 1) + 0.5)) for k in range(n)]
    factor = max(1, math.ceil(max(h, w) / MAX_SIDE))
    while n * math.ceil(h / factor) * math.ceil(w / factor) > MAX_BYTES:
        factor += 1
    ph, pw = math.ceil(h / factor), math.ceil(w / factor)
    means = []
    for i in idx:
        frame = d[i].astype(np.float64) * conversion + offset
        if frame.ndim == 3:
            frame = frame.max(axis=2)
        padded = np.full((ph * factor, pw * factor), np.nan)
        padded[:h, :w] = frame
        blocks = padded.reshape(ph, factor, pw, factor)
        means.append(np.nanmean(blocks, axis=(1, 3)))
    m = np.stack(means)
    print(json.dumps({"indices": idx, "factor": factor, "shape": [ph, pw],
                      "lo": float(np.nanmin(m)), "hi": float(np.nanmax(m)),
                      "means": [None if np.isnan(v) else float(v) for v in m.ravel()]}))

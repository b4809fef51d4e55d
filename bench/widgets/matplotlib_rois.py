# Reference for the ROI benchmark: 2,000 ROI outlines drawn the way Python notebook tools do it —
# matplotlib contour of each ROI's mask — and saved as SVG. Prints the time in ms.
# Usage: matplotlib_rois.py MASKS.json OUT.svg  (masks: [[rows…], [cols…]] per ROI; 512×512 plane)
import json
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

masks = json.load(open(sys.argv[1]))
start = time.perf_counter()
fig, ax = plt.subplots(figsize=(6, 6))
ax.imshow(np.zeros((512, 512)), cmap="gray")
for rows, cols in masks:
    r0, r1, c0, c1 = min(rows) - 1, max(rows) + 2, min(cols) - 1, max(cols) + 2
    m = np.zeros((r1 - r0, c1 - c0))
    m[np.array(rows) - r0, np.array(cols) - c0] = 1
    ax.contour(np.arange(c0, c1), np.arange(r0, r1), m, levels=[0.5], colors="r", linewidths=0.5)
fig.savefig(sys.argv[2], format="svg")
json.dump((time.perf_counter() - start) * 1000, sys.stdout)

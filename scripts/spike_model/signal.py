"""Resampling, noise level, ground-truth smoothing and scoring, each defined exactly as the
TypeScript inference (kernel-ext/analysis/inference/model/) and metrics (kernel-ext/analysis/metrics/)
define them, so what is trained and scored here is what the product computes."""
import numpy as np
from scipy.ndimage import gaussian_filter1d

# The model rates: traces are brought to the largest rate ≤ 1.05 × their own (see model_rate).
# 60 Hz resolves the spikefinder protocol's 40 ms bins; faster ground truth is averaged down to it.
RATES = (30.0, 60.0)
# Ground truth smoothing in model frames (CASCADE's pretrained models: 200 ms at 7.5 Hz, 50 ms at 30 Hz).
SMOOTHING_FRAMES = 1.5


def noise_level(dff, fs):
    """CASCADE's ν: 100 · median |Δ ΔF/F| / √fs, in %·s^-1/2 (NaN differences ignored)."""
    d = np.abs(np.diff(dff))
    return float(100 * np.nanmedian(d) / np.sqrt(fs))


def mean_rate(t):
    return (len(t) - 1) / (t[-1] - t[0])


def moving_average(y, w):
    """Centred moving average over w samples ([i − ⌊w/2⌋, i − ⌊w/2⌋ + w)), shorter at the ends."""
    if w <= 1:
        return y.copy()
    c = np.concatenate([[0.0], np.cumsum(y)])
    n = len(y)
    lo = np.clip(np.arange(n) - w // 2, 0, n)
    hi = np.clip(np.arange(n) - w // 2 + w, 0, n)
    return (c[hi] - c[lo]) / (hi - lo)


def to_model_grid(t, dff, rate):
    """(grid times, values, resampled?) — unchanged within 5 % of the rate, else box-averaged over
    round(fs/rate) frames and linearly interpolated on t0 + k/rate."""
    fs = mean_rate(t)
    if abs(fs - rate) / rate <= 0.05:
        return t, dff, False
    w = max(1, int(round(fs / rate)))
    smooth = moving_average(dff, w)
    k = int(np.floor((t[-1] - t[0]) * rate + 1e-9)) + 1
    grid = t[0] + np.arange(k) / rate
    return grid, np.interp(grid, t, smooth), True


def spike_counts(spikes, grid):
    """Spikes per frame, frame i covering [midpoint to the previous frame, midpoint to the next)."""
    n = len(grid)
    edges = np.empty(n + 1)
    edges[1:-1] = 0.5 * (grid[:-1] + grid[1:])
    edges[0] = grid[0] - 0.5 * (grid[1] - grid[0])
    edges[-1] = grid[-1] + 0.5 * (grid[-1] - grid[-2])
    counts, _ = np.histogram(spikes, bins=edges)
    return counts.astype(float)


def smoothed_truth(spikes, grid, sigma_frames=SMOOTHING_FRAMES):
    return gaussian_filter1d(spike_counts(spikes, grid), sigma_frames, mode="reflect")


def pearson(a, b):
    a = a - a.mean()
    b = b - b.mean()
    den = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / den) if den > 0 else float("nan")


def spikefinder_r(pred, spikes, t):
    """Spikefinder protocol as metrics/spikefinder.ts: 100 Hz bin centres, 40 ms sums, Pearson."""
    dt, factor = 0.01, 4
    n = int(np.floor((t[-1] - t[0]) / dt + 1e-9))
    centres = t[0] + (np.arange(n) + 0.5) * dt
    m = n // factor
    p = np.interp(centres, t, pred)[: m * factor].reshape(m, factor).sum(1)
    k = np.floor((spikes - t[0]) / dt).astype(int)
    k = k[(k >= 0) & (k < n)]
    truth = np.bincount(k, minlength=n)[: m * factor].reshape(m, factor).sum(1).astype(float)
    return pearson(p, truth)


def cascade_r(pred, spikes, t, sigma_seconds=0.2):
    """CASCADE's metric as metrics/cascade.ts: Pearson with the truth per frame smoothed by σ."""
    mean_dt = (t[-1] - t[0]) / (len(t) - 1)
    truth = gaussian_filter1d(spike_counts(spikes, t), sigma_seconds / mean_dt, mode="reflect")
    return pearson(pred, truth)

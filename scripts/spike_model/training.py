"""Training data at a model rate (resampled ΔF/F, smoothed ground truth), noise-level matching,
the training loop with early stopping on held-out validation cells, and inference (the same
steps as the TypeScript inferSpikes) for scoring."""
import copy
import time

import numpy as np
import torch

from .net import NOISE_SCALE, SpikeNet
from .signal import cascade_r, mean_rate, noise_level, smoothed_truth, spikefinder_r, to_model_grid

# Training noise levels ν (%·s^-1/2): a segment keeps its own noise with probability KEEP_NATIVE,
# otherwise it is brought to a level drawn log-uniformly between its own and MAX_NOISE.
MAX_NOISE = 8.0
KEEP_NATIVE = 0.25
# White Gaussian noise of s.d. σ has median |difference| = √2 · 0.6745 · σ.
MEDIAN_ABS_DIFF_PER_SD = np.sqrt(2) * 0.6744897501960817


def prepare(recording, rate):
    """One recording at the model rate: values, smoothed truth, its own ν and the Poisson-like
    noise profile (CASCADE: noise s.d. ∝ √|1 + ΔF/F|, normalised to median 1)."""
    grid, values, resampled = to_model_grid(recording["t"], recording["dff"], rate)
    fs = rate if resampled else mean_rate(recording["t"])
    profile = np.sqrt(np.abs(values + 1))
    profile /= np.median(profile)
    return {
        "x": values.astype(np.float32),
        "y": smoothed_truth(recording["spikes"], grid).astype(np.float32),
        "fs": fs,
        "nu": noise_level(values, fs),
        "profile": profile.astype(np.float32),
    }


class SegmentSampler:
    """Random training segments, each dataset drawn equally often (CASCADE also balances
    datasets), within a dataset in proportion to recording length; noise added per segment."""

    def __init__(self, prepared_by_dataset, length, receptive_field, rng):
        self.rng = rng
        self.length = length
        self.half = receptive_field // 2
        self.out = length - receptive_field + 1
        self.datasets = []
        for recs in prepared_by_dataset:
            recs = [r for r in recs if len(r["x"]) > length]
            if recs:
                w = np.array([len(r["x"]) - length for r in recs], float)
                self.datasets.append((recs, w / w.sum()))

    def batch(self, size):
        xs = np.empty((size, 2, self.length), np.float32)
        ys = np.empty((size, self.out), np.float32)
        for b in range(size):
            recs, w = self.datasets[self.rng.integers(len(self.datasets))]
            r = recs[self.rng.choice(len(recs), p=w)]
            start = self.rng.integers(len(r["x"]) - self.length)
            x = r["x"][start : start + self.length].copy()
            if self.rng.random() >= KEEP_NATIVE:
                target = np.exp(self.rng.uniform(np.log(max(r["nu"], 1e-3)), np.log(MAX_NOISE)))
                extra = np.sqrt(max(target**2 - r["nu"] ** 2, 0.0))
                sd = extra / 100 * np.sqrt(r["fs"]) / MEDIAN_ABS_DIFF_PER_SD
                x += (self.rng.standard_normal(self.length) * sd * r["profile"][start : start + self.length]).astype(np.float32)
            xs[b, 0] = x
            xs[b, 1] = noise_level(x, r["fs"]) / NOISE_SCALE
            ys[b] = r["y"][start + self.half : start + self.half + self.out]
        return torch.from_numpy(xs), torch.from_numpy(ys)


def forward_trace(nets, values, fs):
    """Spikes per model frame for a whole trace (edge-replicated by half the receptive field),
    the mean over the ensemble's networks."""
    half = nets[0].receptive_field // 2
    padded = np.concatenate([np.full(half, values[0]), values, np.full(half, values[-1])]).astype(np.float32)
    x = torch.from_numpy(np.stack([padded, np.full_like(padded, noise_level(values, fs) / NOISE_SCALE, dtype=np.float32)]))[None]
    with torch.no_grad():
        return np.mean([net(x)[0].numpy().astype(np.float64) for net in nets], axis=0)


def infer_rate(nets, t, dff, rate):
    """Spike rate (Hz) at the recording's own frames, as the TypeScript inferSpikes computes it."""
    grid, values, resampled = to_model_grid(t, dff, rate)
    fs = rate if resampled else mean_rate(t)
    out = np.maximum(forward_trace(nets, values, fs), 0) * fs
    return np.interp(t, grid, out) if resampled else out


def score_cells(nets, cells, rate):
    """Per cell: spikefinder r and CASCADE correlation (σ 0.2 s), each averaged over recordings."""
    res = []
    for cell in cells:
        sf, cc = [], []
        for rec in cell["recordings"]:
            pred = infer_rate(nets, rec["t"], rec["dff"], rate)
            sf.append(spikefinder_r(pred, rec["spikes"], rec["t"]))
            cc.append(cascade_r(pred, rec["spikes"], rec["t"]))
        res.append({"cell": cell["name"], "spikefinder": float(np.nanmean(sf)), "cascade": float(np.nanmean(cc))})
    return res


def split_validation(cells_by_dataset, fraction, rng):
    """Hold out a fraction of each dataset's cells (at least one) for early stopping."""
    train, val = [], []
    for cells in cells_by_dataset:
        order = rng.permutation(len(cells))
        k = max(1, int(round(fraction * len(cells))))
        val.extend(cells[i] for i in order[:k])
        train.append([cells[i] for i in order[k:]])
    return train, val


def train_model(cells_by_dataset, rate, seed, steps, log, batch=32, segment=512, validate_every=250, arch=None):
    """Trains one model at `rate`; returns (net, history). Early stopping: the weights with the best
    mean spikefinder r on the held-out validation cells (15 % of each training dataset)."""
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    train_cells, val_cells = split_validation(cells_by_dataset, 0.15, rng)
    net = SpikeNet(**(arch or {}))
    prepared = [[prepare(rec, rate) for c in cells for rec in c["recordings"]] for cells in train_cells]
    sampler = SegmentSampler(prepared, segment + net.receptive_field - 1, net.receptive_field, rng)
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    best, best_r, history = None, -np.inf, []
    t0 = time.time()
    running = 0.0
    for step in range(1, steps + 1):
        x, y = sampler.batch(batch)
        loss = torch.mean((net(x) - y) ** 2)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        running += loss.item()
        if step % validate_every == 0 or step == steps:
            net.eval()
            # A validation cell whose r is undefined (no spike or a flat prediction in every recording) is skipped.
            r = float(np.nanmean([c["spikefinder"] for c in score_cells([net], val_cells, rate)]))
            net.train()
            history.append({"step": step, "loss": running / validate_every, "validation_r": r, "seconds": round(time.time() - t0, 1)})
            log(f"  step {step}: loss {running / validate_every:.5f}, validation r {r:.3f} ({time.time() - t0:.0f} s)")
            running = 0.0
            if best is None or r > best_r:
                best_r, best = r, copy.deepcopy(net.state_dict())
    net.load_state_dict(best)
    net.eval()
    return net, {"history": history, "best_validation_r": best_r, "validation_cells": [c["name"] for c in val_cells], "seconds": round(time.time() - t0, 1)}

#!/usr/bin/python3
"""Trains tsnwb's spike-inference networks from the CASCADE ground-truth collection.

    /usr/bin/python3 scripts/train-spike-model.py [--groundtruth ../shared/data/groundtruth]

Needs Debian's python3-torch (1.13), numpy, scipy. For each model rate (60 and 30 Hz; each model an
ensemble of three networks, see --members):
  1. leave-one-dataset-out cross-validation: five fold models, each trained on four datasets and
     scored on the fifth (spikefinder r and CASCADE's correlation per cell);
  2. the final model, trained on all five datasets.
Each training run holds out 15 % of its training cells (per dataset) and keeps the weights with
the best validation spikefinder r (early stopping); nothing is chosen on a test fold.
Writes kernel-ext/analysis/inference/model/trained-models.ts (the weights the TypeScript
inference uses) and trained-models.manifest.json (data, seed, commit, timings, cross-validation,
the TypeScript-vs-torch forward check). Runs single-threaded and seeded: the same inputs give
the same weights. Finished models are cached in .spike-model-work/ so an interrupted run resumes.
"""
import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spike_model.export import check_typescript_forward, model_record, write_module  # noqa: E402
from spike_model.groundtruth import DATASETS, load_collection  # noqa: E402
from spike_model.net import SpikeNet  # noqa: E402
from spike_model.signal import RATES, mean_rate, noise_level, to_model_grid  # noqa: E402
from spike_model.training import MAX_NOISE, score_cells, train_model  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO, "kernel-ext", "analysis", "inference", "model")
STEPS = 2000


def log(msg):
    print(msg, flush=True)


def git_commit():
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "scripts/train-spike-model.py", "scripts/spike_model"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        return head + ("+uncommitted-training-code" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def files_digest(root, data):
    h = hashlib.sha256()
    for ds in DATASETS:
        for cell in data[ds]:
            with open(os.path.join(root, ds, cell["name"] + ".mat"), "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def model_seed(base, rate, held_out):
    key = f"{rate}/{held_out or 'all'}".encode()
    return base + int.from_bytes(hashlib.sha256(key).digest()[:3], "little")


def native_ranges(cells_by_dataset, rate):
    """(ν range, frame-rate range) of the training recordings, ν measured as the model sees them."""
    nus, rates = [], []
    for cells in cells_by_dataset:
        for c in cells:
            for r in c["recordings"]:
                grid, values, resampled = to_model_grid(r["t"], r["dff"], rate)
                nus.append(noise_level(values, rate if resampled else mean_rate(r["t"])))
                rates.append(mean_rate(r["t"]))
    return [round(min(nus), 3), MAX_NOISE], [round(min(rates), 2), round(max(rates), 2)]


def train_member(work, data, rate, held_out, seed, member):
    """Trains (or loads from the work cache) one network of a model's ensemble."""
    name = f"{rate:g}Hz" + (f"-without-{held_out[:4]}" if held_out else "") + (f"-m{member}" if member else "")
    path = os.path.join(work, name + ".pt")
    if os.path.exists(path):
        saved = torch.load(path)
        net = SpikeNet(**saved["arch"])
        net.load_state_dict(saved["state"])
        net.eval()
        log(f"{name}: loaded from {path}")
        return net, saved["info"]
    train_sets = [ds for ds in DATASETS if ds != held_out]
    for attempt in range(5):
        # A network whose output collapsed to a constant (every ReLU dead: the validation r is
        # undefined at every check) is retrained from the next seed.
        s = seed + 104729 * attempt
        log(f"{name}: training on {', '.join(ds[:4] for ds in train_sets)} (seed {s})")
        net, info = train_model([data[ds] for ds in train_sets], rate, s, STEPS, log)
        info["seed"] = s
        if np.isfinite(info["best_validation_r"]):
            break
        log(f"{name}: seed {s} gave a constant output; retraining")
    else:
        sys.exit(f"{name}: five seeds gave a network with a constant output")
    torch.save({"arch": net.spec, "state": net.state_dict(), "info": info}, path)
    return net, info


def run_one(work, data, rate, held_out, base_seed, members):
    """One model: an ensemble of `members` networks (seeds differ, and so do their validation
    cells); for a fold model, its scores on the held-out dataset. Returns (nets, metadata, info)."""
    name = f"{rate:g}Hz" + (f"-without-{held_out[:4]}" if held_out else "")
    seed = model_seed(base_seed, rate, held_out)
    # Members after the first are trained first, so a second process run at the same time on the
    # same work folder does not repeat the first process's work.
    order = list(range(1, members)) + [0]
    trained = {k: train_member(work, data, rate, held_out, seed + 7919 * k, k) for k in order}
    nets = [trained[k][0] for k in range(members)]
    infos = [trained[k][1] for k in range(members)]
    info = {"seconds": round(sum(i["seconds"] for i in infos), 1), "members": [{"seed": i.get("seed", seed + 7919 * k), "best_validation_r": i["best_validation_r"], "validation_cells": i["validation_cells"], "seconds": i["seconds"]} for k, i in enumerate(infos)]}
    if held_out:
        cells = score_cells(nets, data[held_out], rate)
        info["test"] = {"dataset": held_out, "cells": cells}
        sf = [c["spikefinder"] for c in cells]
        log(f"{name}: test {held_out[:4]} spikefinder r {np.mean(sf):.3f} ± {np.std(sf, ddof=1) / np.sqrt(len(sf)):.3f} (ensemble of {members})")
    train_sets = [ds for ds in DATASETS if ds != held_out]
    noise_range, gt_rates = native_ranges([data[ds] for ds in train_sets], rate)
    meta = {"id": name, "rate": rate, "trainedOn": train_sets, "heldOut": held_out, "noiseRange": noise_range, "groundTruthRates": gt_rates, "seed": seed}
    return nets, meta, info


def summary(cells):
    v = np.array([c for c in cells if np.isfinite(c)])
    return {"mean": round(float(v.mean()), 4), "sem": round(float(v.std(ddof=1) / np.sqrt(len(v))), 4), "n": int(len(v))}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--groundtruth", default=os.path.join(REPO, "..", "shared", "data", "groundtruth"))
    parser.add_argument("--seed", type=int, default=20210318)
    parser.add_argument("--work", default=os.path.join(REPO, ".spike-model-work"))
    parser.add_argument("--members", default="60:3,30:3", help="networks per model at each rate (an ensemble, as CASCADE's), RATE:N,…")
    parser.add_argument("--rates", default=",".join(f"{r:g}" for r in sorted(RATES, reverse=True)), help="model rates to train, e.g. 60,30")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    os.makedirs(args.work, exist_ok=True)
    root = os.path.abspath(args.groundtruth)
    if not os.path.isdir(root):
        sys.exit(f"ground truth folder not found: {root} (expected the five DSxx folders of the CASCADE collection)")
    t_start = time.time()
    data = load_collection(root)
    log(f"ground truth: {sum(len(v) for v in data.values())} cells in {root}")
    records, nets, cv, timings = [], {}, {}, {}
    members = {float(k): int(v) for k, v in (item.split(":") for item in args.members.split(","))}
    for rate in [float(r) for r in args.rates.split(",")]:
        cv_key = f"{rate:g}Hz"
        cv[cv_key] = {}
        for held_out in [*DATASETS, None]:
            model_nets, meta, info = run_one(args.work, data, rate, held_out, args.seed, members[rate])
            records.append(model_record(model_nets, meta, [m["seed"] for m in info["members"]]))
            nets[meta["id"]] = model_nets
            timings[meta["id"]] = info["seconds"]
            if held_out:
                cells = info["test"]["cells"]
                cv[cv_key][held_out] = {
                    "spikefinder": summary([c["spikefinder"] for c in cells]),
                    "cascade": summary([c["cascade"] for c in cells]),
                    "validationR": [round(m["best_validation_r"], 4) for m in info["members"]],
                    "cells": cells,
                }
    records.sort(key=lambda r: (r["heldOut"] is not None, -r["rate"], r["heldOut"] or ""))
    write_module(records, os.path.join(OUT_DIR, "trained-models.ts"), f"seed {args.seed}")
    log("checking the TypeScript forward pass against torch …")
    check = check_typescript_forward(REPO, nets, args.seed, os.path.join(REPO, "test", "analysis", "spike-model-torch-outputs.json"))
    log(f"  max |TypeScript − torch| = {check['maxAbsDifference']:.2e} (outputs up to {check['maxAbsOutput']:.3f})")
    total = 0
    for r in records:
        for member in r["members"]:
            for layer in member["layers"]:
                total += len(layer["weight"]) * 3 // 4 + len(layer["bias"]) * 3 // 4
    manifest = {
        "generator": "scripts/train-spike-model.py",
        "commit": git_commit(),
        "seed": args.seed,
        "groundTruth": {"root": "../shared/data/groundtruth (CASCADE collection, Rupprecht et al. 2021)", "datasets": {ds: [c["name"] for c in data[ds]] for ds in DATASETS}, "sha256": files_digest(root, data)},
        "environment": {"python": platform.python_version(), "torch": torch.__version__, "numpy": np.__version__, "threads": torch.get_num_threads(), "machine": platform.machine()},
        "architecture": {**SpikeNet().spec, "receptiveField": SpikeNet().receptive_field, "parameters": sum(p.numel() for p in SpikeNet().parameters())},
        "training": {"steps": STEPS, "batch": 32, "segmentFrames": 512, "optimizer": "Adam 2e-3, cosine decay", "loss": "mean squared error", "smoothingFrames": 1.5, "maxNoise": MAX_NOISE, "validationFraction": 0.15, "ensembleMembers": {f"{k:g}Hz": v for k, v in members.items()}},
        "models": [{"id": r["id"], "rate": r["rate"], "heldOut": r["heldOut"], "sha256": r["sha256"], "trainingSeconds": timings[r["id"]], "memberSeeds": [m["seed"] for m in r["members"]], "noiseRange": r["noiseRange"]} for r in records],
        "weightBytes": total,
        "typescriptForwardCheck": check,
        "crossValidation": cv,
        "totalSeconds": round(time.time() - t_start, 1),
    }
    with open(os.path.join(OUT_DIR, "trained-models.manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    log(f"wrote {len(records)} models ({total / 1e6:.2f} MB of weights) in {time.time() - t_start:.0f} s")
    if not check["maxAbsDifference"] <= 1e-5:
        sys.exit(f"TypeScript forward pass differs from torch by {check['maxAbsDifference']} (> 1e-5)")


if __name__ == "__main__":
    main()

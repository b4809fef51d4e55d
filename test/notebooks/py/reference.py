"""Independent reference values for the notebook tests, read with h5py and computed with numpy.

usage: reference.py COMMAND JSON_ARG   → one JSON object on stdout
"""
import json
import sys
from pathlib import Path

import h5py
import numpy as np

# The isolated-event grouping is shared with the widget references (one definition to check).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "widgets" / "reference"))
from isolated_events import ISOLATION_WINDOWS, JOIN, isolated_events  # noqa: E402


def s(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def metadata(arg):
    with h5py.File(arg["file"], "r") as f:
        plane = f["general/optophysiology/ImagingPlane"]
        raw = f["acquisition/ElectricalSeries_raw"]
        idx = f["units/spike_times_index"][()]
        counts = np.diff(np.concatenate([[0], idx])).tolist()
        return {
            "nwbVersion": s(f.attrs["nwb_version"]), "identifier": s(f["identifier"][()]),
            "species": s(f["general/subject/species"][()]), "sex": s(f["general/subject/sex"][()]),
            "electrodeCount": int(f["general/extracellular_ephys/electrodes/id"].shape[0]),
            "electrodeLocation": s(f["general/extracellular_ephys/electrodes/location"][0]),
            "indicator": s(plane["indicator"][()]), "excitationLambda": float(plane["excitation_lambda"][()]),
            "emissionLambda": float(plane["OpticalChannel/emission_lambda"][()]),
            "rawSamples": int(raw["data"].shape[0]), "rawRate": float(raw["starting_time"].attrs["rate"]),
            "movieFrames": int(f["acquisition/TwoPhotonSeries_green/data"].shape[0]),
            "movieFrameShape": list(f["acquisition/TwoPhotonSeries_green/data"].shape[1:]),
            "spikeCounts": counts,
        }


def spikes_in_voltage(arg):
    """Per file: stored spike times inside the voltage trace's time span."""
    out = {}
    for path in arg["files"]:
        with h5py.File(path, "r") as f:
            raw = f["acquisition/ElectricalSeries_raw"]
            t0 = float(raw["starting_time"][()])
            t1 = t0 + raw["data"].shape[0] / float(raw["starting_time"].attrs["rate"])
            st = f["units/spike_times"][()]
            out[path.split("/")[-1]] = {"total": int(st.size), "inVoltage": int(np.sum((st >= t0) & (st < t1))), "end": t1}
    return out


COMMANDS = {"metadata": metadata, "spikes_in_voltage": spikes_in_voltage}


def traces(arg):
    """ΔF/F, its timestamps and the stored spike times of one file, as stored."""
    with h5py.File(arg["file"], "r") as f:
        rrs = f["processing/ophys/DfOverF/roi_response_series"]
        return {"dff": rrs["data"][()].tolist(), "times": rrs["timestamps"][()].tolist(),
                "spikes": f["units/spike_times"][()].tolist(),
                "indicator": s(f["general/optophysiology/ImagingPlane/indicator"][()])}


COMMANDS["traces"] = traces


# Huang et al. 2021 peak definitions, per indicator: peak search window (s), half-width of the
# average around the maximum (s). Grouping and isolation windows: isolated_events.py.
PEAK_WINDOWS = {"GCaMP6s": (0.5, 0.05), "GCaMP6f": (0.3, 0.05)}


def peak_dff(dff, t, onset, search, half, base):
    a = np.searchsorted(t, onset, "left")
    b = np.searchsorted(t, onset + search + 1e-12, "left")
    if b <= a:
        return np.nan
    im = a + int(np.argmax(dff[a:b]))
    lo = np.searchsorted(t, t[im] - half - 1e-12, "left")
    hi = np.searchsorted(t, t[im] + half + 1e-12, "left")
    v = dff[lo:hi].mean()
    bl = np.searchsorted(t, onset - base, "left")
    if base > 0 and a > bl:
        v -= dff[bl:a].mean()
    return v


def coupling(arg):
    """Per file: isolated event counts per AP count, mean 1-AP peak, the 1% FP threshold from the
    spike-free null windows, detection probabilities — numpy on h5py-read data."""
    out = []
    for path in arg["files"]:
        with h5py.File(path, "r") as f:
            rrs = f["processing/ophys/DfOverF/roi_response_series"]
            dff, t = rrs["data"][()], rrs["timestamps"][()]
            spikes = np.sort(f["units/spike_times"][()])
            ind = s(f["general/optophysiology/ImagingPlane/indicator"][()])
        group, (before, after), (search, half) = JOIN, ISOLATION_WINDOWS[ind], PEAK_WINDOWS[ind]
        iso = [(onset, count) for onset, _, count in isolated_events(spikes, before, after)]  # (onset, AP count)
        # Null onsets every `search` s, no spike in [t − before, t + group + after].
        nulls, tt = [], t[0] + before
        while tt + search <= t[-1]:
            i = np.searchsorted(spikes, tt - before, "left")
            if not (i < len(spikes) and spikes[i] <= tt + group + after):
                nulls.append(tt)
            tt += search
        null_peaks = np.array([peak_dff(dff, t, x, search, half, before) for x in nulls])
        null_peaks = null_peaks[~np.isnan(null_peaks)]
        usable = [e for e in iso if e[0] + search <= t[-1] and e[0] >= t[0]]
        res = {"file": path.split("/")[-1], "indicator": ind, "isolated": [sum(1 for e in iso if e[1] == k) for k in (1, 2, 3)],
               "nullWindows": int(null_peaks.size),
               # events whose [-0.5, 2] s window lies inside the recording (what the averages use)
               "inWindow": [sum(1 for e in iso if e[1] == k and e[0] - 0.5 >= t[0] and e[0] + 2 <= t[-1]) for k in (1, 2)] +
                           [sum(1 for e in iso if e[1] >= 3 and e[0] - 0.5 >= t[0] and e[0] + 2 <= t[-1])]}
        if null_peaks.size >= 100:
            thr = float(np.quantile(null_peaks, 0.99))  # linear interpolation, as the library
            res["threshold"] = thr
            for k in (1, 2):
                pk = np.array([peak_dff(dff, t, e[0], search, half, before) for e in usable if e[1] == k])
                res[f"p{k}"] = float(np.mean(pk > thr)) if pk.size else None
                if k == 1:
                    res["peak1"] = float(pk.mean()) if pk.size else None
        out.append(res)
    return out


COMMANDS["coupling"] = coupling


def imaging(arg):
    """ROI and neuropil-ring traces from the movie (numpy), F − 0.8·F_np, scipy's percentile_filter
    baseline (8th percentile, reflect), ΔF/F, and its Pearson r with the stored ΔF/F."""
    from scipy.ndimage import percentile_filter
    with h5py.File(arg["file"], "r") as f:
        mov = f["acquisition/TwoPhotonSeries_green/data"][()].astype(np.float64)
        pm = f["processing/ophys/ImageSegmentation/plane_segmentation/pixel_mask"][()]
        n = mov.shape[0]
        stored = f["processing/ophys/DfOverF/roi_response_series/data"][:n]
    h, w = mov.shape[1:]
    m = np.zeros((h, w))
    for x, y, wt in pm:  # pixel_mask (x, y, weight): x indexes the frame's first axis, as the movie's data
        m[int(x), int(y)] = wt
    ii, jj = np.nonzero(m > 0)
    gi, gj = np.mgrid[0:h, 0:w]
    d2 = ((gi[..., None] - ii) ** 2 + (gj[..., None] - jj) ** 2).min(-1)
    ring = ((d2 > 1) & (d2 <= 25) & (m == 0)).astype(np.float64)
    f_roi = (mov * m).sum((1, 2)) / m.sum()
    f_np = (mov * ring).sum((1, 2)) / ring.sum()
    c = f_roi - 0.8 * f_np
    out = {"nFrames": n, "roiPixels": int((m > 0).sum()), "ringPixels": int(ring.sum()), "meanRoi": f_roi.mean(), "meanNeuropil": f_np.mean()}
    for key, win in (("", arg["window"]), ("Short", arg["shortWindow"])):
        f0 = percentile_filter(c, 8, size=win, mode="reflect")
        d = (c - f0) / f0
        out["r" + key] = float(np.corrcoef(d, stored)[0, 1])
        if key == "":
            out["meanDff"] = float(d.mean())
            out["dffSamples"] = [float(d[i]) for i in (0, 100, 500, 1000, n - 1)]
    return out


COMMANDS["imaging"] = imaging

if __name__ == "__main__":
    print(json.dumps(COMMANDS[sys.argv[1]](json.loads(sys.argv[2]))))

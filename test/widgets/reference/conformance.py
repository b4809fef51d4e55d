"""The conformance sweep's independent side (h5py + numpy; none of our code).

  conformance.py write DIR        writes scaled.nwb: NWB scaling cases no fixture has
  conformance.py rescale SRC,OUT  copies a recording, storing the same values with other scaling
  conformance.py reference CASES  reads a JSON list of {kind, file, path, ...} and prints, per case,
                                  what the view must hold, in physical units, as one JSON list

Scaling (NWB): value = stored * conversion * channel_conversion[channel] + offset, in data.attrs unit.
"""
import json
import os
import shutil
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "nwb"))
from nwb_h5py import STR, typed  # noqa: E402


def write(out_dir):
    rng = np.random.default_rng(13)
    json.dump({"file": f"{out_dir}/scaled.nwb"}, sys.stdout)
    write_bad(out_dir)
    with h5py.File(f"{out_dir}/scaled.nwb", "w") as f:
        typed(f, "NWBFile", nwb_version="2.6.0")
        f.create_dataset("identifier", data="conformance-scaling", dtype=STR)
        f.create_dataset("session_description", data="channel_conversion, offset, negative conversion, late timestamps", dtype=STR)
        f.create_dataset("session_start_time", data="2026-01-01T00:00:00+00:00", dtype=STR)
        ece = f.create_group("general/extracellular_ephys")
        el = typed(ece.create_group("electrodes"), "DynamicTable", "hdmf-common", description="electrodes")
        el.attrs["colnames"] = np.array(["location", "imp"], dtype=object)
        typed(el.create_dataset("id", data=np.arange(4, dtype=np.int64)), "ElementIdentifiers", "hdmf-common")
        typed(el.create_dataset("location", data=["CA1", "CA3", "DG", "V1"], dtype=STR), "VectorData", "hdmf-common", description="where")
        typed(el.create_dataset("imp", data=np.array([1.5e6, 2.25e6, -1.0, 3.0e5])), "VectorData", "hdmf-common", description="impedance")

        # The reported case: int16 counts with channel_conversion 5e-8 (volts), one channel.
        es1 = typed(f.create_group("acquisition/es_cc_one"), "ElectricalSeries", description="1 channel, channel_conversion 5e-8")
        es1.create_dataset("data", data=rng.integers(-30000, 30000, 50000, dtype=np.int16)).attrs["unit"] = "volts"
        es1.create_dataset("channel_conversion", data=np.array([5e-8], dtype=np.float32)).attrs["axis"] = np.int32(1)
        es1.create_dataset("starting_time", data=0.0).attrs["rate"] = 25000.0
        typed(es1.create_dataset("electrodes", data=np.array([0], dtype=np.int64)), "DynamicTableRegion", "hdmf-common", description="one", table=el.ref)

        # Small enough (12 values) to be read at open and previewed in the HTML repr, scaled.
        small = typed(f.create_group("acquisition/es_small"), "ElectricalSeries", description="6 samples x 2 channels")
        d = small.create_dataset("data", data=np.array([[100, -200], [300, 400], [-500, 600], [700, -800], [900, 1000], [-1100, 1200]], dtype=np.int16))
        d.attrs.update({"unit": "volts", "conversion": 0.5, "offset": 0.25})
        small.create_dataset("channel_conversion", data=np.array([5e-8, -2e-6], dtype=np.float32)).attrs["axis"] = np.int32(1)
        small.create_dataset("starting_time", data=60.0).attrs["rate"] = 2.0
        typed(small.create_dataset("electrodes", data=np.array([0, 1], dtype=np.int64)), "DynamicTableRegion", "hdmf-common", description="two", table=el.ref)

        # Four int16 channels: conversion × per-channel factors (one negative) + offset, late start.
        es4 = typed(f.create_group("acquisition/es_cc_four"), "ElectricalSeries", description="4 channels")
        d = es4.create_dataset("data", data=rng.integers(-2000, 2000, (40000, 4), dtype=np.int16), chunks=(4096, 4))
        d.attrs.update({"unit": "volts", "conversion": 2.0, "offset": -0.001})
        es4.create_dataset("channel_conversion", data=np.array([5e-8, 1e-7, -2.5e-8, 4e-6], dtype=np.float32)).attrs["axis"] = np.int32(1)
        es4.create_dataset("starting_time", data=1234.5).attrs["rate"] = 10000.0
        typed(es4.create_dataset("electrodes", data=np.array([3, 2, 1, 0], dtype=np.int64)), "DynamicTableRegion", "hdmf-common", description="all", table=el.ref)

        # float32 with conversion and offset on irregular timestamps starting at 1000.3 s, with NaN gaps.
        ts = typed(f.create_group("acquisition/ts_offset"), "TimeSeries", description="conversion 2.5, offset -1.25, timestamps")
        v = rng.normal(size=30000).astype(np.float32)
        v[5000:5100] = np.nan
        d = ts.create_dataset("data", data=v)
        d.attrs.update({"unit": "mV", "conversion": 2.5, "offset": -1.25})
        ts.create_dataset("timestamps", data=1000.3 + np.cumsum(rng.exponential(0.001, 30000)))

        # Negative conversion: the stored minimum is the maximum in the unit.
        neg = typed(f.create_group("acquisition/ts_negative"), "TimeSeries", description="conversion -3e-3, offset 0.1")
        d = neg.create_dataset("data", data=rng.integers(-500, 800, (20000, 2), dtype=np.int16))
        d.attrs.update({"unit": "pA", "conversion": -3e-3, "offset": 0.1})
        neg.create_dataset("starting_time", data=7.0).attrs["rate"] = 100.0

        # A movie with negative conversion and offset, and a segmentation of its plane.
        oph = f.create_group("general/optophysiology")
        dev = typed(f.create_group("general/devices/scope"), "Device")
        plane = typed(oph.create_group("plane"), "ImagingPlane", description="plane")
        plane.create_dataset("excitation_lambda", data=920.0)
        plane.create_dataset("indicator", data="GCaMP6f", dtype=STR)
        plane.create_dataset("location", data="V1", dtype=STR)
        plane["device"] = dev
        oc = typed(plane.create_group("green"), "OpticalChannel")
        oc.create_dataset("description", data="green", dtype=STR)
        oc.create_dataset("emission_lambda", data=510.0)
        tp = typed(f.create_group("acquisition/movie"), "TwoPhotonSeries", description="uint16, conversion -0.5, offset 100")
        d = tp.create_dataset("data", data=rng.integers(0, 4000, (12, 9, 7), dtype=np.uint16))
        d.attrs.update({"unit": "a.u.", "conversion": -0.5, "offset": 100.0})
        tp.create_dataset("timestamps", data=3.0 + 0.1 * np.arange(12))
        tp["imaging_plane"] = plane
        # Volumetric frames (time, x, y, z) with negative conversion: the view shows the max over z in the unit.
        vol = typed(f.create_group("acquisition/volume"), "ImageSeries", description="int16 volumes, conversion -2, offset 1")
        d = vol.create_dataset("data", data=rng.integers(-1000, 1000, (5, 6, 4, 3), dtype=np.int16))
        d.attrs.update({"unit": "a.u.", "conversion": -2.0, "offset": 1.0})
        vol.create_dataset("starting_time", data=100.0).attrs["rate"] = 2.0
        typed(f.create_group("processing/ophys"), "ProcessingModule", description="ophys")
        typed(f["processing/ophys"].create_group("ImageSegmentation"), "ImageSegmentation")
        ps = typed(f.create_group("processing/ophys/ImageSegmentation/rois"), "PlaneSegmentation", description="3 ROIs")
        ps.attrs["colnames"] = np.array(["image_mask"], dtype=object)
        masks = np.zeros((3, 9, 7), dtype=np.float32)
        masks[0, 1:4, 1:3] = 1.0
        masks[1, 5, 2:7] = 0.5
        masks[2, 6:9, 0:2] = 0.25
        masks[2, 8, 6] = 1.0
        typed(ps.create_dataset("image_mask", data=masks), "VectorData", "hdmf-common", description="masks")
        typed(ps.create_dataset("id", data=np.array([10, 11, 12], dtype=np.int64)), "ElementIdentifiers", "hdmf-common")
        ps["imaging_plane"] = plane
        # ΔF/F of ROIs 12 and 10 (rows 2 and 0), stored ×1000 with an offset: what a linked RoiView shows.
        typed(f["processing/ophys"].create_group("DfOverF"), "DfOverF")
        rrs = typed(f.create_group("processing/ophys/DfOverF/dff"), "RoiResponseSeries", description="conversion 1e-3, offset -0.1")
        d = rrs.create_dataset("data", data=rng.integers(-100, 3000, (12, 2), dtype=np.int32))
        d.attrs.update({"unit": "n.a.", "conversion": 1e-3, "offset": -0.1})
        rrs.create_dataset("timestamps", data=3.0 + 0.1 * np.arange(12))
        typed(rrs.create_dataset("rois", data=np.array([2, 0], dtype=np.int64)), "DynamicTableRegion", "hdmf-common", description="ROIs 12, 10", table=ps.ref)


def rescale(args):
    """SRC OUT: a copy of a DANDI:000048-layout recording whose ΔF/F is stored as (ΔF/F − 0.5) / 1e-3
    with conversion 1e-3 and offset 0.5, and whose voltages use conversion 1 with channel_conversion
    = the original conversion (NWB ≥ 2.1): the same values in the unit, stored differently."""
    src, out = args.split(",")
    shutil.copyfile(src, out)
    with h5py.File(out, "r+") as f:
        g = f["/processing/ophys/DfOverF/roi_response_series"]
        dff = g["data"][()].astype(np.float64) * float(g["data"].attrs.get("conversion", 1.0)) + float(g["data"].attrs.get("offset", 0.0))
        attrs = dict(g["data"].attrs)
        del g["data"]
        d = g.create_dataset("data", data=(dff - 0.5) / 1e-3)
        d.attrs.update({**attrs, "conversion": 1e-3, "offset": 0.5})
        for p in ["/acquisition/ElectricalSeries_raw", "/processing/ecephys/ElectricalSeries_processed"]:
            if p in f:
                es = f[p]
                conv = float(es["data"].attrs.get("conversion", 1.0))
                es["data"].attrs["conversion"] = 1.0
                es.create_dataset("channel_conversion", data=np.array([conv], dtype=np.float32)).attrs["axis"] = np.int32(1)
    json.dump({"file": out}, sys.stdout)


def write_bad(out_dir):
    """bad_scaling.nwb: an ElectricalSeries of 3 channels with 2 channel_conversion factors."""
    with h5py.File(f"{out_dir}/bad_scaling.nwb", "w") as f:
        typed(f, "NWBFile", nwb_version="2.6.0")
        f.create_dataset("identifier", data="bad-scaling", dtype=STR)
        f.create_dataset("session_description", data="channel_conversion of the wrong length", dtype=STR)
        es = typed(f.create_group("acquisition/es"), "ElectricalSeries", description="3 channels, 2 factors")
        es.create_dataset("data", data=np.arange(15, dtype=np.int16).reshape(5, 3)).attrs["unit"] = "volts"
        es.create_dataset("channel_conversion", data=np.array([1e-6, 2e-6], dtype=np.float32))
        es.create_dataset("starting_time", data=0.0).attrs["rate"] = 10.0


def scaling(group, ds):
    conv = float(ds.attrs.get("conversion", 1.0))
    off = float(ds.attrs.get("offset", 0.0))
    cc = np.asarray(group["channel_conversion"][()], dtype=np.float64).reshape(-1) if "channel_conversion" in group else None
    return conv, off, cc


def finite(a):
    """Flat list, NaN/inf as None (JSON has no NaN)."""
    return [float(x) if np.isfinite(x) else None for x in np.asarray(a, dtype=np.float64).ravel()]


def text(v):
    if isinstance(v, np.ndarray):  # an attribute stored as a one-element array (MatNWB)
        v = v.ravel()[0] if v.size else ""
    return v.decode() if isinstance(v, bytes) else str(v)


def lane(f, case):
    g = f[case["path"]]
    ds = g["data"]
    conv, off, cc = scaling(g, ds)
    ch = case["channel"]
    raw = ds[()] if ds.ndim == 1 else ds[:, ch]
    if raw.ndim > 1:  # more dimensions after the channel: the lane shows their first column
        raw = raw.reshape(raw.shape[0], -1)[:, 0]
    gain = conv * (cc[ch if ds.ndim > 1 else 0] if cc is not None else 1.0)
    values = raw.astype(np.float64) * gain + off
    n = values.shape[0]
    if "timestamps" in g:
        times = np.asarray(g["timestamps"][:n], dtype=np.float64)
    else:
        times = float(g["starting_time"][()]) + np.arange(n) / float(g["starting_time"].attrs["rate"])
    order = np.argsort(times, kind="stable")  # a view draws samples in time order
    times, values = times[order], values[order]
    t0, t1, P = case["t0"], case["t1"], case["pixels"]
    inside = (times >= t0) & (times <= t1)
    tt, vv = times[inside], values[inside]
    bucket = np.minimum(P - 1, np.floor((tt - t0) * P / (t1 - t0)).astype(np.int64))
    lo = [None] * P
    hi = [None] * P
    tfirst = [None] * P
    tlast = [None] * P
    finite = np.isfinite(vv)
    bounds = np.searchsorted(bucket, np.arange(P + 1))
    for b in range(P):
        a, z = bounds[b], bounds[b + 1]
        fin = finite[a:z]
        if not fin.any():
            continue
        seg = vv[a:z][fin]
        st = tt[a:z][fin]
        lo[b], hi[b], tfirst[b], tlast[b] = float(seg.min()), float(seg.max()), float(st[0]), float(st[-1])
    return {"unit": text(ds.attrs.get("unit", "")), "samples": int(n), "inside": int(inside.sum()),
            "extent": [float(times.min()), float(times.max())] if n else [0.0, 0.0], "lo": lo, "hi": hi, "tfirst": tfirst, "tlast": tlast}


def raster(f, case):
    g = f[case["path"]]
    st = np.asarray(g["spike_times"][()], dtype=np.float64)
    ends = np.asarray(g["spike_times_index"][()], dtype=np.int64) if "spike_times_index" in g else np.array([st.size])
    starts = np.concatenate([[0], ends[:-1]])
    ids = [int(i) for i in g["id"][()]] if "id" in g else list(range(len(ends)))
    return {"ids": ids, "spikes": [np.sort(st[a:b]).tolist() for a, b in zip(starts, ends)]}


def roi(f, case):
    g = f[case["path"]]
    h, w = case["imageSize"]
    if "image_mask" in g:
        h, w = g["image_mask"].shape[1:3]
    counts = []
    if "pixel_mask" in g or "voxel_mask" in g:
        name = "pixel_mask" if "pixel_mask" in g else "voxel_mask"
        pm = g[name][()]
        ends = np.asarray(g[f"{name}_index"][()], dtype=np.int64)
        starts = np.concatenate([[0], ends[:-1]])
        for a, b in zip(starts, ends):
            rows = pm[a:b]
            if pm.dtype.names:  # compound (x, y[, z], weight)
                x, y = rows["x"], rows["y"]
                wt = rows["weight"] if "weight" in pm.dtype.names else np.ones(b - a)
            else:  # a plain (n, 3) array: x, y, weight columns
                x, y = rows[:, 0], rows[:, 1]
                wt = rows[:, -1] if rows.shape[1] > 2 else np.ones(b - a)
            keep = (wt > 0) & (x >= 0) & (x < h) & (y >= 0) & (y < w)  # the view draws the plane, clipped
            counts.append(len({(int(i), int(j)) for i, j in zip(x[keep], y[keep])}))
    elif "image_mask" in g:
        im = g["image_mask"][()]
        if im.ndim == 4:  # a z axis: the plane's outline is the union over z
            im = im.max(axis=3)
        counts = [int((m > 0).sum()) for m in im]
    out = {"ids": [int(i) for i in g["id"][()]], "pixelCounts": counts, "imageSize": [int(h), int(w)]}
    if case.get("movie"):
        ds = f[case["movie"]]["data"]
        conv, off, _ = scaling(f[case["movie"]], ds)
        frames = ds[: case["stop"]].astype(np.float64) * conv + off
        out["mean"] = finite(frames.mean(axis=0))
        out["max"] = finite(frames.max(axis=0))
        out["min"] = finite(frames.min(axis=0))
    return out


def movie(f, case):
    g = f[case["path"]]
    ds = g["data"]
    conv, off, _ = scaling(g, ds)
    if ds.shape[0] == 0:
        return {"count": 0, "frame": None, "time": None}
    i = case["frame"]
    fr = ds[i].astype(np.float64) * conv + off
    if fr.ndim == 3:
        fr = fr.max(axis=2)
    t = float(g["timestamps"][i]) if "timestamps" in g else float(g["starting_time"][()]) + i / float(g["starting_time"].attrs["rate"])
    return {"count": int(ds.shape[0]), "frame": finite(fr), "time": t}


def table(f, case):
    g = f[case["path"]]
    a, b = case["offset"], case["offset"] + case["limit"]
    cols = {}
    for name in case["columns"]:
        ds = g[name]
        if ds.ndim != 1 or f"{name}_index" in g or ds.dtype.names or ds.dtype.kind not in "iufSOTb":
            continue
        v = ds[a:b]
        if ds.dtype.kind in "iuf":
            cols[name] = [None if not np.isfinite(x) else float(x) for x in v.astype(np.float64)]
        elif ds.dtype.kind == "b":
            cols[name] = [float(x) for x in v]  # HDF5 has no boolean: stored as an enum of 0 and 1
        elif h5py.check_string_dtype(ds.dtype) is not None:
            cols[name] = [text(x) for x in v]
    ids = [int(i) for i in g["id"][a:b]] if "id" in g else list(range(a, min(b, g[case["columns"][0]].shape[0])))
    return {"ids": ids, "columns": cols}


def values(f, case):
    """A series' whole data in its unit (small series only)."""
    g = f[case["path"]]
    ds = g["data"]
    conv, off, cc = scaling(g, ds)
    v = ds[()].astype(np.float64) * conv
    if cc is not None:
        v = v * (cc if ds.ndim > 1 else cc[0])
    return finite(v + off)


def signal(f, case):
    """One column of a series in its unit, with its sample times (what spike inference reads)."""
    g = f[case["path"]]
    ds = g["data"]
    conv, off, cc = scaling(g, ds)
    ch = case["channel"]
    raw = ds[()] if ds.ndim == 1 else ds[:, ch]
    gain = conv * (cc[ch if ds.ndim > 1 else 0] if cc is not None else 1.0)
    n = raw.shape[0]
    if "timestamps" in g:
        times = np.asarray(g["timestamps"][:n], dtype=np.float64)
    else:
        times = float(g["starting_time"][()]) + np.arange(n) / float(g["starting_time"].attrs["rate"])
    return {"values": finite(raw.astype(np.float64) * gain + off), "timestamps": [float(t) for t in times]}


KINDS = {"values": values, "signal": signal, "lane": lane, "raster": raster, "roi": roi, "movie": movie, "table": table}


def reference(cases_path):
    cases = json.load(open(cases_path))
    files = {}
    out = []
    try:
        for c in cases:
            f = files.get(c["file"]) or files.setdefault(c["file"], h5py.File(c["file"], "r"))
            out.append(KINDS[c["kind"]](f, c))
    finally:
        for f in files.values():
            f.close()
    json.dump(out, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    {"write": write, "reference": reference, "rescale": rescale}[sys.argv[1]](sys.argv[2])

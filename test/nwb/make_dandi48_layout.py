"""Writes a small NWB 2.2.5 file with the DANDI:000048 layout (one cell: cell-attached ephys +
two-photon imaging) using h5py only, for the reader tests: the layout's specifics (pixel_mask as a
plain (N, 3) int32 array, electrodes region of one row, irregular frame timestamps) are not in
any shipped fixture. Values are random but seeded; the tests read the expected values back with
h5py. Usage: make_dandi48_layout.py OUT.nwb
"""
import sys

import h5py
import numpy as np

from nwb_h5py import STR, typed

rng = np.random.default_rng(48)
out = sys.argv[1]


def text(g, name, value):
    g.create_dataset(name, data=value, dtype=STR)


with h5py.File(out, "w") as f:
    typed(f, "NWBFile", nwb_version="2.2.5")
    text(f, "identifier", "cell-102086")
    text(f, "session_description", "<script>alert(1)</script> & 2-p + cell-attached")
    text(f, "session_start_time", "2018-01-01T00:00:00-08:00")
    text(f, "timestamps_reference_time", "2018-01-01T00:00:00-08:00")
    f.create_dataset("file_create_date", data=["2020-05-01T00:00:00"], dtype=STR)
    for g in ["acquisition", "analysis", "processing", "stimulus/presentation", "stimulus/templates"]:
        f.require_group(g)
    gen = f.require_group("general")
    text(gen, "institution", "Allen Institute")
    gen.create_dataset("experimenter", data=["Huang, L.", "Ledochowitsch, P."], dtype=STR)
    subj = typed(gen.create_group("subject"), "Subject")
    text(subj, "subject_id", "102086")
    text(subj, "species", "Mus musculus")
    text(subj, "genotype", "Emx1-IRES-Cre;Camk2a-tTA;Ai94")
    dev = gen.require_group("devices")
    typed(dev.create_group("MultiClamp 700B"), "Device", description="amplifier")
    typed(dev.create_group("Bruker 2-p microscope"), "Device", description="2-p microscope")

    # ecephys metadata: one electrode
    ece = gen.require_group("extracellular_ephys")
    eg = typed(ece.create_group("2-p targeted cell-attached"), "ElectrodeGroup", description="cell-attached pipette", location="VISp L2/3")
    eg["device"] = h5py.SoftLink("/general/devices/MultiClamp 700B")
    el = typed(ece.create_group("electrodes"), "DynamicTable", ns="hdmf-common", description="metadata about extracellular electrodes")
    el.attrs["colnames"] = np.array(["x", "y", "z", "imp", "location", "filtering", "group", "group_name"], dtype=object)
    typed(el.create_dataset("id", data=np.array([0], dtype=np.int64)), "ElementIdentifiers", ns="hdmf-common")
    for c in ["x", "y", "z", "imp"]:
        typed(el.create_dataset(c, data=np.array([np.nan])), "VectorData", ns="hdmf-common", description=c)
    typed(el.create_dataset("location", data=["VISp"], dtype=STR), "VectorData", ns="hdmf-common", description="location")
    typed(el.create_dataset("filtering", data=["none"], dtype=STR), "VectorData", ns="hdmf-common", description="filtering")
    grp = el.create_dataset("group", shape=(1,), dtype=h5py.ref_dtype)
    grp[0] = eg.ref
    typed(grp, "VectorData", ns="hdmf-common", description="group")
    typed(el.create_dataset("group_name", data=["2-p targeted cell-attached"], dtype=STR), "VectorData", ns="hdmf-common", description="group name")

    # ophys metadata
    oph = gen.require_group("optophysiology")
    ip = typed(oph.create_group("ImagingPlane"), "ImagingPlane")
    text(ip, "description", "soma plane")
    ip.create_dataset("excitation_lambda", data=920.0)
    ip.create_dataset("imaging_rate", data=158.0)
    text(ip, "indicator", "GCaMP6f")
    text(ip, "location", "VISp")
    ip["device"] = h5py.SoftLink("/general/devices/Bruker 2-p microscope")
    oc = typed(ip.create_group("OpticalChannel"), "OpticalChannel")
    text(oc, "description", "green")
    oc.create_dataset("emission_lambda", data=510.0)

    def electrodes_region(g):
        r = g.create_dataset("electrodes", data=np.array([0], dtype=np.int64))
        typed(r, "DynamicTableRegion", ns="hdmf-common", description="the electrode", table=el.ref)

    # raw and filtered ephys: 40 kHz, 0.5 s
    n = 20000
    raw = (rng.normal(0, 300, n)).astype(np.int16)
    es = typed(f["acquisition"].create_group("ElectricalSeries_raw"), "ElectricalSeries", description="raw voltage")
    d = es.create_dataset("data", data=raw, chunks=(4096,), compression="gzip")
    d.attrs.update({"unit": "volts", "conversion": 1e-6, "offset": 0.25, "resolution": -1.0})
    st = es.create_dataset("starting_time", data=0.0)
    st.attrs.update({"rate": 40000.0, "unit": "seconds"})
    electrodes_region(es)
    ecephys = typed(f["processing"].create_group("ecephys"), "ProcessingModule", description="filtered ephys")
    ep = typed(ecephys.create_group("ElectricalSeries_processed"), "ElectricalSeries", description="250 Hz - 5 kHz", filtering="Butterworth band-pass 250-5000 Hz")
    ep.create_dataset("data", data=rng.normal(0, 1e-4, n)).attrs.update({"unit": "volts", "conversion": 1.0})
    ep.create_dataset("starting_time", data=0.0).attrs.update({"rate": 40000.0, "unit": "seconds"})
    electrodes_region(ep)

    # two-photon movie: 60 frames of 12 x 10 pixels, irregular timestamps
    T, X, Y = 60, 12, 10
    movie = rng.integers(0, 4000, size=(T, X, Y), dtype=np.uint16)
    tps = typed(f["acquisition"].create_group("TwoPhotonSeries_green"), "TwoPhotonSeries", description="green channel")
    md = tps.create_dataset("data", data=movie, chunks=(8, X, Y), compression="gzip")
    md.attrs.update({"unit": "n/a", "conversion": 1.0, "resolution": -1.0})
    ts = np.cumsum(rng.uniform(0.005, 0.008, T)) + 1.0
    tps.create_dataset("timestamps", data=ts).attrs.update({"unit": "seconds", "interval": 1})
    tps.create_dataset("field_of_view", data=np.array([0.12, 0.10]))
    tps["imaging_plane"] = h5py.SoftLink("/general/optophysiology/ImagingPlane")

    # segmentation: 2 ROIs, pixel_mask as a plain (N, 3) int32 array (x, y, weight)
    ophys = typed(f["processing"].create_group("ophys"), "ProcessingModule", description="ophys")
    seg = typed(ophys.create_group("ImageSegmentation"), "ImageSegmentation")
    ps = typed(seg.create_group("plane_segmentation"), "PlaneSegmentation", description="soma ROIs")
    ps.attrs["colnames"] = np.array(["pixel_mask"], dtype=object)
    ps["imaging_plane"] = h5py.SoftLink("/general/optophysiology/ImagingPlane")
    roi0 = [(x, y, 1) for x in range(2, 6) for y in range(3, 7)]  # a 4 x 4 square
    ring = [(x, y, 1) for x in range(6, 11) for y in range(1, 6) if not (x == 8 and y == 3)]  # 5 x 5 with a hole
    pm = np.array(roi0 + ring, dtype=np.int32)
    typed(ps.create_dataset("pixel_mask", data=pm), "VectorData", ns="hdmf-common", description="pixel masks")
    pmi = ps.create_dataset("pixel_mask_index", data=np.array([len(roi0), len(roi0) + len(ring)], dtype=np.int64))
    typed(pmi, "VectorIndex", ns="hdmf-common", target=ps["pixel_mask"].ref)
    typed(ps.create_dataset("id", data=np.array([7, 9], dtype=np.int64)), "ElementIdentifiers", ns="hdmf-common")

    fl = typed(ophys.create_group("Fluorescence"), "Fluorescence")
    rrs = typed(fl.create_group("roi_response_series"), "RoiResponseSeries", description="raw F")
    rrs.create_dataset("data", data=rng.normal(100, 5, (T, 2)).astype(np.float32)).attrs.update({"unit": "lumens", "conversion": 1.0})
    rrs["timestamps"] = h5py.SoftLink("/acquisition/TwoPhotonSeries_green/timestamps")
    rr = rrs.create_dataset("rois", data=np.array([1, 0], dtype=np.int64))
    typed(rr, "DynamicTableRegion", ns="hdmf-common", description="both ROIs", table=ps.ref)

    # units: one cell's spikes + a second, empty-free unit
    units = typed(f.create_group("units"), "Units", ns="core", description="spikes of the recorded cell")
    units.attrs["colnames"] = np.array(["spike_times", "quality"], dtype=object)
    spikes = np.sort(rng.uniform(0, 0.5, 37))
    more = np.sort(rng.uniform(0, 0.5, 5))
    typed(units.create_dataset("spike_times", data=np.concatenate([spikes, more])), "VectorData", ns="hdmf-common", description="spike times")
    sti = units.create_dataset("spike_times_index", data=np.array([37, 42], dtype=np.int64))
    typed(sti, "VectorIndex", ns="hdmf-common", target=units["spike_times"].ref)
    typed(units.create_dataset("quality", data=["good", "mua"], dtype=STR), "VectorData", ns="hdmf-common", description="quality")
    typed(units.create_dataset("id", data=np.array([0, 1], dtype=np.int64)), "ElementIdentifiers", ns="hdmf-common")

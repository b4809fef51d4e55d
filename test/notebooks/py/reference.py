"""Independent reference values for the notebook tests, read with h5py and computed with numpy.

usage: reference.py COMMAND JSON_ARG   → one JSON object on stdout
"""
import json
import sys

import h5py
import numpy as np


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

if __name__ == "__main__":
    print(json.dumps(COMMANDS[sys.argv[1]](json.loads(sys.argv[2]))))

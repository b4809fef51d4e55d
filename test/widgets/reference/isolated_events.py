# The isolated AP-count events of Huang et al. 2021, from sorted spike times, for the reference
# scripts that need them (recording.py, coupling_averages.py, ../../report/py/independent.py,
# ../../notebooks/py/reference.py): spikes within 0.25 s of an event's first spike join it; the
# event is isolated when no spike lies within `before` of its first spike and `after` of its last.
# Scripts in this folder import it directly (Python puts a script's folder on sys.path); the others
# put this folder on sys.path from their own __file__.
import numpy as np

# (before, after) in s, per indicator
ISOLATION_WINDOWS = {"GCaMP6s": (1.0, 0.5), "GCaMP6f": (0.3, 0.3)}

# spikes within this many s of an event's first spike belong to it
JOIN = 0.25


def unit_spike_times(f):
    """The first unit's spike times of an open h5py file, sorted."""
    return np.sort(f["units/spike_times"][: f["units/spike_times_index"][0]])


def isolated_events(spikes, before, after):
    """[[onset, last spike, AP count]] of the isolated events of sorted `spikes`, by onset."""
    events = []
    i = 0
    while i < len(spikes):
        j = i
        while j + 1 < len(spikes) and spikes[j + 1] - spikes[i] <= JOIN:
            j += 1
        prev = spikes[i - 1] if i > 0 else -np.inf
        nxt = spikes[j + 1] if j + 1 < len(spikes) else np.inf
        if spikes[i] - prev >= before and nxt - spikes[j] >= after:
            events.append([float(spikes[i]), float(spikes[j]), j - i + 1])
        i = j + 1
    return events

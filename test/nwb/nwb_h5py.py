"""What the test scripts that write NWB files with h5py share: the text dtype and typed groups and
datasets (neurodata_type + namespace attributes)."""
import h5py

STR = h5py.string_dtype("utf-8")


def typed(obj, ndtype, ns="core", **attrs):
    """Marks an h5py group or dataset as an NWB object of type `ndtype` with extra attributes."""
    obj.attrs["neurodata_type"] = ndtype
    obj.attrs["namespace"] = ns
    for k, v in attrs.items():
        obj.attrs[k] = v
    return obj

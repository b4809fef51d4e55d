"""Independent reference for the NWB reader tests: walks every HDF5 file given on the command line
with h5py and prints, for every dataset reached by a hard link (soft links are not followed), its
shape, its element kind and a SHA-256 of its values in a canonical form that the TypeScript side
reproduces from what the reader returns:

  numbers      little-endian bytes of the native type (bool/enum: their 1/2/4/8-byte integers)
  strings      UTF-8 of the strings joined with NUL
  references   UTF-8 of the referenced paths joined with NUL ("" for a null reference)
  compounds    one such hash per member
Output: JSON {file: {"datasets": {path: {...}}} | {"error": message}}.
"""
import hashlib
import json
import sys

import h5py
import numpy as np


def sha(b):
    return hashlib.sha256(b).hexdigest()


def text(x):
    if isinstance(x, bytes):
        return x.decode("utf-8", "replace")
    return str(x)


def ref_path(f, r):
    if not r:
        return ""
    try:
        return f[r].name or ""
    except Exception:
        return ""


def kind_of(dt):
    if dt.kind == "V" and dt.names:
        return "compound"
    if dt.kind in "iub" or (dt.kind == "f"):
        return "number"
    if h5py.check_dtype(ref=dt) is not None:
        return "ref"
    if h5py.check_string_dtype(dt) is not None or dt.kind in "SU":
        return "string"
    if h5py.check_vlen_dtype(dt) is not None:
        return "vlen"
    return "other"


def hash_values(f, arr, dt):
    k = kind_of(dt)
    flat = np.asarray(arr).reshape(-1)
    if k == "number":
        native = flat.astype(flat.dtype.newbyteorder("<"), copy=False)
        return k, sha(np.ascontiguousarray(native).tobytes())
    if k == "string":
        return k, sha("\0".join(text(x) for x in flat).encode("utf-8"))
    if k == "ref":
        return k, sha("\0".join(ref_path(f, r) for r in flat).encode("utf-8"))
    if k == "compound":
        fields = {}
        for name in dt.names:
            sub = dt.fields[name][0]
            fields[name] = hash_values(f, flat[name], sub)
        return k, fields
    return k, None


def walk(f, g, out):
    for name in g:
        link = g.get(name, getlink=True)
        if isinstance(link, (h5py.SoftLink, h5py.ExternalLink)):
            continue
        obj = g.get(name)
        if isinstance(obj, h5py.Group):
            walk(f, obj, out)
        elif isinstance(obj, h5py.Dataset):
            entry = {"shape": list(obj.shape) if obj.shape is not None else None}
            if obj.shape is None:
                entry["kind"] = "null"
            else:
                k, h = hash_values(f, obj[()], obj.dtype)
                entry["kind"] = k
                entry["hash"] = h
            out[g.name.rstrip("/") + "/" + name] = entry


def main(paths):
    result = {}
    for p in paths:
        try:
            with h5py.File(p, "r") as f:
                out = {}
                walk(f, f, out)
                result[p] = {"datasets": out}
        except Exception as e:  # not HDF5 / truncated: the reader must fail too
            result[p] = {"error": str(e)}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])

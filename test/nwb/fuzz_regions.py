"""Where each file's superblock, metadata and dataset bytes lie, as h5py (the HDF5 C library) sees them.

Usage: fuzz_regions.py FILE... -> JSON {file: {size, superblock: [a, b], data: [[a, b], ...]}}.
Data ranges are the stored bytes of contiguous datasets and of every chunk of chunked ones;
everything else after the superblock is metadata (object headers, B-trees, heaps, …).
The fuzz test (fuzz.test.ts) flips bytes inside the region it means to corrupt.
"""
import json
import os
import sys

import h5py

SIGNATURE = b"\x89HDF\r\n\x1a\n"
MAX_CHUNKS = 4096  # per dataset: enough to cover the fixtures' data without a long walk


def superblock(path):
    with open(path, "rb") as f:
        at = 0
        while True:
            f.seek(at)
            if f.read(8) == SIGNATURE:
                return at
            at = 512 if at == 0 else at * 2


def data_ranges(path):
    out = []

    def visit(name, obj):
        if not isinstance(obj, h5py.Dataset):
            return
        dsid = obj.id
        try:
            if obj.chunks is None:
                offset = dsid.get_offset()
                size = dsid.get_storage_size()
                if offset is not None and size:
                    out.append([offset, offset + size])
            else:
                n = min(dsid.get_num_chunks(), MAX_CHUNKS)
                for i in range(n):
                    info = dsid.get_chunk_info(i)
                    if info.byte_offset is not None and info.size:
                        out.append([info.byte_offset, info.byte_offset + info.size])
        except Exception:
            pass

    with h5py.File(path, "r") as f:
        f.visititems(visit)
    out.sort()
    return out


result = {}
for path in sys.argv[1:]:
    at = superblock(path)
    result[path] = {"size": os.path.getsize(path), "superblock": [at, at + 96], "data": data_ranges(path)}
json.dump(result, sys.stdout)

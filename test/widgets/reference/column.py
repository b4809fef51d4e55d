# A numeric table column read with h5py. Usage: column.py FILE DATASET_PATH
import json
import sys

import h5py

json.dump([float(v) for v in h5py.File(sys.argv[1], "r")[sys.argv[2]][()]], sys.stdout)

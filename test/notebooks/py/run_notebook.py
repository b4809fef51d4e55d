"""Executes one notebook with nbclient on the kernel its metadata names, the way CI runs notebooks.

usage: run_notebook.py IN.ipynb OUT.ipynb CWD [TIMEOUT_S]

The executed copy (outputs + widget state) is written to OUT; IN is never modified. Exit status 0
when every cell ran, 1 with the failing cell's error on stderr otherwise (OUT is still written).
"""
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

src, out, cwd = sys.argv[1], sys.argv[2], sys.argv[3]
timeout = int(sys.argv[4]) if len(sys.argv) > 4 else 300
nb = nbformat.read(src, as_version=4)
client = NotebookClient(nb, timeout=timeout, kernel_name=nb.metadata.kernelspec.name,
                        resources={"metadata": {"path": cwd}}, store_widget_state=True)
t0 = time.monotonic()
status = 0
try:
    client.execute()
except CellExecutionError as e:
    sys.stderr.write(str(e))
    status = 1
finally:
    nbformat.write(nb, out)
print(f"executed {src} in {time.monotonic() - t0:.1f} s", file=sys.stderr)
sys.exit(status)

"""Starts a tsnwb kernel with jupyter_client, prints its pid, then waits to be killed."""
import sys
import time

from jupyter_client.manager import KernelManager

km = KernelManager(kernel_name="tsnwb")
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=120)
print(km.provisioner.process.pid, flush=True)
time.sleep(600)

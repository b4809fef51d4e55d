"""Kernel benchmarks measured from a jupyter_client front end (what JupyterLab's server uses).

- cold start: KernelManager.start_kernel() until the first cell ("1 + 1") has replied, for each
  kernelspec named on the command line (tsnwb and stock tslab as the reference);
- comm round trip: a comm_msg carrying one buffer of the given size, echoed back by a comm target
  registered in a cell, until the echo arrives on IOPub (tsnwb only: stock tslab has no comms).
Prints one JSON object. With TSNWB_BENCH_QUICK=1: one cold start per kernel and few round trips.
"""
import json
import os
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

QUICK = os.environ.get("TSNWB_BENCH_QUICK") == "1"


def start(kernel_name):
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel(stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    ready = time.perf_counter() - t0
    msg_id = kc.execute("1 + 1")
    while kc.get_shell_msg(timeout=120)["parent_header"].get("msg_id") != msg_id:
        pass
    return km, kc, ready, time.perf_counter() - t0


def percentile(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def comm_round_trips(kc, nbytes, repeats):
    payload = os.urandom(nbytes)
    times = []
    for i in range(repeats + 3):
        msg = kc.session.msg("comm_msg", content={"comm_id": "bench-echo", "data": {"i": i}})
        t0 = time.perf_counter()
        kc.session.send(kc.shell_channel.socket, msg, buffers=[payload])
        while True:
            m = kc.get_iopub_msg(timeout=120)
            if m["header"]["msg_type"] == "comm_msg" and m["content"]["comm_id"] == "bench-echo":
                break
        dt = time.perf_counter() - t0
        assert bytes(m["buffers"][0]) == payload
        if i >= 3:  # the first few warm up both ends
            times.append(dt * 1000)
    return {"p50_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95), "n": len(times)}


def main():
    kernels = sys.argv[1:]
    result = {"cold_start": {}, "comm": {}}
    for name in kernels:
        runs = []
        for _ in range(1 if QUICK else 3):
            km, kc, ready, first_cell = start(name)
            runs.append((ready, first_cell))
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        result["cold_start"][name] = {
            "kernel_info_s": statistics.median(r[0] for r in runs),
            "first_cell_s": statistics.median(r[1] for r in runs),
        }
    km, kc, _, _ = start("tsnwb")
    kc.execute_interactive(
        'import { registerCommTarget } from "tsnwb";\n'
        'registerCommTarget("bench.echo", (comm) => comm.onMsg((data, buffers) => comm.send(data, {}, buffers)));',
        timeout=300, output_hook=lambda m: None)
    open_msg = kc.session.msg("comm_open", content={"comm_id": "bench-echo", "target_name": "bench.echo", "data": {}})
    kc.session.send(kc.shell_channel.socket, open_msg)
    result["comm"]["1 KB"] = comm_round_trips(kc, 1024, 20 if QUICK else 200)
    result["comm"]["10 MB"] = comm_round_trips(kc, 10 * 1024 * 1024, 3 if QUICK else 30)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    print(json.dumps(result))


main()

"""A Jupyter client for the kernel tests, driven over stdin/stdout (one JSON object per line).

It is jupyter_client itself (the same library JupyterLab's server and nbclient use) talking to a
real kernel started from its kernelspec, so the tests check the wire protocol as clients see it.
Buffers are reported as sha256 + size (+ base64 when small), computed here with hashlib.
"""
import base64
import hashlib
import json
import os
import sys
import tempfile
import time
import traceback
from queue import Empty

from jupyter_client.manager import KernelManager

km = None
kc = None
log_file = None
held_iopub = []   # iopub messages received but not yet returned
held_replies = []  # shell/control replies received but not yet returned
sent_buffers = {}


def describe_buffer(b, want_bytes=False):
    b = bytes(b)
    out = {"sha256": hashlib.sha256(b).hexdigest(), "nbytes": len(b)}
    if want_bytes or len(b) <= 4096:
        out["b64"] = base64.b64encode(b).decode()
    return out


def describe(msg, want_bytes=False):
    return {
        "msg_type": msg["header"]["msg_type"],
        "msg_id": msg["header"]["msg_id"],
        "parent_msg_id": msg["parent_header"].get("msg_id"),
        "parent_msg_type": msg["parent_header"].get("msg_type"),
        "content": msg["content"],
        "metadata": msg["metadata"],
        "buffers": [describe_buffer(b, want_bytes) for b in msg.get("buffers", [])],
    }


def make_buffers(specs):
    """[{"b64": ...} | {"random": nbytes, "seed": n}] -> list of bytes."""
    out = []
    for s in specs or []:
        if "b64" in s:
            out.append(base64.b64decode(s["b64"]))
        else:
            import random
            rnd = random.Random(s.get("seed", 0))
            out.append(rnd.randbytes(s["random"]))
    return out


def matches(msg, want):
    for key, value in want.items():
        if key == "msg_type" and msg["header"]["msg_type"] != value:
            return False
        if key == "parent_msg_id" and msg["parent_header"].get("msg_id") != value:
            return False
        if key == "execution_state" and msg["content"].get("execution_state") != value:
            return False
        if key == "comm_id" and msg["content"].get("comm_id") != value:
            return False
        if key == "method" and (msg["content"].get("data") or {}).get("method") != value:
            return False
    return True


def cmd_start(a):
    global km, kc, log_file
    env = dict(os.environ)
    env.update(a.get("env", {}))
    log_file = tempfile.NamedTemporaryFile("w+", prefix="tsnwb-kernel-", suffix=".log", delete=False)
    km = KernelManager(kernel_name=a.get("kernel_name", "tsnwb"))
    t0 = time.time()
    km.start_kernel(cwd=a.get("cwd"), env=env, stdout=log_file, stderr=log_file)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=a.get("timeout", 60))
    return {"pid": km.provisioner.process.pid if km.provisioner else None, "ready_seconds": time.time() - t0}


def next_reply(msg_id, timeout, channel="shell"):
    for i, m in enumerate(held_replies):
        if m["parent_header"].get("msg_id") == msg_id:
            return held_replies.pop(i)
    deadline = time.time() + timeout
    get = kc.get_control_msg if channel == "control" else kc.get_shell_msg
    while True:
        left = deadline - time.time()
        if left <= 0:
            raise TimeoutError(f"no reply to {msg_id} on {channel} within {timeout}s")
        m = get(timeout=left)
        if m["parent_header"].get("msg_id") == msg_id:
            return m
        held_replies.append(m)


def iopub_until(want, timeout, parent=None):
    """iopub messages (only those of `parent`, when given) up to and including the first matching `want`."""
    out = []
    deadline = time.time() + timeout
    i = 0
    while True:
        while i < len(held_iopub):
            m = held_iopub[i]
            if parent is not None and m["parent_header"].get("msg_id") != parent:
                i += 1
                continue
            held_iopub.pop(i)
            out.append(m)
            if matches(m, want):
                return out
        left = deadline - time.time()
        if left <= 0:
            raise TimeoutError(f"no iopub message matching {want} within {timeout}s; got {[x['header']['msg_type'] for x in out]}")
        try:
            held_iopub.append(kc.get_iopub_msg(timeout=left))
        except Empty:
            pass


def cmd_execute(a):
    msg_id = kc.execute(a["code"], silent=a.get("silent", False), store_history=a.get("store_history", True),
                        stop_on_error=a.get("stop_on_error", True), user_expressions=a.get("user_expressions"))
    timeout = a.get("timeout", 60)
    reply = next_reply(msg_id, timeout)
    msgs = iopub_until({"msg_type": "status", "execution_state": "idle"}, timeout, parent=msg_id)
    return {"msg_id": msg_id, "reply": reply["content"], "iopub": [describe(m, a.get("want_bytes", False)) for m in msgs]}


def cmd_send(a):
    """Sends a signed message of any type; returns its msg_id and the sha256 of buffers sent."""
    channel = a.get("channel", "shell")
    sock = kc.control_channel if channel == "control" else kc.shell_channel
    buffers = make_buffers(a.get("buffers"))
    msg = kc.session.msg(a["msg_type"], content=a.get("content", {}), metadata=a.get("metadata", {}))
    kc.session.send(sock.socket, msg, buffers=buffers)
    return {"msg_id": msg["header"]["msg_id"], "buffers": [describe_buffer(b) for b in buffers]}


def cmd_send_raw(a):
    """Sends hand-made frames after the delimiter: [signature, header, parent, metadata, content, ...]."""
    channel = a.get("channel", "shell")
    sock = kc.control_channel if channel == "control" else kc.shell_channel
    frames = [b"<IDS|MSG>"] + [base64.b64decode(f) for f in a["frames_b64"]]
    sock.socket.send_multipart(frames)
    return {}


def cmd_send_tampered(a):
    """A message broken in one way: bad signature, unparsable JSON, missing delimiter, too few frames."""
    sock = kc.control_channel if a.get("channel") == "control" else kc.shell_channel
    msg = kc.session.msg(a["msg_type"], content=a.get("content", {}))
    parts = [json.dumps(msg["header"], default=str).encode(), b"{}", b"{}", json.dumps(msg["content"]).encode()]
    tamper = a["tamper"]
    if tamper == "content_json":
        parts[3] = b'{"code": "1 + 1", '
    elif tamper == "header_json":
        parts[0] = b'{"msg_id": "x", '
    signature = kc.session.sign(parts)
    if tamper == "signature":
        signature = bytes(reversed(signature))
    frames = [b"<IDS|MSG>", signature] + parts
    if tamper == "no_delimiter":
        frames = frames[1:]
    elif tamper == "short":
        frames = frames[:4]
    sock.socket.send_multipart(frames)
    return {"msg_id": msg["header"]["msg_id"]}


def cmd_held_replies(a):
    """Replies received while waiting for others (e.g. answers to messages that should get none)."""
    return [describe(m) for m in held_replies]


def cmd_sign(a):
    """HMAC of the given frames with the session key (to build valid or invalid raw messages)."""
    return {"signature": kc.session.sign([base64.b64decode(f) for f in a["frames_b64"]]).decode()}


def cmd_reply(a):
    m = next_reply(a["msg_id"], a.get("timeout", 30), a.get("channel", "shell"))
    return describe(m)


def cmd_iopub_until(a):
    msgs = iopub_until(a["want"], a.get("timeout", 30), parent=a.get("parent"))
    return [describe(m, a.get("want_bytes", False)) for m in msgs]


def cmd_drain_iopub(a):
    time.sleep(a.get("settle", 0.2))
    while True:
        try:
            held_iopub.append(kc.get_iopub_msg(timeout=0.05))
        except Empty:
            break
    out = [describe(m) for m in held_iopub]
    held_iopub.clear()
    return out


def cmd_interrupt(a):
    """How Jupyter front ends interrupt: per the kernelspec's interrupt_mode."""
    km.interrupt_kernel()
    return {}


def cmd_sigint(a):
    """SIGINT straight to the kernel process (a terminal's Ctrl-C, or a signal-mode kernelspec)."""
    import signal
    km.signal_kernel(signal.SIGINT)
    return {}


def cmd_log(a):
    log_file.flush()
    with open(log_file.name) as f:
        return {"text": f.read()}


def cmd_alive(a):
    return {"alive": km.is_alive(), "heartbeat": kc.hb_channel.is_beating() if kc.hb_channel else None}


def cmd_wait_exit(a):
    """Waits for the kernel process to end on its own (no signal sent)."""
    deadline = time.time() + a.get("timeout", 30)
    while km.is_alive() and time.time() < deadline:
        time.sleep(0.05)
    return {"exited": not km.is_alive()}


def cmd_shutdown(a):
    kc.stop_channels()
    km.shutdown_kernel(now=a.get("now", False))
    return {"alive": km.is_alive()}


COMMANDS = {name[4:]: fn for name, fn in globals().items() if name.startswith("cmd_")}

for line in sys.stdin:
    req = json.loads(line)
    try:
        result = COMMANDS[req["cmd"]](req)
        resp = {"id": req["id"], "ok": True, "result": result}
    except Exception as e:  # reported to the test, which fails with this text
        resp = {"id": req["id"], "ok": False, "error": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc()}
    sys.stdout.write(json.dumps(resp, default=str) + "\n")
    sys.stdout.flush()

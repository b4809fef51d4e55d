"""jupyter_client's own Session as the independent implementation of the wire format.

stdin: {"key": str, "scheme": str, "verify": [base64 frames after <IDS|MSG>], "make": {msg_type, content, buffers_b64}}
stdout: {"verified": {"msg_type", "content", "buffers_sha256"} | {"error": str}, "made": [base64 frames after <IDS|MSG>]}
"""
import base64
import hashlib
import json
import sys

from jupyter_client.session import Session

req = json.load(sys.stdin)
session = Session(key=req["key"].encode(), signature_scheme=req["scheme"])
out = {}
try:
    msg = session.deserialize([base64.b64decode(f) for f in req["verify"]], content=True, copy=True)
    out["verified"] = {
        "msg_type": msg["header"]["msg_type"],
        "content": msg["content"],
        "buffers_sha256": [hashlib.sha256(bytes(b)).hexdigest() for b in msg["buffers"]],
    }
except Exception as e:  # the test asserts on this text
    out["verified"] = {"error": f"{type(e).__name__}: {e}"}
make = req["make"]
m = session.msg(make["msg_type"], content=make["content"])
frames = session.serialize(m)
frames += [base64.b64decode(b) for b in make["buffers_b64"]]
out["made"] = [base64.b64encode(f).decode() for f in frames[1:]]  # drop the delimiter
print(json.dumps(out))

"""Checks a widget-state bundle and a widget-view bundle (JSON on stdin) against the official
@jupyter-widgets/schema v2 JSON schemas, and decodes every base64 buffer with Python's base64.

Prints {"state_errors": [...], "view_errors": [...], "buffers": {"<model>/<path>": sha256 hex}}.
"""
import base64
import hashlib
import json
import sys

from jsonschema import Draft7Validator

doc = json.load(sys.stdin)
with open(doc["state_schema"]) as f:
    state_schema = json.load(f)
with open(doc["view_schema"]) as f:
    view_schema = json.load(f)

out = {
    "state_errors": [e.message for e in Draft7Validator(state_schema).iter_errors(doc["state"])],
    "view_errors": [e.message for e in Draft7Validator(view_schema).iter_errors(doc["view"])],
    "buffers": {},
}
for model_id, model in doc["state"]["state"].items():
    for b in model.get("buffers", []):
        key = model_id + "/" + ".".join(str(p) for p in b["path"])
        out["buffers"][key] = hashlib.sha256(base64.b64decode(b["data"])).hexdigest()
print(json.dumps(out))

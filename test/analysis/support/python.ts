// Runs an independent reference computation in Debian's Python (numpy/scipy) on the same numbers.
// Inputs go in as JSON on stdin (doubles round-trip exactly through JSON), outputs come back as JSON.

import { spawnSync } from "node:child_process";

export const PYTHON = "/usr/bin/python3";

/** Runs `script` with `input` bound to the Python variable `inp`; the script must set `out`. */
export function runPython<T = any>(script: string, input: unknown): T {
  const wrapper = [
    "import sys, json, math",
    "import numpy as np",
    "inp = json.load(sys.stdin)",
    script,
    "def _conv(o):",
    "    if isinstance(o, np.ndarray): return [_conv(v) for v in o.tolist()] if o.ndim else _conv(o.item())",
    "    if isinstance(o, (list, tuple)): return [_conv(v) for v in o]",
    "    if isinstance(o, dict): return {k: _conv(v) for k, v in o.items()}",
    "    if isinstance(o, (np.floating, float)): return None if not math.isfinite(float(o)) else float(o)",
    "    if isinstance(o, (np.integer,)): return int(o)",
    "    return o",
    "sys.stdout.write(json.dumps(_conv(out)))",
  ].join("\n");
  const res = spawnSync(PYTHON, ["-c", wrapper], {
    input: JSON.stringify(input, (_k, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v,
    ),
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (res.status !== 0) throw new Error(`python reference failed (${res.status}): ${res.stderr}`);
  return JSON.parse(res.stdout) as T;
}

// The Debian python3-jupyter-kernel-test suite (jupyter_kernel_test.KernelTests) against the
// tsnwb kernel: kernel_info, stdout/stderr, execute_result, display_data, error, completion,
// is_complete, inspect, history, clear_output. Must pass with 0 failures (stock tslab fails 3).
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { installTestKernelspec, python, repoRoot } from "./support/kernel-driver.js";

describe("kernel: jupyter_kernel_test conformance suite", function () {
  let spec: ReturnType<typeof installTestKernelspec>;
  before(() => (spec = installTestKernelspec()));
  after(() => spec?.remove());

  it("passes every test of jupyter_kernel_test.KernelTests", () => {
    const r = spawnSync(python, ["-m", "unittest", "-v", "test_tsnwb_kernel"], {
      cwd: join(repoRoot, "test", "kernel", "py"),
      env: { ...process.env, JUPYTER_PATH: spec.jupyterPath, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
      encoding: "utf8",
      timeout: 180_000,
    });
    const report = r.stderr;
    const ran = /Ran (\d+) tests?/.exec(report);
    assert.ok(ran, `unittest did not run:\n${report}`);
    assert.equal(r.status, 0, `jupyter_kernel_test failed:\n${report}`);
    assert.match(report, /\nOK( \(skipped=\d+\))?\n/);
    // Every feature we declared is exercised; only the pager (no payloads in tsnwb) is skipped.
    assert.equal(Number(ran[1]), 12);
    const skipped = /skipped=(\d+)/.exec(report);
    assert.equal(skipped ? Number(skipped[1]) : 0, 1, report);
    assert.match(report, /test_pager .* skipped/);
  });
});

// A kernel whose launcher dies (a crashed Jupyter server, a killed test run) exits by itself
// instead of lingering, as ipykernel does.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { installTestKernelspec, python, repoRoot } from "./support/kernel-driver.js";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("kernel: orphaned", function () {
  let spec: ReturnType<typeof installTestKernelspec>;
  before(() => (spec = installTestKernelspec()));
  after(() => spec?.remove());

  it("exits when the process that started it is killed", async () => {
    const launcher = spawn(python, [join(repoRoot, "test", "kernel", "py", "launch_and_wait.py")], {
      env: { ...process.env, JUPYTER_PATH: spec.jupyterPath, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    launcher.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const pid = await new Promise<number>((resolve, reject) => {
      createInterface({ input: launcher.stdout }).once("line", (l) => resolve(Number(l)));
      launcher.once("exit", (code) =>
        reject(new Error(`launcher exited early (${code}):\n${stderr}`)),
      );
    });
    try {
      assert.ok(isRunning(pid), "kernel is running");
      launcher.kill("SIGKILL");
      for (let i = 0; i < 300 && isRunning(pid); i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(isRunning(pid), false, "kernel exited after its launcher died");
      assert.match(stderr, /the process that started this kernel has exited; shutting down/);
    } finally {
      if (isRunning(pid)) process.kill(pid, "SIGKILL");
      launcher.kill("SIGKILL");
    }
  });
});

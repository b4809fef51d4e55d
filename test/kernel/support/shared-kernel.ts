// One kernel shared by the test files that leave it in a usable state (comms, widgets, bad input,
// interrupt): starting a kernel and type-checking tsnwb's declarations in its first cell is the
// slowest part of these tests. Files that end the kernel (shutdown, orphan) start their own.
import { installTestKernelspec, KernelDriver } from "./kernel-driver.js";

let shared:
  Promise<{ driver: KernelDriver; spec: ReturnType<typeof installTestKernelspec> }> | undefined;

export function sharedKernel(): Promise<KernelDriver> {
  shared ??= (async () => {
    const spec = installTestKernelspec();
    return { driver: await KernelDriver.start({ jupyterPath: spec.jupyterPath }), spec };
  })();
  return shared.then((s) => s.driver);
}

// A root-level hook: runs once, after every test file.
after(async () => {
  if (!shared) return;
  const { driver, spec } = await shared;
  shared = undefined;
  try {
    await driver.close();
  } finally {
    spec.remove();
  }
});

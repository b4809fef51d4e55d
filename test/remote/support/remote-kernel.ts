// The fixture of the in-kernel remote tests: the real tsnwb kernel (its own kernelspec, over
// ZeroMQ) and the test range server in its own process, serving the nwb-guide LFP file.
import { fileURLToPath } from "node:url";
import { installTestKernelspec, KernelDriver } from "../../kernel/support/kernel-driver.js";
import { RangeServer } from "./range-server.js";

/** The local file the server serves (a real 384-channel LFP recording, nwb-guide). */
export const LFP = fileURLToPath(
  new URL("../../../data/nwb-fixtures/nwb-guide/sub-001_ses-1.nwb", import.meta.url),
);

export interface RemoteKernel {
  kernel: KernelDriver;
  server: RangeServer;
  /** The LFP file's URL on `server`. */
  url: string;
  stop(): Promise<void>;
}

/** Starts both and runs `setup` (a cell: imports from "tsnwb", then `await prewarmRemoteWorker()` or the like). */
export async function startRemoteKernel(setup: string): Promise<RemoteKernel> {
  const spec = installTestKernelspec();
  let server: RangeServer | undefined;
  let kernel: KernelDriver | undefined;
  const stop = async () => {
    await kernel?.close();
    await server?.stop();
    spec.remove();
  };
  try {
    server = await RangeServer.start();
    const url = await server.serve("/files/lfp.nwb", LFP);
    kernel = await KernelDriver.start({ jupyterPath: spec.jupyterPath });
    await kernel.run(setup);
    return { kernel, server, url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The fixture for one describe block: started in its `before` (running `setup`), stopped in its
 * `after`. Its fields can be read from the tests and hooks that run in between.
 */
export function useRemoteKernel(setup: string): Omit<RemoteKernel, "stop"> {
  let started: RemoteKernel | undefined;
  before(async () => {
    started = await startRemoteKernel(setup);
  });
  after(async () => {
    await started?.stop();
    started = undefined;
  });
  const live = (): RemoteKernel => {
    if (!started)
      throw new Error("the remote kernel fixture is used outside its describe block's tests");
    return started;
  };
  return {
    get kernel() {
      return live().kernel;
    },
    get server() {
      return live().server;
    },
    get url() {
      return live().url;
    },
  };
}

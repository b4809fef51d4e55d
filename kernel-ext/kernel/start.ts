// `tsnwb kernel --config-path FILE`: starts the kernel on the connection file Jupyter wrote.
import { exitWhenOrphaned } from "./parent-watch.js";
import { registerTslabDisplay } from "./tslab-display.js";
import { CellRunner } from "./execute/cell-runner.js";
import { kernelLog } from "./log.js";
import { installPackageResolution } from "./package-resolution.js";
import { KernelServer, readConnectionFile } from "./server.js";
import { registerWidgetControl } from "./widget/control.js";

export async function startKernel(connectionFile: string): Promise<KernelServer> {
  const conn = readConnectionFile(connectionFile);
  installPackageResolution(process.cwd());
  const runner = new CellRunner(process.cwd());
  // SIGINT (from Jupyter in signal mode, or from the control thread for interrupt_request) stops a
  // cell that awaits; a synchronous loop is stopped by the signal itself. Installed before the
  // sockets open: without a handler, SIGINT would end the process.
  process.on("SIGINT", () => runner.interrupt());
  const server = new KernelServer(conn, runner);
  await server.start();
  registerTslabDisplay();
  registerWidgetControl();
  // Errors escaping a cell (a throwing timer, an unawaited rejection) are shown in the cell whose
  // async context raised them, and logged; the kernel keeps running either way.
  process.on("uncaughtException", (e) => {
    kernelLog(
      `uncaught exception (kernel keeps running): ${e instanceof Error ? e.stack : String(e)}`,
    );
    console.error("Uncaught exception:", e);
  });
  process.on("unhandledRejection", (reason) => {
    kernelLog(
      `unhandled promise rejection (kernel keeps running): ${reason instanceof Error ? reason.stack : String(reason)}`,
    );
    console.error("Unhandled promise rejection:", reason);
  });
  exitWhenOrphaned(() => {
    kernelLog("the process that started this kernel has exited; shutting down");
    void server.shutdown();
  });
  // Build the TypeScript converter after the sockets answer, so kernel_info is quick.
  setImmediate(() => runner.warmUp());
  return server;
}

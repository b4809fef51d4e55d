import type { Command } from "../main.js";
import { parseArgs } from "../parse-args.js";
import { UsageError } from "../usage-error.js";

export const command: Command = {
  summary: "run the kernel (what the kernelspec starts; used by Jupyter)",
  usage: `usage: tsnwb kernel --config-path CONNECTION_FILE

Starts the tsnwb Jupyter kernel on the ports and key in CONNECTION_FILE (written by Jupyter).`,
  async run(args) {
    const parsed = parseArgs(args, [{ name: "--config-path", value: true }]);
    if (parsed.positional.length)
      throw new UsageError(`unexpected argument '${parsed.positional[0]}'`);
    const configPath = parsed.get("--config-path");
    if (!configPath) throw new UsageError("--config-path CONNECTION_FILE is required");
    const { startKernel } = await import("../../kernel/start.js");
    await startKernel(configPath);
    // The kernel now runs until a shutdown_request or a signal ends the process.
    return await new Promise<number>(() => undefined);
  },
};

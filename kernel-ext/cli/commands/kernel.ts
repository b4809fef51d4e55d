import type { Command } from "../main.js";

export const command: Command = {
  summary: "run the kernel (what the kernelspec starts; used by Jupyter)",
  usage: `usage: tsnwb kernel --config-path CONNECTION_FILE

Starts the tsnwb Jupyter kernel on the ports and key in CONNECTION_FILE (written by Jupyter).`,
  async run(args) {
    let configPath: string | undefined;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === "--config-path") configPath = args[++i];
      else if (args[i].startsWith("--config-path=")) configPath = args[i].slice("--config-path=".length);
      else {
        console.error(`tsnwb kernel: unknown argument '${args[i]}'`);
        return 2;
      }
    }
    if (!configPath) {
      console.error("tsnwb kernel: --config-path CONNECTION_FILE is required");
      return 2;
    }
    const { startKernel } = await import("../../kernel/start.js");
    await startKernel(configPath);
    // The kernel now runs until a shutdown_request or a signal ends the process.
    return await new Promise<number>(() => undefined);
  },
};

// `tsnwb <command> [args]`. Each command is one module in ./commands/ exporting a `Command`,
// so adding a command never touches this file.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Command {
  /** One line for `tsnwb --help`. */
  summary: string;
  /** Full usage text for `tsnwb <command> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), "commands");

function commandNames(): string[] {
  if (!existsSync(commandsDir)) return [];
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function loadCommand(name: string): Promise<Command | undefined> {
  if (!/^[a-z][a-z0-9-]*$/.test(name) || !commandNames().includes(name)) return undefined;
  const mod = (await import(`./commands/${name}.js`)) as { command: Command };
  return mod.command;
}

async function help(): Promise<string> {
  const lines = ["usage: tsnwb <command> [options]", "", "commands:"];
  for (const name of commandNames()) {
    const cmd = await loadCommand(name);
    if (cmd) lines.push(`  ${name.padEnd(20)} ${cmd.summary}`);
  }
  lines.push("", "Run `tsnwb <command> --help` for a command's options.");
  return lines.join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(await help());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    const { createRequire } = await import("node:module");
    const pkg = createRequire(import.meta.url)("../../../package.json") as { version: string };
    console.log(pkg.version);
    return 0;
  }
  const cmd = await loadCommand(name);
  if (!cmd) {
    console.error(`tsnwb: unknown command '${name}'\n\n${await help()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(cmd.usage);
    return 0;
  }
  return cmd.run(rest);
}

// `tsnwb <command> [args]`. Each command is one module in ./commands/ exporting a `Command`,
// so adding a command never touches this file. Exit codes: 0 success, 1 failure, 2 usage error
// (a command may add its own, e.g. `report`'s 3 for a partial failure).
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { didYouMean } from "./did-you-mean.js";
import { message } from "./message.js";
import { UsageError } from "./usage-error.js";

export interface Command {
  /** One line for `tsnwb --help`. */
  summary: string;
  /** Full usage text for `tsnwb <command> --help`, starting with `usage: tsnwb <command> …`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. A thrown UsageError exits 2. */
  run(args: string[]): Promise<number>;
}

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), "commands");
const GLOBAL_OPTIONS = ["--help", "--version"];

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
  const lines = [
    "usage: tsnwb <command> [options]",
    "       tsnwb --help | --version",
    "",
    "commands:",
  ];
  for (const name of commandNames()) {
    const cmd = await loadCommand(name);
    if (cmd) lines.push(`  ${name.padEnd(20)} ${cmd.summary}`);
  }
  lines.push(
    "",
    "Run `tsnwb <command> --help` for a command's options.",
    "Exit codes: 0 done, 1 failed, 2 usage error.",
  );
  return lines.join("\n");
}

function unknownCommand(name: string): number {
  const names = commandNames();
  if (name.startsWith("-"))
    message(
      undefined,
      `unknown option '${name}'${didYouMean(name, GLOBAL_OPTIONS)}; see \`tsnwb --help\``,
    );
  else
    message(
      undefined,
      `unknown command '${name}'${didYouMean(name, names)}; commands: ${names.join(", ")} (see \`tsnwb --help\`)`,
    );
  return 2;
}

/** Runs one command, turning its errors into messages and exit codes. */
async function runCommand(name: string, cmd: Command, args: string[]): Promise<number> {
  try {
    return await cmd.run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      message(name, `${e.message}; see \`tsnwb ${name} --help\``);
      return 2;
    }
    message(name, e instanceof Error ? e.message : String(e));
    return 1;
  }
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(`${await help()}\n`);
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    if (topic === undefined) {
      console.log(await help());
      return 0;
    }
    const cmd = await loadCommand(topic);
    if (!cmd) return unknownCommand(topic);
    console.log(cmd.usage);
    return 0;
  }
  if (name === "--version" || name === "-V") {
    const { createRequire } = await import("node:module");
    const pkg = createRequire(import.meta.url)("../../../package.json") as { version: string };
    console.log(pkg.version);
    return 0;
  }
  const cmd = await loadCommand(name);
  if (!cmd) return unknownCommand(name);
  const options = rest.includes("--") ? rest.slice(0, rest.indexOf("--")) : rest;
  if (options.includes("--help") || options.includes("-h")) {
    console.log(cmd.usage);
    return 0;
  }
  return runCommand(name, cmd, rest);
}

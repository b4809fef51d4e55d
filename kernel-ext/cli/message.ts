// Every message of the command line, error or warning, has one form on stderr:
// `tsnwb <command>: <text>` (`tsnwb: <text>` before a command is known).
export function message(command: string | undefined, text: string): void {
  process.stderr.write(`tsnwb${command ? ` ${command}` : ""}: ${text}\n`);
}

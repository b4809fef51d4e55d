// Turns what went wrong in a cell into the `error` output's ename / evalue / traceback.
import { inspect } from "node:util";

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

const INTERRUPT_MESSAGES = new Set([
  "Script execution was interrupted by `SIGINT`",
  "Interrupted asynchronously",
]);

/** Stack frames below the cell (tslab's executor, this kernel, Node internals) are noise to the user. */
function isKernelFrame(line: string): boolean {
  return /node_modules[\\/]tslab[\\/]|[\\/]kernel-ext[\\/]kernel[\\/]|\(node:[a-z_/]+:\d|^\s+at node:/.test(
    line,
  );
}

export function errorFromException(e: unknown): ErrorContent {
  if (e instanceof Error) {
    if (INTERRUPT_MESSAGES.has(e.message)) {
      return {
        ename: "Interrupted",
        evalue: "the cell was interrupted",
        traceback: ["Interrupted: the cell was interrupted"],
      };
    }
    const lines = (e.stack ?? `${e.name}: ${e.message}`).split("\n");
    // vm prefixes errors thrown by a cell with the source line and a caret; the stack proper
    // starts at "Name: message".
    const start = Math.max(
      0,
      lines.findIndex((l) => l.startsWith(`${e.name}:`) || l === e.name),
    );
    const stack = lines.slice(start).filter((l) => !isKernelFrame(l));
    return { ename: e.name || e.constructor?.name || "Error", evalue: e.message, traceback: stack };
  }
  const text = inspect(e);
  return { ename: "Uncaught", evalue: text, traceback: [`Uncaught ${text}`] };
}

/** TypeScript diagnostics: the cell did not compile, so nothing ran. */
export function errorFromDiagnostics(lines: string[]): ErrorContent {
  return {
    ename: "TypeScriptError",
    evalue: lines.length === 1 ? lines[0] : `${lines.length} errors: ${lines[0]}`,
    traceback: lines,
  };
}

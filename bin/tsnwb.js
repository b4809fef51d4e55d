#!/usr/bin/env node
// The tsnwb command: a thin launcher for the compiled CLI (built by `npm run build` or scripts/setup).
import { existsSync } from "node:fs";

const compiled = new URL("../dist/kernel-ext/cli/main.js", import.meta.url);
if (!existsSync(compiled)) {
  console.error(
    "tsnwb: the command line is not built (no dist/kernel-ext/cli/main.js); run `npm run build` (or scripts/setup) in the tsnwb checkout",
  );
  process.exit(1);
}
const { main } = await import(compiled.href);
main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === "number") process.exitCode = code;
  },
  (err) => {
    console.error(`tsnwb: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);

#!/usr/bin/env node
// The tsnwb command: a thin launcher for the compiled CLI (run `npm run build` first).
import { main } from "../dist/kernel-ext/cli/main.js";

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === "number") process.exitCode = code;
  },
  (err) => {
    console.error(`tsnwb: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);

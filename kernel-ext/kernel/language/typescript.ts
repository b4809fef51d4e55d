// The TypeScript that tslab compiles cells with (its fork, a dependency of tslab). Our own analyses
// of a cell parse with the same copy, so syntax kinds and parsing agree with what tslab runs.
import { createRequire } from "node:module";
import type * as TS from "@tslab/typescript-for-tslab";

const tslabRequire = createRequire(createRequire(import.meta.url).resolve("tslab/package.json"));

export const ts = tslabRequire("@tslab/typescript-for-tslab") as typeof TS;
export type { TS };

export const typescriptVersion: string = (
  tslabRequire("@tslab/typescript-for-tslab/package.json") as { version: string }
).version;

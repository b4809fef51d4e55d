// Starts a worker whose entry module sits next to this file: the `.js` module in the built
// package; the `.ts` source under tsx (tests, benchmarks), through a bootstrap that registers
// tsx's loader inside the worker first (Node 20 does not carry `--import tsx` into workers).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

const fromSources = import.meta.url.endsWith(".ts");

export function startSiblingWorker(name: string, options: WorkerOptions): Worker {
  const entry = new URL(`./${name}${fromSources ? ".ts" : ".js"}`, import.meta.url);
  if (!fromSources) return new Worker(entry, options);
  const api = JSON.stringify(
    pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api")).href,
  );
  const bootstrap = `import(${api}).then((tsx) => { (tsx.register ?? tsx.default.register)(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

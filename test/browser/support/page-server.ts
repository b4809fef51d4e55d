// Serves the harness page and the built bundles on 127.0.0.1 (a different origin from the
// Jupyter server, as a real embedding page would be).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import { repoRoot } from "./jupyter-server.js";

const routes: Record<string, string> = {
  "/page/": join(repoRoot, "test/browser/page"),
  "/bundle/": join(repoRoot, "dist/widgets"),
  // the benchmark's pages (bench/widgets/time-link.bench.ts)
  "/bench/": join(repoRoot, "bench/widgets/page"),
};
const types: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
};

export interface PageServerOptions {
  /** Receives the body of every POST to /result: how a page that no tool drives (a benchmark in
   *  a Chromium without DevTools attached) hands back what it measured. */
  onResult?(body: string): void;
}

export async function startPageServer(
  options: PageServerOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  // `void`: the handler answers every request itself (404 on any failure), so nothing is awaited.
  const server: Server = createServer((req, res) => {
    if (req.method === "POST" && req.url === "/result" && options.onResult) {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        res.writeHead(204).end();
        options.onResult!(body);
      });
      return;
    }
    void serve(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/page/index.html`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  const prefix = Object.keys(routes).find((p) => path.startsWith(p));
  const rel = prefix ? normalize(path.slice(prefix.length)) : "";
  if (!prefix || rel.startsWith("..")) return void res.writeHead(404).end();
  try {
    const body = await readFile(join(routes[prefix], rel || "index.html"));
    const ext = rel.slice(rel.lastIndexOf("."));
    res.writeHead(200, { "content-type": types[ext] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}

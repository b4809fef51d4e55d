// HTTP file server for the remote-reading tests and benchmarks, run as its own process (never in
// the thread that blocks on Atomics.wait). Serves files with single-range support, counts requests
// and bytes, can add latency, fail requests, ignore Range, stall mid-body, and stands in for the
// DANDI REST API (the JSON shapes of api.dandiarchive.org for dandisets, version asset lists and
// asset metadata). Controlled over the fork IPC channel; listens on 127.0.0.1 only.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";

const files = new Map(); // URL pathname → local path
const settings = {
  latencyMs: 0,
  noRange: false,
  failNext: 0,
  failStatus: 503,
  stallAfterBytes: -1,
};
let stats = { requests: 0, rangeRequests: 0, bytesSent: 0, log: [] };
let dandi = null; // { dandisets: [...] } as the test configures it
let origin = "";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function etagOf(st) {
  return `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}-${st.ino.toString(16)}"`;
}

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

async function serveFile(req, res, localPath) {
  let st;
  try {
    st = statSync(localPath);
  } catch {
    return sendJson(res, 404, { detail: "Not found." });
  }
  const headers = {
    "Accept-Ranges": settings.noRange ? "none" : "bytes",
    ETag: etagOf(st),
    "Last-Modified": st.mtime.toUTCString(),
    "Content-Type": "application/octet-stream",
  };
  const range = req.headers.range;
  let start = 0;
  let end = st.size - 1;
  let status = 200;
  if (range && !settings.noRange) {
    stats.rangeRequests++;
    const match = /^bytes=(\d+)-(\d*)$/.exec(range);
    if (!match) return sendJson(res, 416, { detail: "bad range" });
    start = Number(match[1]);
    end = match[2] === "" ? st.size - 1 : Math.min(Number(match[2]), st.size - 1);
    if (start >= st.size || end < start) {
      res.writeHead(416, { ...headers, "Content-Range": `bytes */${st.size}` });
      return res.end();
    }
    status = 206;
    headers["Content-Range"] = `bytes ${start}-${end}/${st.size}`;
  }
  headers["Content-Length"] = String(end - start + 1);
  res.writeHead(status, headers);
  if (req.method === "HEAD") return res.end();
  const stallAfter = settings.stallAfterBytes;
  let sent = 0;
  const stream = createReadStream(localPath, { start, end });
  stream.on("data", (chunk) => {
    if (stallAfter >= 0 && sent + chunk.length > stallAfter) {
      const part = chunk.subarray(0, Math.max(0, stallAfter - sent));
      res.write(part);
      stats.bytesSent += part.length;
      sent += part.length;
      stream.destroy(); // and never end the response: the client waits until the server dies
      return;
    }
    sent += chunk.length;
    stats.bytesSent += chunk.length;
    if (!res.write(chunk)) {
      stream.pause();
      res.once("drain", () => stream.resume());
    }
  });
  stream.on("end", () => res.end());
  stream.on("error", () => res.destroy());
  res.on("close", () => stream.destroy());
}

// ---- DANDI REST API stand-in -------------------------------------------------------------------

function assetSummary(asset) {
  return {
    asset_id: asset.asset_id,
    blob: asset.blob,
    zarr: null,
    path: asset.path,
    size: asset.size,
    created: asset.created,
    modified: asset.modified,
  };
}

function assetMetadata(asset, dandisetId, version) {
  return {
    id: `dandiasset:${asset.asset_id}`,
    path: asset.path,
    access: [{ status: "dandi:OpenAccess", schemaKey: "AccessRequirements" }],
    digest: { "dandi:sha2-256": asset.sha256 ?? "", "dandi:dandi-etag": asset.dandiEtag ?? "" },
    "@context": "https://raw.githubusercontent.com/dandi/schema/master/releases/0.6.4/context.json",
    schemaKey: "Asset",
    contentUrl: [`${origin}/api/assets/${asset.asset_id}/download/`, `${origin}/${asset.blobKey}`],
    identifier: asset.asset_id,
    repository: `${origin}/`,
    contentSize: asset.size,
    dateModified: asset.modified,
    schemaVersion: "0.6.4",
    encodingFormat: "application/x-nwb",
    blobDateModified: asset.modified,
    wasAttributedTo: [],
    wasGeneratedBy: [],
    isPartOf: `DANDI:${dandisetId}/${version}`,
  };
}

function versionSummary(d, version) {
  return {
    version,
    name: d.name,
    asset_count: d.assets.length,
    size: d.assets.reduce((s, a) => s + a.size, 0),
    status: "Valid",
    created: d.created,
    modified: d.created,
  };
}

function serveDandi(req, res, url) {
  const parts = url.pathname.split("/").filter(Boolean); // ["api", ...]
  const find = (id) => dandi?.dandisets.find((d) => d.identifier === id);
  if (parts[1] === "dandisets" && parts.length === 3) {
    const d = find(parts[2]);
    if (!d) return sendJson(res, 404, { detail: "Not found." });
    return sendJson(res, 200, {
      identifier: d.identifier,
      created: d.created,
      modified: d.created,
      contact_person: d.contact_person ?? "Doe, Jane",
      embargo_status: "OPEN",
      star_count: 0,
      is_starred: false,
      draft_version: versionSummary(d, "draft"),
      most_recent_published_version: d.published ? versionSummary(d, d.published) : null,
    });
  }
  if (
    parts[1] === "dandisets" &&
    parts[3] === "versions" &&
    parts[5] === "assets" &&
    parts.length === 6
  ) {
    const d = find(parts[2]);
    const version = parts[4];
    if (!d || (version !== "draft" && version !== d.published))
      return sendJson(res, 404, { detail: "Not found." });
    const prefix = url.searchParams.get("path") ?? "";
    const withMetadata =
      url.searchParams.get("metadata") === "1" || url.searchParams.get("metadata") === "true";
    const pageSize = Number(url.searchParams.get("page_size") ?? d.pageSize ?? 100);
    const page = Number(url.searchParams.get("page") ?? 1);
    const matching = d.assets
      .filter((a) => a.path.startsWith(prefix))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    const slice = matching.slice((page - 1) * pageSize, page * pageSize);
    const pageUrl = (n) => {
      const next = new URL(url);
      next.searchParams.set("page", String(n));
      return `${origin}${next.pathname}${next.search}`;
    };
    return sendJson(res, 200, {
      count: matching.length,
      next: page * pageSize < matching.length ? pageUrl(page + 1) : null,
      previous: page > 1 ? pageUrl(page - 1) : null,
      results: slice.map((a) =>
        withMetadata
          ? { ...assetSummary(a), metadata: assetMetadata(a, d.identifier, version) }
          : assetSummary(a),
      ),
    });
  }
  if (parts[1] === "assets" && parts.length >= 3) {
    for (const d of dandi?.dandisets ?? []) {
      const asset = d.assets.find((a) => a.asset_id === parts[2]);
      if (!asset) continue;
      if (parts.length === 3)
        return sendJson(res, 200, assetMetadata(asset, d.identifier, "draft"));
      if (parts[3] === "download") {
        res.writeHead(302, { Location: `${origin}/${asset.blobKey}` });
        return res.end();
      }
      if (parts[3] === "info")
        return sendJson(res, 200, {
          ...assetSummary(asset),
          metadata: assetMetadata(asset, d.identifier, "draft"),
        });
    }
    return sendJson(res, 404, { detail: "Not found." });
  }
  return sendJson(res, 404, { detail: "Not found." });
}

// ---- server and control ------------------------------------------------------------------------

const server = createServer(async (req, res) => {
  const url = new URL(req.url, origin);
  stats.requests++;
  stats.log.push({ method: req.method, path: url.pathname, range: req.headers.range ?? null });
  if (stats.log.length > 10_000) stats.log.shift();
  if (settings.latencyMs > 0) await sleep(settings.latencyMs);
  if (url.pathname.startsWith("/api/")) return serveDandi(req, res, url);
  const localPath = files.get(decodeURIComponent(url.pathname));
  if (!localPath) return sendJson(res, 404, { detail: "Not found." });
  if (settings.failNext > 0) {
    settings.failNext--;
    return sendJson(res, settings.failStatus, { detail: "injected failure" });
  }
  return serveFile(req, res, localPath);
});
server.keepAliveTimeout = 30_000;

process.on("message", (message) => {
  const reply = (body) => process.send({ id: message.id, ...body });
  switch (message.cmd) {
    case "serve":
      files.set(message.urlPath, message.localPath);
      return reply({ url: `${origin}${message.urlPath}` });
    case "configure":
      Object.assign(settings, message.settings);
      return reply({ settings });
    case "dandi":
      dandi = message.model;
      return reply({ apiUrl: `${origin}/api` });
    case "stats":
      return reply({ stats });
    case "resetStats":
      stats = { requests: 0, rangeRequests: 0, bytesSent: 0, log: [] };
      return reply({});
    default:
      return reply({ error: `unknown command ${message.cmd}` });
  }
});

const port = Number(process.argv[2] ?? 0);
server.listen(port, "127.0.0.1", () => {
  origin = `http://127.0.0.1:${server.address().port}`;
  process.send({ type: "listening", port: server.address().port, origin });
});
process.on("disconnect", () => process.exit(0));

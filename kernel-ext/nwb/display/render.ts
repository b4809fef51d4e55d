// Rich display of any object of an open file: an HTML tree (types, shapes, dtypes, units, rates,
// attributes, small values) and a text fallback. Works from metadata alone: no data is read.
import type { MimeBundle } from "../../display/mimebundle.js";
import type { H5DatasetMeta, H5GroupMeta, H5NodeMeta } from "../h5/source.js";
import { dtypeName } from "../h5/dtype.js";
import type { Displayed, PreviewContext } from "./displayed.js";
import { escapeHtml } from "./escape.js";
import { formatValue } from "./format-value.js";
import { scaledPreview } from "./scaled-preview.js";

const HIDDEN_ATTRS = new Set(["neurodata_type", "namespace", "object_id", "help", "data_type"]);
const MAX_CHILDREN = 200;
const MAX_TEXT_LINES = 400;

interface Ctx {
  prefetched: PreviewContext["prefetched"];
  nwb: PreviewContext;
}

export function renderMimeBundle(obj: Displayed): MimeBundle {
  const fields = safeFields(obj);
  const c: Ctx = { prefetched: obj.ctx.prefetched, nwb: obj.ctx };
  return {
    "text/plain": renderText(obj, fields, c),
    "text/html": renderHtml(obj, fields, c),
  };
}

function safeFields(obj: Displayed): [string, string][] {
  try {
    return obj.displayFields().map(([k, v]) => [k, formatValue(v)]);
  } catch (e) {
    return [["error", formatValue(e)]];
  }
}

function typeOf(meta: H5GroupMeta | H5DatasetMeta): string | undefined {
  const t = meta.attrs.neurodata_type?.value ?? meta.attrs.data_type?.value;
  if (typeof t === "string") return t;
  if (Array.isArray(t) && typeof t[0] === "string") return t[0];
  return undefined;
}

function shownAttrs(meta: H5GroupMeta | H5DatasetMeta): [string, string][] {
  return Object.entries(meta.attrs)
    .filter(([k]) => !HIDDEN_ATTRS.has(k))
    .map(([k, a]) => [k, formatValue(a.value)]);
}

function smallValue(meta: H5DatasetMeta, c: Ctx): string | undefined {
  const pre = c.prefetched.get(meta.path);
  if (!pre) return undefined;
  const scaled = scaledPreview(meta, pre, c.nwb);
  if (scaled !== undefined) return scaled;
  const v = pre.values;
  const one =
    Array.isArray(v) && v.length === 1
      ? v[0]
      : ArrayBuffer.isView(v) && (v as unknown as ArrayLike<unknown>).length === 1
        ? (v as unknown as ArrayLike<unknown>)[0]
        : v;
  return formatValue(one);
}

function datasetSummary(meta: H5DatasetMeta): string {
  return `(${meta.shape.join(", ")}) ${dtypeName(meta.dtype)}`;
}

// ---- HTML ----

const STYLE =
  "font-family: var(--jp-code-font-family, monospace); font-size: 12px; line-height: 1.45;";

function htmlLabel(name: string, meta: H5GroupMeta | H5DatasetMeta, c: Ctx): string {
  const t = typeOf(meta);
  const parts = [`<b>${escapeHtml(name)}</b>`];
  if (t) parts.push(`<span style="color:#0b6e99">${escapeHtml(t)}</span>`);
  if (meta.kind === "dataset") {
    parts.push(`<span style="color:#777">${escapeHtml(datasetSummary(meta))}</span>`);
    const v = smallValue(meta, c);
    if (v !== undefined) parts.push(`= ${escapeHtml(v)}`);
  }
  const attrs = shownAttrs(meta);
  if (attrs.length) {
    parts.push(
      `<span style="color:#555">${attrs.map(([k, v]) => `${escapeHtml(k)}=${escapeHtml(v)}`).join(", ")}</span>`,
    );
  }
  return parts.join(" ");
}

function htmlNode(name: string, node: H5NodeMeta, c: Ctx, depth: number): string {
  if (node.kind === "softlink")
    return `<li>${escapeHtml(name)} → <i>${escapeHtml(node.target)}</i></li>`;
  if (node.kind === "externallink")
    return `<li>${escapeHtml(name)} → <i>${escapeHtml(node.file)}:${escapeHtml(node.target)}</i></li>`;
  if (node.kind === "dataset") return `<li>${htmlLabel(name, node, c)}</li>`;
  const kids = Object.entries(node.children);
  if (kids.length === 0) return `<li>${htmlLabel(name, node, c)}</li>`;
  return `<li><details${depth < 1 ? " open" : ""}><summary>${htmlLabel(name, node, c)}</summary>${htmlChildren(kids, c, depth + 1)}</details></li>`;
}

function htmlChildren(kids: [string, H5NodeMeta][], c: Ctx, depth: number): string {
  const shown = kids.slice(0, MAX_CHILDREN).map(([k, n]) => htmlNode(k, n, c, depth));
  if (kids.length > MAX_CHILDREN) shown.push(`<li>… ${kids.length - MAX_CHILDREN} more</li>`);
  return `<ul style="list-style:none; padding-left:1.2em; margin:0">${shown.join("")}</ul>`;
}

function renderHtml(obj: Displayed, fields: [string, string][], c: Ctx): string {
  const t = obj.neurodataType ?? (obj.meta.kind === "dataset" ? "Dataset" : "Group");
  const head =
    `<div><b>${escapeHtml(t)}</b> <code>${escapeHtml(obj.path)}</code>` +
    ` <span style="color:#777">in ${escapeHtml(obj.file)}</span></div>`;
  const table = fields.length
    ? `<table style="border-collapse:collapse; margin:4px 0">${fields
        .map(
          ([k, v]) =>
            `<tr><td style="padding:0 1em 0 0; color:#555">${escapeHtml(k)}</td><td style="text-align:left">${escapeHtml(v)}</td></tr>`,
        )
        .join("")}</table>`
    : "";
  const tree = htmlChildren([[obj.name, obj.meta]], c, 0);
  return `<div class="tsnwb-nwb" style="${STYLE}">${head}${table}${tree}</div>`;
}

// ---- text ----

function textLabel(name: string, meta: H5GroupMeta | H5DatasetMeta, c: Ctx): string {
  const t = typeOf(meta);
  let s = name + (t ? ` <${t}>` : "");
  if (meta.kind === "dataset") {
    s += ` ${datasetSummary(meta)}`;
    const v = smallValue(meta, c);
    if (v !== undefined) s += ` = ${v}`;
  }
  const attrs = shownAttrs(meta);
  if (attrs.length) s += `  (${attrs.map(([k, v]) => `${k}=${v}`).join(", ")})`;
  return s;
}

function textTree(name: string, node: H5NodeMeta, c: Ctx, indent: string, out: string[]): void {
  if (out.length >= MAX_TEXT_LINES) return;
  if (node.kind === "softlink") {
    out.push(`${indent}${name} -> ${node.target}`);
    return;
  }
  if (node.kind === "externallink") {
    out.push(`${indent}${name} -> ${node.file}:${node.target}`);
    return;
  }
  out.push(indent + textLabel(name, node, c));
  if (node.kind === "group") {
    for (const [k, n] of Object.entries(node.children)) textTree(k, n, c, indent + "  ", out);
  }
}

function renderText(obj: Displayed, fields: [string, string][], c: Ctx): string {
  const t = obj.neurodataType ?? (obj.meta.kind === "dataset" ? "Dataset" : "Group");
  const out = [`${t} ${obj.path} in ${obj.file}`];
  for (const [k, v] of fields) out.push(`  ${k}: ${v}`);
  textTree(obj.name, obj.meta, c, "", out);
  if (out.length >= MAX_TEXT_LINES) out.push("…");
  return out.join("\n");
}

// A self-contained HTML page that shows widgets with no kernel and no network: the widget state
// (application/vnd.jupyter.widget-state+json, buffers base64) and our bundle are inlined, one
// widget-view script per widget marks where each is drawn. Opened from file://, it shows the
// widgets' last state.
import { writeFileSync } from "node:fs";
import {
  widgetStateBundle,
  withReferences,
  WIDGET_STATE_MIME,
} from "../../kernel/widget/state-bundle.js";
import { Widget } from "../../kernel/widget/widget.js";
import { readEmbedBundle } from "./bundle-source.js";

export const WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json";

/** Text for an HTML text node or attribute value. */
export function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface ExportOptions {
  /** The page's <title> and heading (default "tsnwb widgets"). */
  title?: string;
  /** HTML placed under the widgets, as given: the caller escapes any text in it. */
  appendix?: string;
}

/** JSON inside a <script> element: "</script" or "<!--" in a string from a file would end or
 *  confuse the element, so every "<" is written as the JSON escape \u003c (the same string to a
 *  JSON parser). */
function scriptJSON(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

export function htmlPage(
  widgets: Widget<any> | Widget<any>[],
  options: ExportOptions = {},
): string {
  const list = Array.isArray(widgets) ? widgets : [widgets];
  if (list.length === 0)
    throw new Error("exportHTML: no widgets given (expected at least one Widget)");
  return htmlPageFromState(
    widgetStateBundle(list),
    list.map((w) => w.modelId),
    options,
  );
}

/** The page for a saved widget state (application/vnd.jupyter.widget-state+json, e.g. a
 *  notebook's metadata.widgets), showing the models `modelIds` in that order. */
export function htmlPageFromState(
  state: { state: Record<string, unknown> },
  modelIds: string[],
  options: ExportOptions = {},
): string {
  for (const id of modelIds) {
    if (!state.state?.[id])
      throw new Error(
        `exportHTML: model ${id} is not in the widget state (it holds ${Object.keys(state.state ?? {}).length} models)`,
      );
  }
  const title = escapeHTML(options.title ?? "tsnwb widgets");
  const views = modelIds
    .map(
      (id) =>
        `<div class="tsnwb-export-cell">\n<script type="${WIDGET_VIEW_MIME}">${scriptJSON({ version_major: 2, version_minor: 0, model_id: id })}</script>\n</div>`,
    )
    .join("\n");
  const bundle = readEmbedBundle().replace(/<\/script/gi, "<\\/script");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="tsnwb exportHTML">
<title>${title}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 16px; } .tsnwb-export-cell { margin: 12px 0 24px; }
.tsnwb-appendix table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
.tsnwb-appendix caption { text-align: left; font-weight: bold; padding: 4px 0; }
.tsnwb-appendix th, .tsnwb-appendix td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
.tsnwb-appendix th[scope=row], .tsnwb-appendix thead th { text-align: left; }
</style>
</head>
<body>
<h1 style="font-size: 16px">${title}</h1>
<noscript>These figures are drawn by JavaScript inlined in this page; enable JavaScript to see them.</noscript>
<script type="${WIDGET_STATE_MIME}">${scriptJSON(state)}</script>
${views}
${options.appendix ? `<div class="tsnwb-appendix">\n${options.appendix}\n</div>` : ""}
<script>${bundle}</script>
</body>
</html>
`;
}

/** Writes the page to `path` once every shown state is complete; resolves to its size in bytes. */
export async function exportHTML(
  widgets: Widget<any> | Widget<any>[],
  path: string,
  options: ExportOptions = {},
): Promise<number> {
  if (typeof path !== "string" || path === "")
    throw new Error('exportHTML: expected a file path for the page (e.g. "figures.html")');
  await statesPrepared(Array.isArray(widgets) ? widgets : [widgets]);
  const html = htmlPage(widgets, options);
  writeFileSync(path, html);
  return Buffer.byteLength(html);
}

/** Waits for work still filling in the state of `widgets` or of a widget they reference (a
 *  movie linked in the same cell is still reading its preview frames), so the page holds it. */
async function statesPrepared(widgets: Widget<any>[]): Promise<void> {
  for (const { widget } of withReferences(widgets))
    if (widget instanceof Widget) await widget.prepared();
}

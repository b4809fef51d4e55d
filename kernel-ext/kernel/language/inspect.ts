// inspect_request (shift-tab in JupyterLab): the signature and TSDoc of what the cursor is in or
// on, as text/plain — the signature first, then the documentation and tags, as ipykernel shows a
// Python object's signature and docstring.
import type { Executor } from "tslab/dist/executor.js";
import { inspectionOffset } from "./call-at-cursor.js";
import { utf16Offset } from "./code-points.js";
import { ParsedCell } from "./parse-cell.js";
import type { TS } from "./typescript.js";

export function inspectReply(
  executor: Executor,
  code: string,
  cursorPos: number,
): Record<string, unknown> {
  const offset = inspectionOffset(new ParsedCell(code), utf16Offset(code, cursorPos));
  const info = executor.inspect(code, offset) as TS.QuickInfo | undefined;
  const text = info ? quickInfoText(info) : "";
  if (text === "") return { status: "ok", found: false, data: {}, metadata: {} };
  return { status: "ok", found: true, data: { "text/plain": text }, metadata: {} };
}

export function quickInfoText(info: TS.QuickInfo): string {
  const signature = withoutAliasNote(partsText(info.displayParts));
  const doc = partsText(info.documentation);
  const tags = (info.tags ?? []).map((tag) => `@${tag.name} ${partsText(tag.text)}`.trimEnd());
  return [signature, doc, tags.join("\n")].filter((block) => block !== "").join("\n\n");
}

/** `(alias) function f(…)\nexport f` for a re-exported or imported name: the signature is what helps. */
function withoutAliasNote(signature: string): string {
  if (!signature.startsWith("(alias) ")) return signature;
  return signature.slice("(alias) ".length).replace(/\n(?:import|export) [\w$.]+$/, "");
}

function partsText(parts: readonly TS.SymbolDisplayPart[] | undefined): string {
  return (parts ?? [])
    .map((part) => part.text)
    .join("")
    .trim();
}

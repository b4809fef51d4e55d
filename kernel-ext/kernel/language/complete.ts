// complete_request: TypeScript's completions (through tslab), without what is not public API.
// Outside a class body, members TypeScript marks private or protected and `#private` names are
// dropped; after a `.`, `_`-prefixed members are dropped unless the typed prefix starts with `_`
// (as IPython hides `_` names). Inside a class body the user's own class is being written and
// TypeScript's own accessibility rules already decide. Kinds go to JupyterLab as
// `_jupyter_types_experimental`, as ipykernel sends them.
import type { Executor } from "tslab/dist/executor.js";
import { codePointOffset, utf16Offset } from "./code-points.js";
import { ParsedCell } from "./parse-cell.js";
import { ts, type TS } from "./typescript.js";

export function completeReply(
  executor: Executor,
  code: string,
  cursorPos: number,
): Record<string, unknown> {
  const cursor = utf16Offset(code, cursorPos);
  const completion = executor.complete(code, cursor);
  const entries = new Map((completion.original?.entries ?? []).map((entry) => [entry.name, entry]));
  const hide = hiddenNames({
    typed: code.slice(completion.start, cursor),
    isMemberCompletion: completion.original?.isMemberCompletion ?? false,
    inClassBody: new ParsedCell(code).nodesAt(cursor).some((node) => ts.isClassLike(node)),
  });
  const matches = completion.candidates.filter((name) => !hide(name, entries.get(name)));
  const start = codePointOffset(code, completion.start);
  const end = codePointOffset(code, completion.end);
  const types = matches.map((name) => ({
    start,
    end,
    text: name,
    type: entries.get(name)?.kind ?? "",
  }));
  return {
    status: "ok",
    matches,
    cursor_start: start,
    cursor_end: end,
    metadata: { _jupyter_types_experimental: types },
  };
}

interface CompletionContext {
  typed: string;
  isMemberCompletion: boolean;
  inClassBody: boolean;
}

function hiddenNames(
  context: CompletionContext,
): (name: string, entry: TS.CompletionEntry | undefined) => boolean {
  return (name, entry) => {
    if (!context.inClassBody) {
      if (name.startsWith("#")) return true;
      const modifiers = (entry?.kindModifiers ?? "").split(",");
      if (modifiers.includes("private") || modifiers.includes("protected")) return true;
    }
    return context.isMemberCompletion && name.startsWith("_") && !context.typed.startsWith("_");
  };
}

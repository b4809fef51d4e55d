// Whether a cell awaits at its top level (outside any function or class). tslab learns it from
// TypeScript's "await only allowed in async functions" diagnostic, which TypeScript does not give
// when the statement was first parsed with `await` as an identifier and then re-parsed as top-level
// await — `await (x as T).m()`, `await (p)`: tslab then wraps the cell in a plain function and
// Node rejects the await. This answers the question from the syntax tree instead.
import type { ParsedCell } from "./parse-cell.js";
import { ts, type TS } from "./typescript.js";

export function hasTopLevelAwait(cell: ParsedCell): boolean {
  const visit = (node: TS.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isModuleDeclaration(node))
      return false;
    if (
      ts.isAwaitExpression(node) ||
      (ts.isForOfStatement(node) && node.awaitModifier !== undefined)
    )
      return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return ts.forEachChild(cell.file, visit) ?? false;
}

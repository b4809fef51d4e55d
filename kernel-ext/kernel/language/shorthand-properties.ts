// `{ fs }` where `fs` was declared by an earlier cell. tslab keeps earlier cells' variables on an
// `exports` object and rewrites references to them, but it looks up a shorthand property's
// *property* symbol, so `{ fs }` is left as a bare `fs` and fails with a ReferenceError. Spelling
// such properties out (`{ fs: fs }`) before tslab compiles the cell gives it a plain reference.
// Declarations (`const { fs } = obj`) are binding patterns, not shorthand properties: untouched.
import type { ParsedCell } from "./parse-cell.js";
import type { Insertion } from "./source-insertions.js";
import { ts, type TS } from "./typescript.js";

export function shorthandExpansions(
  cell: ParsedCell,
  earlierNames: ReadonlySet<string>,
): Insertion[] {
  const insertions: Insertion[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isShorthandPropertyAssignment(node) && earlierNames.has(node.name.text)) {
      // After the name, so that a destructuring default stays in place: `{ a = 1 } = o` → `{ a: a = 1 } = o`.
      insertions.push({ at: cell.end(node.name), text: `: ${node.name.text}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(cell.file);
  return insertions;
}

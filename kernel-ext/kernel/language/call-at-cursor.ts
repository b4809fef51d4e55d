// Where to look when the user asks to inspect (shift-tab) at a cursor. Like ipykernel: inside the
// parentheses of a call, the function being called (the innermost such call), so that
// `nwb.spikeTriggeredAverage(|` and `f(a, |` show f's signature; right after a call's `)`, that
// call's function; elsewhere whatever is under the cursor or just before it (blanks skipped).
import type { ParsedCell } from "./parse-cell.js";
import { ts, type TS } from "./typescript.js";

type Call = (TS.CallExpression | TS.NewExpression) & { arguments: TS.NodeArray<TS.Expression> };

/** The offset in the cell to ask TypeScript's quick info at. */
export function inspectionOffset(cell: ParsedCell, cursor: number): number {
  // A call still being typed ends before the blanks that follow it: look from the last non-blank.
  const anchor = cell.code.slice(0, cursor).trimEnd().length;
  const calls = cell.nodesAt(anchor).reverse().filter(isCallWithParens);
  const call =
    calls.find((c) => parensEnclose(cell, c, cursor)) ??
    calls.find((c) => isClosed(c) && cell.end(c) === anchor);
  return call ? cell.end(call.expression) : anchor;
}

function isCallWithParens(node: TS.Node): node is Call {
  return (ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments !== undefined; // not `new Foo`
}

/** A call without its `)` ends where its arguments end; a closed one ends after `)`. */
function isClosed(call: Call): boolean {
  return call.end > call.arguments.end;
}

function parensEnclose(cell: ParsedCell, call: Call, cursor: number): boolean {
  const afterOpenParen = cell.fullStart(call.arguments);
  return cursor >= afterOpenParen && (!isClosed(call) || cursor < cell.end(call));
}

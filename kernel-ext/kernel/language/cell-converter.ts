// tslab's converter with two fixes applied in our layer (tslab stays an unmodified dependency):
// shorthand properties naming an earlier cell's variable are spelled out before compiling
// (shorthand-properties.ts), and a top-level await TypeScript did not report still makes the cell
// run as an async function (top-level-await.ts). Diagnostics point into the cell as written.
import type { ConvertResult, Converter, Diagnostic, DiagnosticPos } from "tslab/dist/converter.js";
import { earlierCellNames } from "./earlier-names.js";
import { ParsedCell } from "./parse-cell.js";
import { shorthandExpansions } from "./shorthand-properties.js";
import {
  applyInsertions,
  lineAndCharacter,
  originalOffset,
  type Insertion,
} from "./source-insertions.js";
import { hasTopLevelAwait } from "./top-level-await.js";

export function withCellFixes(converter: Converter): Converter {
  return {
    convert: (prevDecl, src) => convertCell(converter, prevDecl, src),
    inspect: (prevDecl, src, position) => converter.inspect(prevDecl, src, position),
    complete: (prevDecl, src, position) => converter.complete(prevDecl, src, position),
    addModule: (name, content, meta) => converter.addModule(name, content, meta),
    close: () => converter.close(),
  };
}

function convertCell(converter: Converter, prevDecl: string, src: string): ConvertResult {
  const cell = new ParsedCell(src);
  const insertions = shorthandExpansions(cell, earlierCellNames(prevDecl));
  const result = converter.convert(prevDecl, applyInsertions(src, insertions));
  if (insertions.length > 0) {
    result.diagnostics = result.diagnostics.map((d) =>
      d.fileName === undefined ? inOriginal(d, src, insertions) : d,
    );
  }
  if (result.diagnostics.length === 0 && !result.hasToplevelAwait && hasTopLevelAwait(cell)) {
    result.hasToplevelAwait = true;
  }
  return result;
}

function inOriginal(d: Diagnostic, src: string, insertions: readonly Insertion[]): Diagnostic {
  const map = (pos: DiagnosticPos): DiagnosticPos => {
    const offset = originalOffset(insertions, pos.offset);
    return { offset, ...lineAndCharacter(src, offset) };
  };
  return { ...d, start: map(d.start), end: map(d.end) };
}

// A cell parsed the way tslab's converter sees it: behind an `export {};` line, so that it is a
// module and `await` at its top level parses as an await expression.
import { ts, type TS } from "./typescript.js";

const modulePrefix = "export {};\n";

export class ParsedCell {
  readonly file: TS.SourceFile;

  constructor(readonly code: string) {
    this.file = ts.createSourceFile(
      "__cell__.ts",
      modulePrefix + code,
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TS,
    );
  }

  /** A node's start in the cell's text (leading trivia skipped). */
  start(node: TS.Node): number {
    return node.getStart(this.file) - modulePrefix.length;
  }

  /** A node's end in the cell's text. */
  end(node: TS.Node): number {
    return node.end - modulePrefix.length;
  }

  /** A node's full start in the cell's text (leading trivia included), as TS node arrays count it. */
  fullStart(node: TS.Node | TS.NodeArray<TS.Node>): number {
    return node.pos - modulePrefix.length;
  }

  /** The nodes whose text contains `offset` (start ≤ offset ≤ end), outermost first. */
  nodesAt(offset: number): TS.Node[] {
    const chain: TS.Node[] = [];
    const contains = (node: TS.Node) =>
      this.start(node) <= offset && offset <= this.end(node) ? node : undefined;
    for (
      let node = ts.forEachChild(this.file, contains);
      node;
      node = ts.forEachChild(node, contains)
    )
      chain.push(node);
    return chain;
  }
}

// The kernel's own analyses of a cell's text (kernel-ext/kernel/language/), without a kernel: where
// inspect looks, which shorthand properties are spelled out, top-level await, cursor units.
import { strict as assert } from "node:assert";
import { inspectionOffset } from "../../kernel-ext/kernel/language/call-at-cursor.js";
import { codePointOffset, utf16Offset } from "../../kernel-ext/kernel/language/code-points.js";
import { earlierCellNames } from "../../kernel-ext/kernel/language/earlier-names.js";
import { ParsedCell } from "../../kernel-ext/kernel/language/parse-cell.js";
import { shorthandExpansions } from "../../kernel-ext/kernel/language/shorthand-properties.js";
import {
  applyInsertions,
  lineAndCharacter,
  originalOffset,
} from "../../kernel-ext/kernel/language/source-insertions.js";
import { hasTopLevelAwait } from "../../kernel-ext/kernel/language/top-level-await.js";

/** The offset inspect asks quick info at, for a cell written with `|` at the cursor. */
function inspectedAt(marked: string): string {
  const cursor = marked.indexOf("|");
  const code = marked.slice(0, cursor) + marked.slice(cursor + 1);
  const offset = inspectionOffset(new ParsedCell(code), cursor);
  return code.slice(0, offset) + "^" + code.slice(offset);
}

function expanded(code: string, earlier: string[]): string {
  return applyInsertions(code, shorthandExpansions(new ParsedCell(code), new Set(earlier)));
}

describe("kernel: cell analysis", function () {
  describe("where inspect looks", function () {
    it("inside a call's parentheses: at the end of the callee's name", function () {
      assert.equal(inspectedAt("nwb.spikeTriggeredAverage(|"), "nwb.spikeTriggeredAverage^(");
      assert.equal(inspectedAt("nwb.spikeTriggeredAverage(x, |"), "nwb.spikeTriggeredAverage^(x, ");
      assert.equal(
        inspectedAt("nwb.spikeTriggeredAverage(x,\n   |"),
        "nwb.spikeTriggeredAverage^(x,\n   ",
      );
      assert.equal(inspectedAt("f(a, |b)"), "f^(a, b)");
      assert.equal(inspectedAt('file.get("acq|'), 'file.get^("acq');
      assert.equal(inspectedAt("const r = new Foo(1, |"), "const r = new Foo^(1, ");
    });

    it("the innermost call whose parentheses hold the cursor", function () {
      assert.equal(inspectedAt("f(g(|"), "f(g^(");
      assert.equal(inspectedAt("f(g(1), |"), "f^(g(1), ");
      assert.equal(inspectedAt("f(g(1) |"), "f^(g(1) ");
      assert.equal(
        inspectedAt("f(a, g(1)|)"),
        "f^(a, g(1))",
        "after g's `)` but inside f's parentheses: f",
      );
      assert.equal(inspectedAt("f(a, (x) => { h(|"), "f(a, (x) => { h^(");
    });

    it("right after a call's `)`: that call's function", function () {
      assert.equal(inspectedAt('file.get("x")|'), 'file.get^("x")');
      assert.equal(inspectedAt('file.get("x") |'), 'file.get^("x") ');
    });

    it("elsewhere: the cursor itself, blanks before it skipped (an identifier, or nothing)", function () {
      assert.equal(inspectedAt("file.get|"), "file.get^");
      assert.equal(inspectedAt("fi|le.get"), "fi^le.get");
      assert.equal(inspectedAt("const y = 1 + |"), "const y = 1 +^ ");
      assert.equal(inspectedAt("file.get\n|"), "file.get^\n");
      assert.equal(inspectedAt("f|(a)"), "f^(a)");
      assert.equal(inspectedAt("new Foo|"), "new Foo^");
    });
  });

  describe("shorthand properties naming an earlier cell's variable", function () {
    it("are spelled out, in any expression", function () {
      assert.equal(expanded("({ fs })", ["fs"]), "({ fs: fs })");
      assert.equal(
        expanded("f({ fs, n: 2, data }, [{ fs }])", ["fs", "data"]),
        "f({ fs: fs, n: 2, data: data }, [{ fs: fs }])",
      );
      assert.equal(
        expanded("const o = { a: 1, fs, ...rest, m() { return 1; } };", ["fs", "rest"]),
        "const o = { a: 1, fs: fs, ...rest, m() { return 1; } };",
      );
    });

    it("keep a destructuring assignment's default in place", function () {
      assert.equal(expanded("({ fs = 1 } = obj);", ["fs"]), "({ fs: fs = 1 } = obj);");
    });

    it("leave names not declared by earlier cells, and declarations, as they are", function () {
      assert.equal(expanded("const fs = 3; ({ fs })", []), "const fs = 3; ({ fs })");
      assert.equal(
        expanded("const { fs } = obj; let { a, b: [c] } = o2;", ["fs", "a"]),
        "const { fs } = obj; let { a, b: [c] } = o2;",
      );
      assert.equal(
        expanded("function g({ fs }: { fs: number }) { return fs; }", ["fs"]),
        "function g({ fs }: { fs: number }) { return fs; }",
      );
      assert.equal(
        expanded("type T = { fs: number }; import { fs } from './m';", ["fs"]),
        "type T = { fs: number }; import { fs } from './m';",
      );
    });

    it("map positions in the rewritten cell back to the cell as written", function () {
      const code = "const o = { fs, b };\nconst z = o.b + q;";
      const insertions = shorthandExpansions(new ParsedCell(code), new Set(["fs", "b"]));
      const rewritten = applyInsertions(code, insertions);
      assert.equal(rewritten, "const o = { fs: fs, b: b };\nconst z = o.b + q;");
      assert.equal(originalOffset(insertions, rewritten.indexOf("q")), code.indexOf("q"));
      assert.equal(originalOffset(insertions, rewritten.indexOf("b: b")), code.indexOf("b }"));
      assert.equal(
        originalOffset(insertions, rewritten.indexOf(": fs")),
        code.indexOf(", b"),
        "inside an insertion: where it was inserted",
      );
      assert.deepEqual(lineAndCharacter(code, code.indexOf("q")), { line: 1, character: 16 });
    });
  });

  it("the names earlier cells declared, from tslab's carried declarations", function () {
    const decls = [
      "import * as path from 'path';",
      "import def, { join as j } from 'path';",
      "declare const fs = 3, a: number, bb: number;",
      "declare let u: any;",
      "declare function f(): void;",
      "declare class Foo {\n}",
      "declare enum E {\n    A = 0\n}",
      "interface I {\n}",
      "type T = 1;",
    ].join("\n");
    assert.deepEqual([...earlierCellNames(decls)].sort(), [
      "E",
      "Foo",
      "a",
      "bb",
      "def",
      "f",
      "fs",
      "j",
      "path",
      "u",
    ]);
    assert.equal(earlierCellNames("").size, 0);
  });

  describe("top-level await", function () {
    it("found when it is outside every function, whatever the operand", function () {
      for (const code of [
        "for (let i = 0; i < 2; i++) { await (x as Foo).bar(); }",
        "await (x as Foo).bar()",
        "await (p)",
        "const v = await Promise.resolve(1);",
        "if (ok) { while (n--) { total += await read(n); } }",
        "for await (const chunk of stream) {}",
      ]) {
        assert.equal(hasTopLevelAwait(new ParsedCell(code)), true, code);
      }
    });

    it("not found when every await is inside a function or class", function () {
      for (const code of [
        "async function g() { await (x as Foo).bar(); }",
        "const h = async () => { for (;;) await (p); };",
        "class C { async m() { await this.n(); } }",
        "const s = 'await (x)'; // await (y)",
      ]) {
        assert.equal(hasTopLevelAwait(new ParsedCell(code)), false, code);
      }
    });
  });

  it("converts Jupyter's code-point cursor to UTF-16 offsets and back", function () {
    const code = "const τ = '🧠'; f(";
    assert.equal(utf16Offset(code, [...code].length), code.length);
    assert.equal(codePointOffset(code, code.length), [...code].length);
    assert.equal(code.length - [...code].length, 1, "one character outside the BMP");
    assert.equal(utf16Offset(code, 11), 11, "before the emoji: the same");
    assert.equal(utf16Offset(code, 12), 13, "after the emoji: one more UTF-16 unit");
    assert.equal(codePointOffset(code, 13), 12);
  });
});

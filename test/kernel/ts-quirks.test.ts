// Two forms tslab alone gets wrong, fixed in the kernel's layer (kernel-ext/kernel/language/), and
// their neighbours that must keep working: shorthand properties naming an earlier cell's variable,
// and `await (expr as T).method()` — in a loop or not.
import { strict as assert } from "node:assert";
import { outputs, type ExecuteResult, type KernelDriver } from "./support/kernel-driver.js";
import { sharedKernel } from "./support/shared-kernel.js";

describe("kernel: TypeScript forms tslab alone gets wrong", function () {
  let kernel: KernelDriver;

  function result(r: ExecuteResult): string | undefined {
    return outputs(r).find((m) => m.msg_type === "execute_result")?.content.data["text/plain"];
  }

  async function value(code: string): Promise<string | undefined> {
    return result(await kernel.run(code));
  }

  before(async () => {
    kernel = await sharedKernel();
    await kernel.run(`
      const fsHz = 30;
      let windowS = 0.5;
      const traces = [1, 2];
      class Probe {
        calls = 0;
        async bar(): Promise<number> { return ++this.calls; }
      }
      const probe: unknown = new Probe();`);
  });

  describe("a shorthand property naming a variable from an earlier cell", function () {
    it("works alone and mixed with regular, spread and computed properties", async () => {
      assert.equal(await value("({ fsHz })"), "{ fsHz: 30 }");
      assert.equal(
        await value(
          "({ fsHz, n: 2, traces, twice: fsHz * 2, ...{ extra: true }, ['k' + 1]: windowS })",
        ),
        "{ fsHz: 30, n: 2, traces: [ 1, 2 ], twice: 60, extra: true, k1: 0.5 }",
      );
    });

    it("works as a function argument, nested, and inside functions and arrow bodies", async () => {
      assert.equal(
        await value("JSON.stringify({ settings: { fsHz, windowS } })"),
        `'{"settings":{"fsHz":30,"windowS":0.5}}'`,
      );
      assert.equal(
        await value(
          "function settings() { return { fsHz }; }\n[1].map(() => ({ windowS }))[0].windowS + settings().fsHz",
        ),
        "30.5",
      );
    });

    it("assigns an earlier cell's variable through a destructuring assignment (with a default)", async () => {
      await kernel.run("({ windowS } = { windowS: 2 });");
      assert.equal(await value("windowS"), "2");
      await kernel.run("({ windowS = 4 } = {} as { windowS?: number });");
      assert.equal(await value("windowS"), "4");
    });

    it("leaves destructuring declarations alone: `const { a } = obj` binds new names", async () => {
      assert.equal(
        await value(
          "const { fsHz: rate, traces: [first] } = { fsHz: 7, traces: [9] };\n[rate, first, fsHz]",
        ),
        "[ 7, 9, 30 ]",
      );
      assert.equal(await value("const { windowS: w2 } = { windowS };\nw2"), "4");
    });

    it("a variable shadowing the earlier one inside a function is the one used", async () => {
      assert.equal(
        await value("function local(fsHz: number) { return { fsHz }; }\nlocal(5)"),
        "{ fsHz: 5 }",
      );
    });

    it("errors still point at the cell as written (columns after a spelled-out property)", async () => {
      const line2 = "const shown = { fsHz, traces }; const bad: string = shown.fsHz + missingName;";
      const r = await kernel.execute(`// the error is on line 2\n${line2}`);
      assert.equal(r.reply.status, "error");
      assert.equal(
        r.reply.evalue,
        `2:${line2.indexOf("missingName") + 1} - Cannot find name 'missingName'.`,
      );
      const r2 = await kernel.execute("const s: string = { fsHz }.fsHz;");
      assert.equal(r2.reply.evalue, "1:7 - Type 'number' is not assignable to type 'string'.");
      assert.equal(outputs(r2).filter((m) => m.msg_type === "error").length, 1);
    });
  });

  describe("await (expr as T).method()", function () {
    it("works inside a loop", async () => {
      const before = Number(await value("(probe as Probe).calls"));
      const r = await kernel.run(
        "for (let i = 0; i < 3; i++) {\n  await (probe as Probe).bar();\n}",
      );
      assert.equal(result(r), undefined);
      assert.equal(await value("(probe as Probe).calls"), String(before + 3));
    });

    it("works at the top level, as the last expression, and in a declaration", async () => {
      const calls = Number(await value("(probe as Probe).calls"));
      assert.equal(await value("await (probe as Probe).bar()"), String(calls + 1));
      assert.equal(
        await value("const got = await (probe as Probe).bar();\ngot * 10"),
        String((calls + 2) * 10),
      );
      assert.equal(await value("await (Promise.resolve(6) as Promise<number>)"), "6");
      assert.equal(
        await value(
          "let sum = 0;\nfor (const p of [Promise.resolve(1), Promise.resolve(2)]) sum += await (p);\nsum",
        ),
        "3",
      );
    });

    it("neighbours keep working: plain awaits in loops, awaits inside async functions, for await", async () => {
      assert.equal(
        await value(
          "let n = 0;\nfor (let i = 0; i < 2; i++) { n += await Promise.resolve(i + 1); }\nn",
        ),
        "3",
      );
      assert.equal(
        await value(
          "async function twice() { return 2 * await (probe as Probe).bar(); }\n(await twice()) % 2",
        ),
        "0",
      );
      assert.equal(
        await value(
          "async function* gen() { yield 1; yield 2; }\nlet t = 0;\nfor await (const v of gen()) t += v;\nt",
        ),
        "3",
      );
    });

    it("an await inside a non-async function is still a compile error, not a crash", async () => {
      const r = await kernel.execute("function notAsync() { await (probe as Probe).bar(); }");
      assert.equal(r.reply.status, "error");
      assert.equal(r.reply.ename, "TypeScriptError");
      assert.match(r.reply.evalue, /^1:23 - .*async function/);
      assert.equal(await value("1 + 1"), "2");
    });
  });
});

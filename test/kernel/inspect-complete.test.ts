// Inspect (shift-tab) and completion in the real tsnwb kernel, through jupyter_client: the callee's
// signature and TSDoc at several cursor positions inside a call, the identifier under the cursor,
// nothing where there is nothing; completion of an NWBFile's and a class's members without internals.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { repoRoot, type KernelDriver } from "./support/kernel-driver.js";
import { sharedKernel } from "./support/shared-kernel.js";

const recording = join(repoRoot, "data", "recordings", "Allen_GCaMP6s_Cux2_102436_rec0.nwb");

// The exact text for a function with TSDoc declared in a cell: signature, then doc, then tags.
const smoothDoc = [
  'function smoothInspect(x: Float64Array, halfWidth: number, options?: {\n    edge: "clip" | "wrap";\n}): Float64Array',
  "Moving mean of `x`.\nEdges are handled as `options.edge` says.",
  "@param x the samples\n@param halfWidth half-width of the window, in samples\n@returns a new array",
].join("\n\n");

describe("kernel: inspect and complete", function () {
  let kernel: KernelDriver;

  /** The inspect reply for a cell written with `|` at the cursor (at the end when there is none). */
  async function inspect(marked: string): Promise<{ found: boolean; text?: string }> {
    const cursor = marked.includes("|")
      ? [...marked.slice(0, marked.indexOf("|"))].length
      : [...marked].length;
    const code = marked.replace("|", "");
    const reply = await kernel.request("inspect_request", {
      code,
      cursor_pos: cursor,
      detail_level: 0,
    });
    assert.equal(reply.status, "ok", JSON.stringify(reply));
    return { found: reply.found, text: reply.data["text/plain"] };
  }

  async function complete(code: string): Promise<{
    matches: string[];
    start: number;
    end: number;
    types: { text: string; type: string }[];
  }> {
    const reply = await kernel.request("complete_request", { code, cursor_pos: [...code].length });
    assert.equal(reply.status, "ok", JSON.stringify(reply));
    return {
      matches: reply.matches,
      start: reply.cursor_start,
      end: reply.cursor_end,
      types: reply.metadata._jupyter_types_experimental,
    };
  }

  before(async () => {
    kernel = await sharedKernel();
    await kernel.run(`
      import * as nwb from "tsnwb";
      const inspectFile = await nwb.openNWB(${JSON.stringify(recording)});
      /**
       * Moving mean of \`x\`.
       * Edges are handled as \`options.edge\` says.
       * @param x the samples
       * @param halfWidth half-width of the window, in samples
       * @returns a new array
       */
      function smoothInspect(x: Float64Array, halfWidth: number, options?: { edge: "clip" | "wrap" }): Float64Array {
        return x.slice();
      }
      class Accounts {
        balance = 1;
        protected ledger = 2;
        private secret = 3;
        #pin = 4;
        _cache = 5;
        /** Adds \`amount\` to the balance. */
        constructor(amount: number) { this.balance += amount; }
        deposit(amount: number) { this.balance += amount + this.#pin * 0; }
      }
      const accounts = new Accounts(1);`);
  });

  it("inside a call's parentheses: the signature, then the TSDoc", async () => {
    assert.deepEqual(await inspect("smoothInspect("), { found: true, text: smoothDoc });
    assert.deepEqual(await inspect("const y = smoothInspect(|);"), {
      found: true,
      text: smoothDoc,
    });
  });

  it("after arguments typed already, after a comma, on a new line, inside a string argument", async () => {
    for (const code of [
      "smoothInspect(new Float64Array(4), ",
      "smoothInspect(new Float64Array(4), 2|, { edge: 'clip' })",
      "smoothInspect(\n  new Float64Array(4),\n  ",
      "smoothInspect(new Float64Array(4), 2, { edge: 'cl|' })",
      "smoothInspect(Float64Array.from([1, 2]), |",
    ]) {
      assert.deepEqual(await inspect(code), { found: true, text: smoothDoc }, code);
    }
  });

  it("a library function's signature and doc inside its call, the doc as on the function's name", async () => {
    const onName = await inspect("nwb.spikeTriggeredAverage");
    assert.equal(onName.found, true);
    assert.match(
      onName.text!,
      /^function spikeTriggeredAverage\(/,
      "the signature first, without TypeScript's '(alias)' note",
    );
    assert.doesNotMatch(onName.text!, /\nexport spikeTriggeredAverage/);
    const [, ...doc] = onName.text!.split("\n\n");
    assert.ok(doc.length >= 1 && doc[0].length > 20, `a doc after the signature:\n${onName.text}`);
    const inCall = await inspect("nwb.spikeTriggeredAverage(");
    assert.equal(inCall.found, true);
    assert.match(inCall.text!, /^spikeTriggeredAverage\(\w+: /, "the call's signature");
    assert.deepEqual(inCall.text!.split("\n\n").slice(1), doc);
    assert.deepEqual(
      await inspect("const sta = nwb.spikeTriggeredAverage(new Float64Array(10), [0.1], "),
      inCall,
    );
    assert.deepEqual(await inspect("nwb.spikeTriggeredAverage(|new Float64Array(10))"), inCall);
  });

  it("a method's signature and doc inside its call; a constructor's inside `new …(`", async () => {
    const get = await inspect('inspectFile.get("acquisition/|');
    assert.equal(get.found, true);
    assert.match(get.text!, /^\(method\) \w+\.get\(\w+: string/);
    assert.deepEqual(await inspect("inspectFile.get"), get, "the same as on the method's name");
    assert.deepEqual(await inspect("new Accounts("), {
      found: true,
      text: "constructor Accounts(amount: number): Accounts\n\nAdds `amount` to the balance.",
    });
  });

  it("on an identifier outside any call: that identifier", async () => {
    assert.deepEqual(await inspect("accounts.bal|ance + 1"), {
      found: true,
      text: "(property) Accounts.balance: number",
    });
    assert.deepEqual(await inspect("accounts"), { found: true, text: "const accounts: Accounts" });
    assert.deepEqual(
      await inspect("accounts \n|"),
      { found: true, text: "const accounts: Accounts" },
      "blanks before the cursor skipped",
    );
  });

  it("on nothing: found is false", async () => {
    assert.deepEqual(await inspect("const z = 1 + "), { found: false, text: undefined });
    assert.deepEqual(await inspect("   "), { found: false, text: undefined });
    assert.deepEqual(await inspect(""), { found: false, text: undefined });
  });

  it("counts the cursor in code points, as Jupyter does (a character outside the BMP before the call)", async () => {
    assert.deepEqual(await inspect("const label = '🧠'; smoothInspect(|"), {
      found: true,
      text: smoothDoc,
    });
  });

  it("completes an NWBFile's public API, without internals", async () => {
    const { matches, start, end, types } = await complete("inspectFile.");
    for (const name of ["acquisition", "processing", "get", "identifier", "sessionStartTime"])
      assert.ok(matches.includes(name), `${name} in ${matches}`);
    const internal = matches.filter(
      (name) => name.startsWith("_") || name.startsWith("#") || ["ctx", "meta"].includes(name),
    );
    assert.deepEqual(internal, []);
    assert.equal(start, "inspectFile.".length);
    assert.equal(end, start);
    assert.deepEqual(
      types.map((t) => t.text),
      matches,
    );
    assert.equal(types.find((t) => t.text === "get")!.type, "method");
  });

  it("completes a class's public members only: no private, protected, #private or _-prefixed ones", async () => {
    const { matches } = await complete("accounts.");
    assert.deepEqual([...matches].sort(), ["balance", "deposit"]);
  });

  it("offers _-prefixed members once `_` is typed, and replaces the typed prefix", async () => {
    const { matches, start, end } = await complete("accounts._");
    assert.deepEqual(matches, ["_cache"]);
    assert.deepEqual([start, end], ["accounts.".length, "accounts._".length]);
  });

  it("offers private members inside the class's own body, where they are accessible", async () => {
    const { matches } = await complete(
      "class Vault { private key = 1; #pin = 2; _n = 3; open() { return this.",
    );
    for (const name of ["key", "#pin", "open"])
      assert.ok(matches.includes(name), `${name} in ${matches}`);
  });

  it("keeps a cell's own _-prefixed variables in global completions", async () => {
    const { matches } = await complete("const _scratch = 1;\n_scr");
    assert.ok(matches.includes("_scratch"), `${matches}`);
  });
});

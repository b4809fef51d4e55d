// Executing cells in the real tsnwb kernel: execute_input, execute_result, one error output,
// display(), parent headers, and `import * as nwb from "tsnwb"` from a directory without node_modules.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  installTestKernelspec,
  KernelDriver,
  outputs,
  stdoutText,
} from "./support/kernel-driver.js";

describe("kernel: executing cells", function () {
  let spec: ReturnType<typeof installTestKernelspec>;
  let kernel: KernelDriver;
  let cwd: string;

  before(async () => {
    spec = installTestKernelspec();
    cwd = mkdtempSync(join(tmpdir(), "tsnwb-cwd-")); // no node_modules anywhere above /tmp
    kernel = await KernelDriver.start({ jupyterPath: spec.jupyterPath, cwd });
  });
  after(async () => {
    await kernel?.close();
    spec?.remove();
    rmSync(cwd, { recursive: true, force: true });
  });

  it("publishes execute_input, then one execute_result for the last expression", async () => {
    const r = await kernel.run("const a = 6;\na * 7");
    const types = r.iopub.map((m) => m.msg_type);
    assert.deepEqual(types, ["status", "execute_input", "execute_result", "status"]);
    assert.equal(r.iopub[1].content.code, "const a = 6;\na * 7");
    assert.equal(r.iopub[1].content.execution_count, r.reply.execution_count);
    assert.equal(r.iopub[2].content.data["text/plain"], "42");
    assert.equal(r.iopub[2].content.execution_count, r.reply.execution_count);
    for (const m of r.iopub) assert.equal(m.parent_msg_id, r.msg_id);
  });

  it("counts executions and keeps declarations between cells", async () => {
    const first = await kernel.run("let counter = 1;");
    const second = await kernel.run("counter += 1; counter");
    assert.equal(second.reply.execution_count, first.reply.execution_count + 1);
    assert.equal(outputs(second)[0].content.data["text/plain"], "2");
  });

  it("reports a thrown error as exactly one error output with ename, evalue and a traceback", async () => {
    const r = await kernel.execute(
      "function inner() { throw new RangeError('out of range: 7'); }\ninner()",
    );
    assert.equal(r.reply.status, "error");
    assert.equal(r.reply.ename, "RangeError");
    assert.equal(r.reply.evalue, "out of range: 7");
    const outs = outputs(r);
    assert.equal(outs.length, 1);
    assert.equal(outs[0].msg_type, "error");
    assert.equal(outs[0].content.ename, "RangeError");
    assert.equal(outs[0].content.traceback[0], "RangeError: out of range: 7");
    assert.ok(
      outs[0].content.traceback.some((l: string) => l.includes("at inner")),
      outs[0].content.traceback.join("\n"),
    );
    assert.ok(
      !outs[0].content.traceback.some((l: string) => /node_modules[/]tslab|node:vm/.test(l)),
      "kernel frames are hidden",
    );
  });

  it("reports a type error as one error output naming the line and column", async () => {
    const r = await kernel.execute("const n: number = 'text';");
    assert.equal(r.reply.status, "error");
    const outs = outputs(r);
    assert.equal(outs.length, 1);
    assert.equal(outs[0].content.ename, "TypeScriptError");
    assert.match(outs[0].content.evalue, /^1:7 - Type 'string' is not assignable to type 'number'/);
  });

  it("reports a rejected await as one error output", async () => {
    const r = await kernel.execute("await Promise.reject(new TypeError('async failure'))");
    assert.equal(r.reply.status, "error");
    const outs = outputs(r);
    assert.deepEqual(
      outs.map((m) => [m.msg_type, m.content.ename, m.content.evalue]),
      [["error", "TypeError", "async failure"]],
    );
  });

  it("shows objects with [mimeBundle]() with their bundle, as result and through display()", async () => {
    const r = await kernel.run(`
      import { display, mimeBundle } from "tsnwb";
      class Badge { [mimeBundle]() { return { "text/html": "<b>7</b>", "text/plain": "Badge(7)" }; } }
      display(new Badge());
      display({ a: 1 });
      new Badge()`);
    const outs = outputs(r);
    assert.deepEqual(
      outs.map((m) => m.msg_type),
      ["display_data", "display_data", "execute_result"],
    );
    assert.deepEqual(outs[0].content.data, { "text/html": "<b>7</b>", "text/plain": "Badge(7)" });
    assert.deepEqual(outs[1].content.data, { "text/plain": "{ a: 1 }" });
    assert.deepEqual(outs[2].content.data, { "text/html": "<b>7</b>", "text/plain": "Badge(7)" });
    for (const m of outs) assert.equal(m.parent_msg_id, r.msg_id);
  });

  it("routes output printed after an await to the cell that printed it", async () => {
    const r = await kernel.run(
      "console.log('before'); await new Promise((r) => setTimeout(r, 50)); console.log('after')",
    );
    assert.equal(stdoutText(r), "before\nafter\n");
    for (const m of r.iopub) assert.equal(m.parent_msg_id, r.msg_id);
  });

  it("imports the kernel's own tsnwb, with types, in a directory without node_modules", async () => {
    const pkg = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ) as { version: string };
    const r = await kernel.run(`import * as nwb from "tsnwb";\nconst v: string = nwb.version;\nv`);
    assert.equal(outputs(r)[0].content.data["text/plain"], `'${pkg.version}'`);
    // The type checker sees the real declarations: a wrong type is a compile error, not a runtime one.
    const bad = await kernel.execute(
      `import * as nwb from "tsnwb";\nconst n: number = nwb.version;`,
    );
    assert.equal(bad.reply.ename, "TypeScriptError");
    assert.match(bad.reply.evalue, /Type 'string' is not assignable to type 'number'/);
  });

  it("type-checks Node.js APIs in cells (@types/node resolves)", async () => {
    const r = await kernel.run(
      `import { basename } from "node:path";\nconst b: string = basename("/a/b.txt");\nb`,
    );
    assert.equal(outputs(r)[0].content.data["text/plain"], "'b.txt'");
    const bad = await kernel.execute(
      `import { basename } from "node:path";\nconst n: number = basename("/x");`,
    );
    assert.equal(bad.reply.ename, "TypeScriptError");
  });

  it("runs silent code without outputs or a new execution count, and evaluates user_expressions", async () => {
    const before = await kernel.run("0");
    const silent = await kernel.run("console.log('hidden'); 5", { silent: true });
    assert.deepEqual(
      silent.iopub.map((m) => m.msg_type),
      ["status", "status"],
    );
    assert.equal(silent.reply.execution_count, before.reply.execution_count);
    const r = await kernel.run("const base = 10;", {
      user_expressions: { doubled: "base * 2", broken: "nope()" },
    });
    assert.equal(r.reply.user_expressions.doubled.status, "ok");
    assert.equal(r.reply.user_expressions.doubled.data["text/plain"], "20");
    assert.equal(r.reply.user_expressions.broken.status, "error");
    assert.equal(r.reply.user_expressions.broken.ename, "TypeScriptError");
  });

  it("aborts requests queued behind a failing cell (stop_on_error), and runs later ones", async () => {
    const send = (code: string) =>
      kernel.call("send", {
        msg_type: "execute_request",
        content: {
          code,
          silent: false,
          store_history: true,
          user_expressions: {},
          allow_stdin: false,
          stop_on_error: true,
        },
      });
    const failing = await send(
      "await new Promise((r) => setTimeout(r, 300)); throw new Error('first fails')",
    );
    const queued = await send("'never runs'");
    assert.equal((await kernel.call("reply", { msg_id: failing.msg_id })).content.status, "error");
    assert.equal((await kernel.call("reply", { msg_id: queued.msg_id })).content.status, "aborted");
    await kernel.call("drain_iopub");
    const later = await kernel.run("'runs'");
    assert.equal(outputs(later)[0].content.data["text/plain"], "'runs'");
  });

  it("answers kernel_info with status ok and the TypeScript language", async () => {
    const { msg_id } = await kernel.call("send", { msg_type: "kernel_info_request" });
    const reply = await kernel.call("reply", { msg_id });
    assert.equal(reply.msg_type, "kernel_info_reply");
    assert.equal(reply.content.status, "ok");
    assert.equal(reply.content.implementation, "tsnwb");
    assert.equal(reply.content.language_info.name, "typescript");
    assert.equal(reply.content.language_info.file_extension, ".ts");
  });

  it("shuts down on shutdown_request: replies, then the process exits by itself", async () => {
    const { msg_id } = await kernel.call("send", {
      msg_type: "shutdown_request",
      channel: "control",
      content: { restart: false },
    });
    const reply = await kernel.call("reply", { msg_id, channel: "control" });
    assert.equal(reply.msg_type, "shutdown_reply");
    assert.deepEqual(reply.content, { status: "ok", restart: false });
    const { exited } = await kernel.call("wait_exit", { timeout: 30 });
    assert.equal(exited, true);
  });
});

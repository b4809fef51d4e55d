// Interrupting a long-running cell, by SIGINT (what Jupyter front ends do for this kernelspec,
// interrupt_mode "signal") and by interrupt_request on the control channel, for a synchronous loop
// and for a cell waiting on a promise. The kernel keeps serving afterwards.
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KernelDriver, Msg } from "./support/kernel-driver.js";
import { sharedKernel } from "./support/shared-kernel.js";

describe("kernel: interrupt", function () {
  let kernel: KernelDriver;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-interrupt-"));
    kernel = await sharedKernel();
    await kernel.run(`import { writeFileSync } from "node:fs";`);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Starts `body` in a cell that first writes a marker file, and resolves once the file exists
   * (so the interrupt reaches a running cell, not one still being compiled).
   */
  async function startCell(name: string, body: string): Promise<string> {
    const marker = join(dir, name);
    const code = `writeFileSync(${JSON.stringify(marker)}, "started");\n${body}`;
    const { msg_id } = await kernel.call("send", {
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
    while (!existsSync(marker)) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
    return msg_id;
  }

  async function expectInterrupted(msgId: string): Promise<void> {
    const reply = await kernel.call("reply", { msg_id: msgId, timeout: 60 });
    assert.equal(reply.content.status, "error");
    assert.equal(reply.content.ename, "Interrupted");
    const msgs: Msg[] = await kernel.call("iopub_until", {
      want: { msg_type: "status", execution_state: "idle" },
      parent: msgId,
      timeout: 60,
    });
    const errors = msgs.filter((m) => m.msg_type === "error");
    assert.equal(errors.length, 1);
    assert.equal(errors[0].content.ename, "Interrupted");
    const after = await kernel.run("'still serving: ' + (1 + 1)");
    assert.equal(
      after.iopub.find((m) => m.msg_type === "execute_result")!.content.data["text/plain"],
      "'still serving: 2'",
    );
  }

  it("stops a synchronous infinite loop on the front end's interrupt (jupyter_client interrupt_kernel)", async () => {
    const id = await startCell("sync-frontend", "for (let i = 0; ; i++) {}");
    await kernel.call("interrupt");
    await expectInterrupted(id);
  });

  it("stops a synchronous infinite loop on SIGINT", async () => {
    const id = await startCell("sync-signal", "while (true) {}");
    await kernel.call("sigint");
    await expectInterrupted(id);
  });

  it("stops a cell awaiting a promise that never settles on SIGINT", async () => {
    const id = await startCell("async-signal", "await new Promise(() => {});");
    await kernel.call("sigint");
    await expectInterrupted(id);
  });

  it("stops a synchronous infinite loop on interrupt_request (control channel)", async () => {
    const id = await startCell("sync-message", "let spins = 0; while (true) { spins++; }");
    const { msg_id } = await kernel.call("send", {
      msg_type: "interrupt_request",
      channel: "control",
    });
    const reply = await kernel.call("reply", { msg_id, channel: "control", timeout: 60 });
    assert.equal(reply.msg_type, "interrupt_reply");
    assert.equal(reply.content.status, "ok");
    await expectInterrupted(id);
  });

  it("stops an awaiting cell on interrupt_request", async () => {
    const id = await startCell("async-message", "await new Promise(() => {});");
    const alive = await kernel.call("alive");
    assert.equal(alive.alive, true);
    const { msg_id } = await kernel.call("send", {
      msg_type: "interrupt_request",
      channel: "control",
    });
    assert.equal((await kernel.call("reply", { msg_id, channel: "control" })).content.status, "ok");
    await expectInterrupted(id);
  });
});

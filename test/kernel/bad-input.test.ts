// Bad input never stops the kernel: each case below is sent to the real kernel, which must log a
// clear line (on its stderr, the Jupyter server's log), answer when the protocol requires an
// answer, and go on executing cells.
import { strict as assert } from "node:assert";
import type { KernelDriver, Msg } from "./support/kernel-driver.js";
import { sharedKernel } from "./support/shared-kernel.js";

describe("kernel: bad input", function () {
  let kernel: KernelDriver;

  before(async () => {
    kernel = await sharedKernel();
    await kernel.run(`
      import { registerCommTarget, Widget } from "tsnwb";
      registerCommTarget("test.throws-on-open", () => { throw new Error("target refuses"); });
      registerCommTarget("test.throws-on-msg", (comm) => comm.onMsg(() => { throw new Error("handler failed"); }));
      const badWidget = new Widget<{ v: number }>({ modelName: "M", modelModule: "m", modelModuleVersion: "1", viewName: "V", viewModule: "m", viewModuleVersion: "1" }, { v: 1 });
      badWidget.modelId`);
  });
  /** The kernel still executes a cell correctly; replies sent meanwhile to `ids` are returned. */
  async function stillServing(ids: string[] = []): Promise<Msg[]> {
    const r = await kernel.run("20 + 22");
    assert.equal(
      r.iopub.find((m) => m.msg_type === "execute_result")!.content.data["text/plain"],
      "42",
    );
    const held: Msg[] = await kernel.call("held_replies");
    return held.filter((m) => m.parent_msg_id !== undefined && ids.includes(m.parent_msg_id));
  }

  async function logHas(pattern: RegExp): Promise<void> {
    const log = await kernel.kernelLog();
    assert.match(log, pattern, `kernel log:\n${log}`);
  }

  it("ignores a message with a wrong signature, and logs it", async () => {
    const { msg_id } = await kernel.call("send_tampered", {
      msg_type: "execute_request",
      content: { code: "globalThis.__unsigned = 1" },
      tamper: "signature",
    });
    assert.deepEqual(await stillServing([msg_id]), [], "no reply to an unsigned message");
    await logHas(/shell: dropped a message: WireError: invalid HMAC signature/);
    const r = await kernel.run("typeof (globalThis as any).__unsigned");
    assert.equal(
      r.iopub.find((m) => m.msg_type === "execute_result")!.content.data["text/plain"],
      "'undefined'",
      "the unsigned code did not run",
    );
  });

  it("answers a request whose content is malformed JSON with an error reply", async () => {
    const { msg_id } = await kernel.call("send_tampered", {
      msg_type: "execute_request",
      content: { code: "1" },
      tamper: "content_json",
    });
    const reply = await kernel.call("reply", { msg_id });
    assert.equal(reply.msg_type, "execute_reply");
    assert.equal(reply.content.status, "error");
    assert.equal(reply.content.ename, "MalformedMessage");
    assert.match(reply.content.evalue, /malformed JSON in the content frame/);
    await logHas(/malformed JSON in the content frame: .*\(msg_type execute_request, msg_id /);
    await stillServing();
  });

  it("logs and drops a message whose header is malformed JSON, or that lacks the delimiter or frames", async () => {
    for (const tamper of ["header_json", "no_delimiter", "short"]) {
      await kernel.call("send_tampered", { msg_type: "kernel_info_request", tamper });
    }
    await stillServing();
    await logHas(/malformed JSON in the header frame/);
    await logHas(/no <IDS\|MSG> delimiter frame/);
    await logHas(/expected at least 5/);
  });

  it("answers execute_request without code with an error reply", async () => {
    const { msg_id } = await kernel.call("send", {
      msg_type: "execute_request",
      content: { silent: false },
    });
    const reply = await kernel.call("reply", { msg_id });
    assert.equal(reply.content.status, "error");
    assert.equal(reply.content.ename, "MalformedMessage");
    await stillServing();
  });

  it("logs comm messages for unknown comm ids and messages missing fields", async () => {
    await kernel.call("send", {
      msg_type: "comm_msg",
      content: { comm_id: "no-such-comm", data: {} },
    });
    await kernel.call("send", { msg_type: "comm_msg", content: { data: {} } });
    await kernel.call("send", { msg_type: "comm_close", content: { comm_id: "no-such-comm" } });
    await kernel.call("send", {
      msg_type: "comm_open",
      content: { target_name: "test.throws-on-open" },
    });
    await stillServing();
    await logHas(/comm_msg for unknown comm id no-such-comm \(ignored\)/);
    await logHas(/comm_msg without a comm_id string/);
    await logHas(/comm_close for unknown comm id no-such-comm/);
    await logHas(/comm_open without a comm_id string/);
  });

  it("closes a comm whose target throws or does not exist, and logs why", async () => {
    await kernel.call("send", {
      msg_type: "comm_open",
      content: { comm_id: "c-throws", target_name: "test.throws-on-open", data: {} },
    });
    let msgs: Msg[] = await kernel.call("iopub_until", {
      want: { msg_type: "comm_close", comm_id: "c-throws" },
    });
    assert.ok(msgs.some((m) => m.msg_type === "comm_close"));
    await kernel.call("send", {
      msg_type: "comm_open",
      content: { comm_id: "c-unknown", target_name: "no.such.target", data: {} },
    });
    msgs = await kernel.call("iopub_until", {
      want: { msg_type: "comm_close", comm_id: "c-unknown" },
    });
    assert.ok(msgs.some((m) => m.msg_type === "comm_close"));
    await stillServing();
    await logHas(
      /comm_open c-throws: target 'test\.throws-on-open' threw, comm closed: Error: target refuses/,
    );
    await logHas(
      /comm_open c-unknown: no comm target 'no\.such\.target' is registered; sent comm_close/,
    );
  });

  it("logs a comm handler that throws and keeps the comm usable", async () => {
    await kernel.call("send", {
      msg_type: "comm_open",
      content: { comm_id: "c-msg-throws", target_name: "test.throws-on-msg", data: {} },
    });
    await kernel.call("send", {
      msg_type: "comm_msg",
      content: { comm_id: "c-msg-throws", data: { x: 1 } },
    });
    await stillServing();
    await logHas(
      /comm_msg for comm c-msg-throws \(target 'test\.throws-on-msg'\): handler threw: Error: handler failed/,
    );
    const info = await kernel.call("reply", {
      msg_id: (await kernel.call("send", { msg_type: "comm_info_request", content: {} })).msg_id,
    });
    assert.ok(info.content.comms["c-msg-throws"]);
  });

  it("logs widget messages with an unknown method, unknown keys or mismatched buffers", async () => {
    const id = (await kernel.run("badWidget.modelId")).iopub
      .find((m) => m.msg_type === "execute_result")!
      .content.data["text/plain"].slice(1, -1);
    await kernel.call("send", {
      msg_type: "comm_msg",
      content: { comm_id: id, data: { method: "explode" } },
    });
    await kernel.call("send", {
      msg_type: "comm_msg",
      content: { comm_id: id, data: { method: "update" } },
    });
    await kernel.call("send", {
      msg_type: "comm_msg",
      content: {
        comm_id: id,
        data: { method: "update", state: { v: 2 }, buffer_paths: [["a"], ["b"]] },
      },
      buffers: [{ random: 4 }],
    });
    await kernel.call("send", {
      msg_type: "comm_msg",
      content: { comm_id: id, data: { method: "update", state: { v: 3, bogus: true } } },
    });
    await stillServing();
    await logHas(
      /comm message with unknown method "explode"; expected update, request_state or custom/,
    );
    await logHas(/update message without a 'state' object/);
    await logHas(/buffer_paths lists 2 paths but the message carries 1 buffers/);
    await logHas(/update for unknown state key\(s\) bogus ignored/);
    // The valid part of the last update was applied.
    const r = await kernel.run(`badWidget.get("v")`);
    assert.equal(
      r.iopub.find((m) => m.msg_type === "execute_result")!.content.data["text/plain"],
      "3",
    );
  });

  it("survives a timer that throws and a promise rejected after its cell ended", async () => {
    const r = await kernel.run(`setTimeout(() => { throw new Error("late timer failure"); }, 10);
      setTimeout(() => { Promise.reject(new Error("late rejection")); }, 20);
      await new Promise((r) => setTimeout(r, 100));`);
    // Both are shown in the cell that caused them, and logged.
    const stderr = r.iopub
      .filter((m) => m.msg_type === "stream" && m.content.name === "stderr")
      .map((m) => m.content.text)
      .join("");
    assert.match(stderr, /Uncaught exception: Error: late timer failure/);
    assert.match(stderr, /Unhandled promise rejection: Error: late rejection/);
    await stillServing();
    await logHas(/uncaught exception \(kernel keeps running\): Error: late timer failure/);
    await logHas(/unhandled promise rejection \(kernel keeps running\): Error: late rejection/);
  });

  it("logs an unsupported message type and keeps serving", async () => {
    await kernel.call("send", { msg_type: "no_such_request", content: {} });
    await stillServing();
    await logHas(/unsupported msg_type 'no_such_request'/);
  });
});

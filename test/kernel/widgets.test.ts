// The widget protocol (2.1.0) against the real kernel, with jupyter_client playing the front end:
// comm_open with state and buffer_paths, update both ways, echo_update, request_state, custom
// messages with buffers, the jupyter.widget.control comm after a simulated page reload, display, close.
import { strict as assert } from "node:assert";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot, type KernelDriver, type Msg } from "./support/kernel-driver.js";
import { sharedKernel } from "./support/shared-kernel.js";

function result(r: { iopub: Msg[] }): string {
  const m = r.iopub.find((x) => x.msg_type === "execute_result");
  assert.ok(m, "cell has a result");
  return m.content.data["text/plain"];
}

describe("kernel: widget protocol", function () {
  let kernel: KernelDriver;
  let modelId: string;
  let openMsg: Msg;
  let createCell: string;

  before(async () => {
    kernel = await sharedKernel();
    const r = await kernel.run(`
      import { Widget, display } from "tsnwb";
      import { createHash } from "node:crypto";
      const sha = (b: ArrayBufferView) => createHash("sha256").update(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)).digest("hex");
      interface CounterState { value: number; label: string; samples: Float32Array; nested: { scale: number; lut: Uint8Array } }
      const spec = { modelName: "CounterModel", modelModule: "tsnwb-test", modelModuleVersion: "0.1.0", viewName: "CounterView", viewModule: "tsnwb-test", viewModuleVersion: "0.1.0" };
      const samples = new Float32Array([1.5, -0, NaN, Infinity, 3.25]);
      const w = new Widget<CounterState>(spec, { value: 1, label: "start", samples, nested: { scale: 2, lut: new Uint8Array([9, 8, 7]) } });
      const changes: string[] = [];
      w.onChange((changed, origin) => changes.push(origin + ":" + Object.keys(changed).join(",")));
      w.onCustom((content, buffers) => {
        const doubled = new Float64Array(new Float64Array(buffers[0].buffer, buffers[0].byteOffset, buffers[0].byteLength / 8).map((x) => 2 * x));
        w.sendCustom({ reply_to: content.op, sha_in: sha(buffers[0]) }, [doubled]);
      });
      [w.modelId, sha(samples), sha(new Uint8Array([9, 8, 7]))].join(" ")`);
    createCell = r.msg_id;
    const [id, samplesSha, lutSha] = result(r).slice(1, -1).split(" ");
    modelId = id;
    openMsg = r.iopub.find((m) => m.msg_type === "comm_open")!;
    assert.ok(openMsg, "comm_open during the cell");
    assert.equal(openMsg.buffers[0].sha256, samplesSha);
    assert.equal(openMsg.buffers[1].sha256, lutSha);
  });
  it("opens a jupyter.widget comm with the state, model/view names and buffer_paths", () => {
    assert.equal(openMsg.content.comm_id, modelId);
    assert.equal(openMsg.content.target_name, "jupyter.widget");
    assert.equal(openMsg.metadata.version, "2.1.0");
    assert.equal(openMsg.parent_msg_id, createCell);
    const state = openMsg.content.data.state;
    assert.equal(state._model_name, "CounterModel");
    assert.equal(state._model_module, "tsnwb-test");
    assert.equal(state._view_name, "CounterView");
    assert.equal(state.value, 1);
    assert.equal(state.label, "start");
    assert.equal(state.samples, undefined, "typed arrays are not in the JSON");
    assert.deepEqual(state.nested, { scale: 2 });
    assert.deepEqual(openMsg.content.data.buffer_paths, [["samples"], ["nested", "lut"]]);
    assert.equal(openMsg.buffers[0].nbytes, 20);
  });

  it("sends kernel-side changes as an update with only the changed keys", async () => {
    const r = await kernel.run(
      `w.set({ value: 5, label: "start" }); w.set({ samples: new Float32Array([7]) })`,
    );
    const updates = r.iopub.filter(
      (m) => m.msg_type === "comm_msg" && m.content.comm_id === modelId,
    );
    assert.equal(updates.length, 2);
    assert.deepEqual(updates[0].content.data, {
      method: "update",
      state: { value: 5 },
      buffer_paths: [],
    });
    assert.deepEqual(updates[1].content.data, {
      method: "update",
      state: {},
      buffer_paths: [["samples"]],
    });
    assert.equal(Buffer.from(updates[1].buffers[0].b64!, "base64").readFloatLE(0), 7);
    for (const u of updates) assert.equal(u.parent_msg_id, r.msg_id);
  });

  it("applies front-end updates, answers with echo_update, and calls onChange with origin frontend", async () => {
    const f64 = Buffer.alloc(4 * 3);
    [0.25, -2, 1e-3].forEach((x, i) => f64.writeFloatLE(x, i * 4));
    const sent = await kernel.call("send", {
      msg_type: "comm_msg",
      content: {
        comm_id: modelId,
        data: {
          method: "update",
          state: { value: 9, nested: { scale: 3 } },
          buffer_paths: [["samples"], ["nested", "lut"]],
        },
      },
      buffers: [{ b64: f64.toString("base64") }, { b64: Buffer.from([1, 2]).toString("base64") }],
    });
    const msgs: Msg[] = await kernel.call("iopub_until", {
      want: { msg_type: "comm_msg", method: "echo_update" },
    });
    const echo = msgs[msgs.length - 1];
    assert.equal(
      echo.parent_msg_id,
      sent.msg_id,
      "echo_update is parented to the update it echoes",
    );
    assert.deepEqual(echo.content.data.state, { value: 9, nested: { scale: 3 } });
    const byPath = Object.fromEntries(
      (echo.content.data.buffer_paths as string[][]).map((p, i) => [
        p.join("."),
        echo.buffers[i].b64,
      ]),
    );
    assert.deepEqual(byPath, {
      samples: f64.toString("base64"),
      "nested.lut": Buffer.from([1, 2]).toString("base64"),
    });
    const r = await kernel.run(
      `[w.get("value"), w.state.samples.constructor.name, Array.from(w.state.samples).join("|"), w.state.nested.lut.constructor.name, Array.from(w.state.nested.lut).join("|"), changes.join(";")].join(" ")`,
    );
    assert.equal(
      result(r),
      `'9 Float32Array 0.25|-2|0.0010000000474974513 Uint8Array 1|2 kernel:value;kernel:samples;frontend:value,nested,samples'`,
    );
  });

  it("answers request_state with the full state and its buffers", async () => {
    const sent = await kernel.call("send", {
      msg_type: "comm_msg",
      content: { comm_id: modelId, data: { method: "request_state" } },
    });
    const msgs: Msg[] = await kernel.call("iopub_until", {
      want: { msg_type: "comm_msg", comm_id: modelId },
    });
    const full = msgs[msgs.length - 1];
    assert.equal(full.parent_msg_id, sent.msg_id);
    assert.equal(full.content.data.method, "update");
    assert.equal(full.content.data.state._model_name, "CounterModel");
    assert.equal(full.content.data.state.value, 9);
    assert.deepEqual(full.content.data.buffer_paths, [["samples"], ["nested", "lut"]]);
    assert.equal(full.buffers[0].nbytes, 12);
    assert.equal(full.buffers[1].b64, Buffer.from([1, 2]).toString("base64"));
  });

  it("exchanges custom messages with buffers both ways", async () => {
    const values = Buffer.alloc(8 * 4);
    [1, -2.5, 1e300, Number.MIN_VALUE].forEach((x, i) => values.writeDoubleLE(x, i * 8));
    const sent = await kernel.call("send", {
      msg_type: "comm_msg",
      content: { comm_id: modelId, data: { method: "custom", content: { op: "double" } } },
      buffers: [{ b64: values.toString("base64") }],
    });
    const msgs: Msg[] = await kernel.call("iopub_until", {
      want: { msg_type: "comm_msg", method: "custom" },
    });
    const reply = msgs[msgs.length - 1];
    assert.equal(reply.parent_msg_id, sent.msg_id);
    assert.deepEqual(reply.content.data.content, {
      reply_to: "double",
      sha_in: sent.buffers[0].sha256,
    });
    const doubled = Buffer.from(reply.buffers[0].b64!, "base64");
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => doubled.readDoubleLE(i * 8)),
      [2, -5, 2e300, 2 * Number.MIN_VALUE],
    );
  });

  it("recovers every live widget through jupyter.widget.control (simulated page reload)", async () => {
    await kernel.run(
      `const second = new Widget<{ ref: string; level: number }>({ ...spec, modelName: "LinkModel" }, { ref: "IPY_MODEL_" + w.modelId, level: 4 });`,
    );
    const controlId = "control-reload-1";
    await kernel.call("send", {
      msg_type: "comm_open",
      content: { comm_id: controlId, target_name: "jupyter.widget.control", data: {} },
      metadata: { version: "2.1.0" },
    });
    const sent = await kernel.call("send", {
      msg_type: "comm_msg",
      content: { comm_id: controlId, data: { method: "request_states" } },
    });
    const msgs: Msg[] = await kernel.call("iopub_until", {
      want: { msg_type: "comm_msg", comm_id: controlId },
    });
    const states = msgs[msgs.length - 1];
    assert.equal(states.parent_msg_id, sent.msg_id);
    assert.equal(states.content.data.method, "update_states");
    const all = states.content.data.states;
    assert.equal(all[modelId].model_name, "CounterModel");
    assert.equal(all[modelId].model_module, "tsnwb-test");
    assert.equal(all[modelId].state.value, 9);
    const link = Object.entries(all).find(
      ([, s]: [string, any]) => s.model_name === "LinkModel",
    ) as [string, any];
    assert.ok(link);
    assert.equal(link[1].state.ref, `IPY_MODEL_${modelId}`);
    const paths = states.content.data.buffer_paths as unknown[][];
    const samplesAt = paths.findIndex(
      (p) => JSON.stringify(p) === JSON.stringify([modelId, "state", "samples"]),
    );
    assert.ok(samplesAt >= 0, JSON.stringify(paths));
    assert.equal(states.buffers[samplesAt].nbytes, 12);
    assert.equal(states.buffers.length, paths.length);
  });

  it("syncs widgets made from another copy of tsnwb through the kernel found on globalThis", async () => {
    // A second copy of the compiled package, as a cell would get from a different install.
    const copy = mkdtempSync(join(tmpdir(), "tsnwb-copy-"));
    try {
      cpSync(join(repoRoot, "dist", "kernel-ext"), join(copy, "kernel-ext"), { recursive: true });
      writeFileSync(join(copy, "package.json"), JSON.stringify({ type: "module" }));
      const entry = join(copy, "kernel-ext", "kernel", "widget", "widget.js");
      const r = await kernel.run(`
        const other = await import(${JSON.stringify(entry)});
        const foreign = new other.Widget({ ...spec, modelName: "ForeignModel" }, { x: 1 });
        foreign.set({ x: 2 });
        [foreign instanceof Widget, foreign.modelId].join(" ")`);
      const [isSameClass, foreignId] = r.iopub
        .find((m) => m.msg_type === "execute_result")!
        .content.data["text/plain"].slice(1, -1)
        .split(" ");
      assert.equal(isSameClass, "false", "really a different copy of the class");
      const open = r.iopub.find(
        (m) => m.msg_type === "comm_open" && m.content.comm_id === foreignId,
      );
      assert.ok(open, "the copy opened its comm through the running kernel");
      assert.equal(open.content.data.state._model_name, "ForeignModel");
      const update = r.iopub.find(
        (m) => m.msg_type === "comm_msg" && m.content.comm_id === foreignId,
      );
      assert.deepEqual(update?.content.data, {
        method: "update",
        state: { x: 2 },
        buffer_paths: [],
      });
      // It answers the front end like any other widget.
      await kernel.call("send", {
        msg_type: "comm_msg",
        content: { comm_id: foreignId, data: { method: "update", state: { x: 5 } } },
      });
      const msgs: Msg[] = await kernel.call("iopub_until", {
        want: { msg_type: "comm_msg", comm_id: foreignId },
      });
      assert.deepEqual(msgs[msgs.length - 1].content.data.state, { x: 5 });
      await kernel.run("foreign.close()");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("displays a widget as a widget view with a text/plain fallback", async () => {
    const r = await kernel.run(`display(w); w`);
    const shown = r.iopub.filter(
      (m) => m.msg_type === "display_data" || m.msg_type === "execute_result",
    );
    assert.equal(shown.length, 2);
    for (const m of shown) {
      assert.deepEqual(m.content.data["application/vnd.jupyter.widget-view+json"], {
        version_major: 2,
        version_minor: 1,
        model_id: modelId,
      });
      assert.equal(typeof m.content.data["text/plain"], "string");
    }
  });

  it("closes: comm_close from the kernel, and a widget closed by the front end leaves the registry", async () => {
    const r = await kernel.run(`second.close(); second.closed`);
    const close = r.iopub.find((m) => m.msg_type === "comm_close");
    assert.ok(close);
    assert.equal(result(r), "true");
    await kernel.call("send", { msg_type: "comm_close", content: { comm_id: modelId, data: {} } });
    const after = await kernel.run(
      `[w.closed, (globalThis as any)[Symbol.for("tsnwb.widgets")].has(w.modelId)].join(" ")`,
    );
    assert.equal(result(after), "'true false'");
    // A closed widget still holds state but sends nothing.
    const quiet = await kernel.run(`w.set({ value: 10 }); w.get("value")`);
    assert.equal(quiet.iopub.filter((m) => m.msg_type === "comm_msg").length, 0);
    assert.equal(result(quiet), "10");
  });
});

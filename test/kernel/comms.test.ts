// Comms between the real kernel and a jupyter_client front end: targets registered by cell code,
// 10 MB Float32Array buffers bit-identical in both directions (hashes from Node's crypto in the
// kernel and Python's hashlib in the client), parent headers, comm_info_request.
import { strict as assert } from "node:assert";
import type { KernelDriver, Msg } from "./support/kernel-driver.js";
import { sharedKernel } from "./support/shared-kernel.js";

const TEN_MB = 10 * 1024 * 1024;

describe("kernel: comms", function () {
  let kernel: KernelDriver;

  before(async () => {
    kernel = await sharedKernel();
    // An echo target: answers each message with the same bytes viewed as a Float32Array, plus the
    // sha256 Node computed of what arrived.
    await kernel.run(`
      import { registerCommTarget } from "tsnwb";
      import { createHash } from "node:crypto";
      const commSha = (b: ArrayBufferView) => createHash("sha256").update(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)).digest("hex");
      const opened: string[] = [];
      registerCommTarget("test.echo", (comm, data) => {
        opened.push(JSON.stringify(data));
        comm.onMsg((msg, buffers) => {
          const floats = buffers.map((b) => new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4));
          comm.send({ echo: msg, sha256: buffers.map(commSha), lengths: floats.map((f) => f.length) }, {}, floats);
        });
      });`);
  });
  async function openEcho(): Promise<string> {
    const commId = `echo-${Math.random().toString(16).slice(2)}`;
    await kernel.call("send", {
      msg_type: "comm_open",
      content: { comm_id: commId, target_name: "test.echo", data: { hello: 1 } },
    });
    return commId;
  }

  it("carries a 10 MB Float32Array from the front end to the kernel and back, bit-identical", async () => {
    const commId = await openEcho();
    // Random bytes include NaNs with payloads, infinities, -0 and subnormals: any detour through
    // numbers would change some of them.
    const sent = await kernel.call("send", {
      msg_type: "comm_msg",
      content: { comm_id: commId, data: { n: 1 } },
      buffers: [{ random: TEN_MB, seed: 7 }],
    });
    const msgs: Msg[] = await kernel.call("iopub_until", {
      want: { msg_type: "comm_msg", comm_id: commId },
      timeout: 60,
    });
    const reply = msgs[msgs.length - 1];
    assert.equal(
      reply.parent_msg_id,
      sent.msg_id,
      "the kernel's answer is parented to the comm_msg it answers",
    );
    assert.deepEqual(reply.content.data.echo, { n: 1 });
    assert.equal(
      reply.content.data.sha256[0],
      sent.buffers[0].sha256,
      "kernel received exactly the bytes sent",
    );
    assert.equal(reply.content.data.lengths[0], TEN_MB / 4);
    assert.equal(reply.buffers.length, 1);
    assert.equal(reply.buffers[0].nbytes, TEN_MB);
    assert.equal(
      reply.buffers[0].sha256,
      sent.buffers[0].sha256,
      "front end received exactly the bytes sent",
    );
  });

  it("carries several buffers in one message, in order", async () => {
    const commId = await openEcho();
    const sent = await kernel.call("send", {
      msg_type: "comm_msg",
      content: { comm_id: commId, data: {} },
      buffers: [
        { random: 1024, seed: 1 },
        { random: 8, seed: 2 },
        { random: 4096, seed: 3 },
      ],
    });
    const msgs: Msg[] = await kernel.call("iopub_until", {
      want: { msg_type: "comm_msg", comm_id: commId },
    });
    const reply = msgs[msgs.length - 1];
    assert.deepEqual(
      reply.content.data.sha256,
      sent.buffers.map((b: { sha256: string }) => b.sha256),
    );
    assert.deepEqual(
      reply.buffers.map((b) => b.sha256),
      sent.buffers.map((b: { sha256: string }) => b.sha256),
    );
  });

  it("opens a comm from a cell with a 10 MB Float32Array that arrives bit-identical", async () => {
    const r = await kernel.run(`
      import { openComm } from "tsnwb";
      import { createHash, getRandomValues } from "node:crypto";
      const big = new Float32Array(${TEN_MB / 4});
      for (let off = 0; off < big.length; off += 16384) getRandomValues(new Uint32Array(big.buffer, off * 4, Math.min(16384, big.length - off)));
      const digest = createHash("sha256").update(new Uint8Array(big.buffer)).digest("hex");
      const c = openComm("test.sink", { digest }, { buffers: [big] });
      c.commId`);
    const open = r.iopub.find((m) => m.msg_type === "comm_open");
    assert.ok(open, "comm_open published during the cell");
    assert.equal(open.parent_msg_id, r.msg_id, "comm_open carries the cell's parent header");
    assert.equal(open.content.target_name, "test.sink");
    assert.equal(open.buffers[0].nbytes, TEN_MB);
    assert.equal(open.buffers[0].sha256, open.content.data.digest);
  });

  it("answers comm_info_request with status and the open comms, filtered by target", async () => {
    const commId = await openEcho();
    const all = await kernel.call("reply", {
      msg_id: (await kernel.call("send", { msg_type: "comm_info_request", content: {} })).msg_id,
    });
    assert.equal(all.msg_type, "comm_info_reply");
    assert.equal(all.content.status, "ok");
    assert.deepEqual(all.content.comms[commId], { target_name: "test.echo" });
    assert.ok(Object.values(all.content.comms).some((c: any) => c.target_name === "test.sink"));
    const filtered = await kernel.call("reply", {
      msg_id: (
        await kernel.call("send", {
          msg_type: "comm_info_request",
          content: { target_name: "test.sink" },
        })
      ).msg_id,
    });
    assert.ok(Object.keys(filtered.content.comms).length >= 1);
    for (const c of Object.values(filtered.content.comms) as { target_name: string }[])
      assert.equal(c.target_name, "test.sink");
  });

  it("passes the comm_open data to the target and forgets a comm closed by the front end", async () => {
    const commId = await openEcho();
    await kernel.call("send", { msg_type: "comm_close", content: { comm_id: commId, data: {} } });
    const r = await kernel.run("opened[opened.length - 1]");
    assert.equal(
      r.iopub.find((m) => m.msg_type === "execute_result")!.content.data["text/plain"],
      `'{"hello":1}'`,
    );
    const info = await kernel.call("reply", {
      msg_id: (await kernel.call("send", { msg_type: "comm_info_request", content: {} })).msg_id,
    });
    assert.equal(info.content.comms[commId], undefined);
  });

  it("closes a comm from a cell with comm_close", async () => {
    const r = await kernel.run(`
      import { openComm } from "tsnwb";
      const shortLived = openComm("test.sink", {});
      shortLived.close({ reason: "done" });
      shortLived.closed`);
    const close = r.iopub.find((m) => m.msg_type === "comm_close");
    assert.ok(close);
    assert.deepEqual(close.content.data, { reason: "done" });
    assert.equal(
      r.iopub.find((m) => m.msg_type === "execute_result")!.content.data["text/plain"],
      "true",
    );
  });
});

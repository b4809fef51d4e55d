// The real tsnwb kernel (over ZeroMQ, driven by jupyter_client) stays responsive while a cell waits
// on remote reads: a widget (comm) message is answered in the middle of a remote openNWB, and an
// interrupt stops such a cell, after which the kernel opens and reads remote files normally.
// Runs the built code (npm run build first).
import assert from "node:assert/strict";
import type { Msg } from "../kernel/support/kernel-driver.js";
import { useRemoteKernel } from "./support/remote-kernel.js";

describe("remote: kernel responsiveness during remote reads", function () {
  // Cells below keep tsnwb values in `any` variables: tslab's declaration emit cannot name the
  // types of a package imported in an earlier cell.
  const remote = useRemoteKernel(`
    import { registerCommTarget, openNWB, prewarmRemoteWorker } from "tsnwb";
    registerCommTarget("test.clock", (comm) => comm.onMsg((msg) => comm.send({ echo: msg, at: Date.now() })));
    await prewarmRemoteWorker();`);

  async function startCell(code: string): Promise<string> {
    const { msg_id } = await remote.kernel.call("send", {
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
    return msg_id;
  }

  async function waitForRequests(n: number): Promise<void> {
    for (let i = 0; i < 400 && (await remote.server.stats()).requests < n; i++)
      await new Promise((r) => setTimeout(r, 25));
    assert.ok((await remote.server.stats()).requests >= n, "the cell started its remote reads");
  }

  it("answers a comm message while a cell waits on a remote openNWB", async () => {
    await remote.server.resetStats();
    await remote.server.configure({ latencyMs: 700 });
    try {
      const cell = await startCell(`
        const startedA = Date.now();
        const fileA: any = await openNWB(${JSON.stringify(remote.url)}, { blockSize: 65536 });
        const windowA: any = await fileA.acquisition.get("ElectricalSeriesLF").readSamples(9000, 9100);
        [startedA, Date.now(), windowA.data.shape.join("x")].join(" ")`);
      await waitForRequests(1);
      const commId = `clock-${Date.now()}`;
      await remote.kernel.call("send", {
        msg_type: "comm_open",
        content: { comm_id: commId, target_name: "test.clock", data: {} },
      });
      await remote.kernel.call("send", {
        msg_type: "comm_msg",
        content: { comm_id: commId, data: { ping: 1 } },
      });
      const msgs: Msg[] = await remote.kernel.call("iopub_until", {
        want: { msg_type: "comm_msg", comm_id: commId },
        timeout: 60,
      });
      const answeredAt: number = msgs[msgs.length - 1].content.data.at;
      assert.deepEqual(msgs[msgs.length - 1].content.data.echo, { ping: 1 });
      const reply = await remote.kernel.call("reply", { msg_id: cell, timeout: 120 });
      assert.equal(reply.content.status, "ok", JSON.stringify(reply.content));
      const done: Msg[] = await remote.kernel.call("iopub_until", {
        want: { msg_type: "execute_result" },
        parent: cell,
        timeout: 30,
      });
      const [started, finished, shape] = done[done.length - 1].content.data["text/plain"]
        .replace(/'/g, "")
        .split(" ");
      assert.equal(shape, "100x384");
      assert.ok(
        Number(started) < answeredAt && answeredAt < Number(finished),
        `cell ${started}–${finished}, comm answered at ${answeredAt}`,
      );
    } finally {
      await remote.server.configure({ latencyMs: 0 });
    }
  });

  it("interrupts a cell waiting on a remote read; the kernel then reads remote files normally", async () => {
    await remote.server.resetStats();
    await remote.server.configure({ latencyMs: 2000 });
    let cell: string;
    try {
      cell = await startCell(`
        const fileB: any = await openNWB(${JSON.stringify(remote.url)}, { blockSize: 65536 });
        "should not finish"`);
      await waitForRequests(1);
      const { msg_id } = await remote.kernel.call("send", {
        msg_type: "interrupt_request",
        channel: "control",
      });
      const interruptReply = await remote.kernel.call("reply", {
        msg_id,
        channel: "control",
        timeout: 60,
      });
      assert.equal(interruptReply.content.status, "ok");
      const reply = await remote.kernel.call("reply", { msg_id: cell, timeout: 60 });
      assert.equal(reply.content.status, "error");
      assert.equal(reply.content.ename, "Interrupted");
    } finally {
      await remote.server.configure({ latencyMs: 0 });
    }
    const after = await remote.kernel.run(`
      const fileC: any = await openNWB(${JSON.stringify(remote.url)});
      const windowC: any = await fileC.acquisition.get("ElectricalSeriesLF").readSamples(0, 10);
      windowC.data.shape.join("x") + " " + fileC.identifier`);
    const text = after.iopub.find((m) => m.msg_type === "execute_result")!.content.data[
      "text/plain"
    ];
    assert.match(text, /^'10x384 .+'$/);
  });
});

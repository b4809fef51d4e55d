// Long remote reads inside the real tsnwb kernel (over ZeroMQ, driven by jupyter_client) show a
// progress line: display_data then update_display_data with the same display_id, whose final text
// gives the bytes and requests the test server actually served. A caller's own onProgress, a local
// file, or a read from the cache shows nothing. Runs the built code (npm run build first).
import assert from "node:assert/strict";
import type { Msg } from "../kernel/support/kernel-driver.js";
import { LFP, useRemoteKernel } from "./support/remote-kernel.js";

const displays = (msgs: Msg[]) =>
  msgs.filter((m) => m.msg_type === "display_data" || m.msg_type === "update_display_data");

describe("remote: progress of long reads shown in the kernel", function () {
  const remote = useRemoteKernel(`
    import { openNWB, prewarmRemoteWorker } from "tsnwb";
    await prewarmRemoteWorker();`);

  it("a slow remote openNWB shows one progress display, updated in place, ending with the bytes and requests served", async () => {
    await remote.server.configure({ latencyMs: 150 });
    await remote.server.resetStats();
    let msgs: Msg[];
    try {
      const r = await remote.kernel.run(`
        const slow: any = await openNWB(${JSON.stringify(remote.url)}, { blockSize: 16384 });
        slow.identifier`);
      assert.equal(r.reply.status, "ok", JSON.stringify(r.reply));
      msgs = [...r.iopub, ...(await remote.kernel.call("drain_iopub", { settle: 0.5 }))];
    } finally {
      await remote.server.configure({ latencyMs: 0 });
    }
    const stats = await remote.server.stats();
    const shown = displays(msgs);
    assert.ok(shown.length >= 2, `display messages: ${shown.map((m) => m.msg_type)}`);
    assert.equal(shown[0]!.msg_type, "display_data");
    const id = shown[0]!.content.transient.display_id;
    assert.ok(typeof id === "string" && id.length > 0, "a display_id");
    for (const m of shown.slice(1)) {
      assert.equal(m.msg_type, "update_display_data");
      assert.equal(m.content.transient.display_id, id);
    }
    for (const m of shown)
      assert.match(
        m.content.data["text/plain"],
        new RegExp(
          `${remote.url.replace(/[.:/]/g, "\\$&")}: [\\d.]+ MB in \\d+ requests? \\(\\d+ blocks\\)`,
        ),
      );
    const last: string = shown.at(-1)!.content.data["text/plain"];
    assert.ok(
      last.startsWith(
        `read ${remote.url}: ${(stats.bytesSent / 1e6).toFixed(2)} MB in ${stats.requests} requests`,
      ),
      `${last} vs the server: ${stats.bytesSent} bytes, ${stats.requests} requests`,
    );
    assert.match(last, / in [\d.]+ s$/);
    // While reading the line says so; openNWB's open and its reads right after it share the display.
    assert.ok(
      shown[0]!.content.data["text/plain"].startsWith(`reading ${remote.url}: `),
      shown[0]!.content.data["text/plain"],
    );
  });

  it("shows nothing when the caller passes onProgress, for a local file, or for reads served from the cache", async () => {
    await remote.kernel.run(`await slow.acquisition.get("ElectricalSeriesLF").readSamples(0, 1);`);
    await remote.kernel.call("drain_iopub", { settle: 0.5 });
    await remote.server.configure({ latencyMs: 150 });
    try {
      const before = (await remote.server.stats()).requests;
      const r = await remote.kernel.run(`
        const lines: string[] = [];
        const own: any = await openNWB(${JSON.stringify(remote.url)}, { blockSize: 16384, onProgress: (p: any) => lines.push(String(p.bytesFetched)) });
        const local: any = await openNWB(${JSON.stringify(LFP)});
        await slow.acquisition.get("ElectricalSeriesLF").readSamples(0, 1);
        [lines.length > 0, own.identifier === local.identifier].join(" ")`);
      assert.equal(r.reply.status, "ok", JSON.stringify(r.reply));
      const text = r.iopub.find((m) => m.msg_type === "execute_result")!.content.data["text/plain"];
      assert.equal(text, "'true true'");
      const late = await remote.kernel.call("drain_iopub", { settle: 0.5 });
      const shown = displays([...r.iopub, ...late]);
      assert.ok(
        (await remote.server.stats()).requests > before + 2,
        "the onProgress open went over the network",
      );
      assert.deepEqual(
        shown.map((m) => m.content.data["text/plain"]),
        [],
      );
    } finally {
      await remote.server.configure({ latencyMs: 0 });
    }
  });
});

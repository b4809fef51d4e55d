// In the real tsnwb kernel (over ZeroMQ, driven by jupyter_client): a cell opening a file on
// which HDF5 loops ends with an NWBError naming the file and the cause, and the kernel goes on
// reading files right (values against h5py) in the next cells.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stdoutText, type KernelDriver } from "../kernel/support/kernel-driver.js";
import { sharedKernel } from "../kernel/support/shared-kernel.js";
import { fixture, python, writeLoopingCopy } from "./support.js";

describe("corrupt files in the kernel", function () {
  let kernel: KernelDriver;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-corrupt-kernel-"));
    kernel = await sharedKernel();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a cell on a file HDF5 loops on ends with an NWBError; the next cells read files right", async () => {
    const loop = join(dir, "loop.nwb");
    writeLoopingCopy(loop);
    const failed = await kernel.execute(`
      import * as nwb from "tsnwb";
      await nwb.openNWB(${JSON.stringify(loop)}, { hdf5DeadlineMs: 1000 });`);
    assert.equal(failed.reply.status, "error");
    assert.equal(failed.reply.ename, "NWBError");
    assert.equal(
      failed.reply.evalue,
      `${loop}: /: corrupt HDF5 metadata: HDF5 did not finish reading it within 1.0 s (a loop in the file's structure)`,
    );

    const good = fixture("nwb-explorer/test_TimeIntervals.nwb");
    const r = await kernel.run(`
      import * as nwb from "tsnwb";
      const afterLoopFile = await nwb.openNWB(${JSON.stringify(good)});
      const afterLoopSeries = afterLoopFile.get("acquisition/b") as nwb.TimeSeries;
      console.log(JSON.stringify(Array.from((await afterLoopSeries.data.read()).data as BigInt64Array, Number)));
      await afterLoopFile.close();`);
    const expected = python<number[]>(
      "import h5py, sys, json; print(json.dumps(h5py.File(sys.argv[1], 'r')['acquisition/b/data'][()].tolist()))",
      [good],
    );
    assert.deepEqual(JSON.parse(stdoutText(r)), expected);
  });
});

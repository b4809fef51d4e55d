// The same behaviours as a notebook user meets them: cells sent to the real tsnwb kernel over
// ZeroMQ (tslab compiling TypeScript). A container's value shows its names and types, console.log
// prints summaries, pynwb habits either work or fail with an error that shows the tsnwb way, and
// the kernel goes on executing after each error.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import type { ExecuteResult, KernelDriver } from "../kernel/support/kernel-driver.js";
import { stdoutText } from "../kernel/support/kernel-driver.js";
import { sharedKernel } from "../kernel/support/shared-kernel.js";
import { repoRoot } from "./support.js";

const FILE = join(repoRoot, "data", "recordings", "Chen2013_GCaMP6f_cell1C_rec0.nwb");

function result(r: ExecuteResult): Record<string, string> {
  const m = r.iopub.find((x) => x.msg_type === "execute_result");
  assert.ok(m, `an execute_result: ${JSON.stringify(r.iopub.map((x) => x.msg_type))}`);
  return m.content.data;
}

describe("NWB objects in the kernel: errors that help, summaries that speak", function () {
  this.timeout(300_000);
  let kernel: KernelDriver;
  before(async function () {
    kernel = await sharedKernel();
    await kernel.run(
      `import * as nwb from "tsnwb";\nconst helpFile = await nwb.openNWB(${JSON.stringify(FILE)});`,
    );
  });
  after(async function () {
    await kernel?.run("await helpFile.close();");
  });

  /** Runs a cell that must fail; returns its error reply, after checking the kernel still computes. */
  async function fails(code: string): Promise<{ ename: string; evalue: string }> {
    const r = await kernel.execute(code);
    assert.equal(r.reply.status, "error", `the cell fails: ${code}`);
    const again = await kernel.run("6 * 7");
    assert.equal(result(again)["text/plain"], "42", "the kernel goes on");
    return r.reply;
  }

  it("a container's value shows its names and types; console.log and String give summaries", async function () {
    const shown = result(await kernel.run("helpFile.acquisition"));
    assert.equal(
      shown["text/plain"],
      `${FILE}: /acquisition: ElectricalSeries_raw <ElectricalSeries>, TwoPhotonSeries_green <TwoPhotonSeries>`,
    );
    assert.ok(shown["text/html"].includes("<b>TwoPhotonSeries_green</b>"), shown["text/html"]);
    const out = stdoutText(
      await kernel.run(
        `console.log(helpFile.acquisition.get("ElectricalSeries_raw")); console.log(String(helpFile.units));`,
      ),
    );
    assert.equal(
      out,
      "ElectricalSeries <ElectricalSeries /acquisition/ElectricalSeries_raw: shape (600000), dtype int16, unit volts, rate 20000 Hz, startTime 0 s, endTime 29.99995 s>\nUnits /units: rows 1, columns spike_times\n",
    );
  });

  it("pynwb habits: containers and tables by name, a leading slash", async function () {
    assert.equal(
      result(await kernel.run(`helpFile.acquisition["ElectricalSeries_raw"].path`))["text/plain"],
      "'/acquisition/ElectricalSeries_raw'",
    );
    assert.equal(
      result(await kernel.run(`helpFile.get("/processing/ophys").name`))["text/plain"],
      "'ophys'",
    );
    assert.equal(
      result(await kernel.run(`(await helpFile.units.spikeTimes(0)).length`))["text/plain"],
      "150",
    );
  });

  it("a wrong name, a row read by index, a window outside the series: errors that say what to do", async function () {
    const wrong = await fails(`helpFile.get("acquisition/ElectricalSeries")`);
    assert.equal(wrong.ename, "NWBError");
    assert.equal(
      wrong.evalue,
      `${FILE}: /acquisition/ElectricalSeries: no object named 'ElectricalSeries' in /acquisition; did you mean ElectricalSeries_raw? (names in /acquisition: ElectricalSeries_raw, TwoPhotonSeries_green)`,
    );
    const byIndex = await fails(`helpFile.acquisition["TwoPhotonSeries"]`);
    assert.match(
      byIndex.evalue,
      /no NWB object named 'TwoPhotonSeries' in \/acquisition; did you mean TwoPhotonSeries_green\?/,
    );
    const row = await fails(`helpFile.units["spike_times"][0]`);
    assert.match(
      row.evalue,
      /\/units\/spike_times: rows of a column are read from the file asynchronously: use await units\.spikeTimes\(0\)/,
    );
    await kernel.run(
      `const helpRaw = helpFile.acquisition.get("ElectricalSeries_raw") as nwb.ElectricalSeries;`,
    );
    const outside = await fails(`await helpRaw.readWindow(40, 50)`);
    assert.match(
      outside.evalue,
      /a time window overlapping the series' extent \[0, 29\.99995\] s \(600000 samples\), got \[40, 50\) s/,
    );
  });
});

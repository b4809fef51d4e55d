import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openNWB, type TimeSeries } from "../../kernel-ext/nwb/index.js";
import { derivedFrom, writeNWB } from "../../kernel-ext/nwb/write/index.js";
import { repoPath, validate, validatorMissing } from "./python.js";

const sha256 = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

describe("exporting derived series into a new file", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnwb-derived-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("carries the source's session metadata, writes ΔF/F and inferred spikes, and leaves the source untouched", async function () {
    const sourcePath = repoPath("data", "recordings", "Allen_GCaMP6s_Cux2_102436_rec0.nwb");
    const before = sha256(sourcePath);
    const src = await openNWB(sourcePath);
    let out: string;
    let dff: Float64Array;
    let times: Float64Array;
    try {
      const series = src.get("processing/ophys/DfOverF/roi_response_series") as TimeSeries;
      const w = await series.readAll();
      dff = w.data.data as Float64Array;
      times = w.times;
      // A stand-in analysis result: frames where ΔF/F rises by more than 0.2 in one frame.
      const events = Float64Array.from(dff, (v, i) => (i > 0 && v - dff[i - 1] > 0.2 ? 1 : 0));
      out = await writeNWB(join(dir, "derived.nwb"), {
        ...derivedFrom(src, { description: "ΔF/F and inferred events" }),
        processing: [
          {
            name: "analysis",
            description: "results computed in a notebook",
            interfaces: [
              {
                type: "TimeSeries",
                name: "dff",
                description: "ΔF/F copied from the source",
                data: dff,
                unit: "n.a.",
                timing: { timestamps: times },
              },
              {
                type: "TimeSeries",
                name: "inferred_events",
                description: "frames with a ΔF/F jump > 0.2",
                data: events,
                unit: "events",
                timing: { timestamps: times },
              },
            ],
          },
        ],
      });
      const copy = await openNWB(out);
      try {
        assert.equal(copy.identifier, `${src.identifier}-derived`);
        assert.equal(copy.sessionStartTime, src.sessionStartTime);
        assert.equal(copy.subject?.subjectId, src.subject?.subjectId);
        assert.deepEqual(copy.keywords, src.keywords);
        assert.match(
          copy.sessionDescription ?? "",
          /^ΔF\/F and inferred events \(derived from CASCADE-Allen-GCaMP6s-Cux2-102436-rec0\)/,
        );
        const back = await (copy.get("processing/analysis/dff") as TimeSeries).readAll();
        assert.deepEqual(Array.from(back.data.data as Float64Array), Array.from(dff));
        assert.deepEqual(Array.from(back.times), Array.from(times));
        const ev = await (copy.get("processing/analysis/inferred_events") as TimeSeries).readAll();
        assert.deepEqual(Array.from(ev.data.data as Float64Array), Array.from(events));
      } finally {
        await copy.close();
      }
    } finally {
      await src.close();
    }
    assert.equal(sha256(sourcePath), before);
    const why = await validatorMissing();
    if (why) console.log(`      validator skipped: ${why}`);
    else assert.equal(await validate(out), "0 errors");
  });

  it("names the source when its session start time is unusable", () => {
    assert.throws(
      () => derivedFrom({ file: "x.nwb", sessionStartTime: "yesterday" }),
      /x\.nwb: session_start_time: an ISO 8601 date, found 'yesterday'/,
    );
    assert.throws(
      () => derivedFrom({ file: "y.nwb" }),
      /y\.nwb: session_start_time: a session start time/,
    );
  });
});

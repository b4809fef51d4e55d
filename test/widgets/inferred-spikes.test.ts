// A trace view of ΔF/F shows the spike times the trained model infers, under each ROI lane: the
// lane's events equal inferSpikes on the values and timestamps h5py reads from the same file, with
// the cross-validation model that never saw the recording's ground-truth dataset; other series get
// no such lane.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import type { NWBFile } from "../../kernel-ext/nwb/neurodata/file/nwb-file.js";
import { nwbWidget } from "../../kernel-ext/models/registry/view-registry.js";
import { TraceModel } from "../../kernel-ext/models/trace/trace-model.js";
import { traceViewOfTimeSeries } from "../../kernel-ext/models/nwb/trace-from-nwb.js";
import { TimeSeries } from "../../kernel-ext/nwb/neurodata/base/time-series.js";
import { inferSpikes } from "../../kernel-ext/analysis/inference/model/infer-spikes.js";
import { unpackLaneSlice } from "../../contract/trace.js";

const RECORDING = fileURLToPath(
  new URL("../../data/recordings/Chen2013_GCaMP6f_cell1C_rec0.nwb", import.meta.url),
);
const DFF = "processing/ophys/DfOverF/roi_response_series";

/** ΔF/F values and timestamps as h5py reads them (conversion and offset applied). */
function h5pyDff(): { values: number[]; timestamps: number[] } {
  const script = `
import h5py, json, sys
g = h5py.File(sys.argv[1], "r")[sys.argv[2]]
d = g["data"]
v = d[()].astype(float) * d.attrs.get("conversion", 1.0) + d.attrs.get("offset", 0.0)
print(json.dumps({"values": v.ravel().tolist(), "timestamps": g["timestamps"][()].tolist()}))`;
  return JSON.parse(
    execFileSync("/usr/bin/python3", ["-c", script, RECORDING, DFF], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    }),
  ) as { values: number[]; timestamps: number[] };
}

describe("widgets: inferred spikes in a ΔF/F trace view", function () {
  this.timeout(300_000);
  let file: NWBFile;
  before(async () => {
    file = await openNWB(RECORDING);
  });
  after(async () => {
    await file.close();
  });

  it("adds a lane of the model's spike times, inferred by the fold model that did not see DS09", async () => {
    const view = (await nwbWidget(file.get(DFF))) as TraceModel;
    try {
      assert.ok(view instanceof TraceModel);
      const lane = view.state.lanes.find((l) => l.id === "inferred0");
      assert.ok(lane, `lanes: ${view.state.lanes.map((l) => l.id).join(", ")}`);
      assert.equal(lane.kind, "events");
      assert.equal(lane.overview.decimated, false);
      const shown = unpackLaneSlice(
        { kind: "events", count: lane.overview.count },
        lane.overview.data,
      ).times;

      const expected = inferSpikes(h5pyDff(), { notTrainedOn: "DS09", onWarning: () => {} });
      assert.match(expected.model.heldOut ?? "", /^DS09-/);
      assert.ok(expected.spikeTimes.length > 10, "the model infers spikes on this cell");
      assert.equal(shown.length, expected.spikeTimes.length);
      for (let i = 0; i < shown.length; i++)
        assert.ok(
          Math.abs(shown[i]! - expected.spikeTimes[i]!) < 1e-9,
          `spike ${i}: ${shown[i]} vs ${expected.spikeTimes[i]}`,
        );
      assert.match(
        view.state.messages.join("\n"),
        new RegExp(
          `spikes inferred by the trained model ${expected.model.id} \\(not trained on DS09`,
        ),
      );
    } finally {
      view.close();
    }
  });

  it("leaves series that are not ΔF/F without it, and can be turned off", async () => {
    const raw = (await nwbWidget(file.get("acquisition/ElectricalSeries_raw"))) as TraceModel;
    try {
      assert.deepEqual(
        raw.state.lanes.filter((l) => l.id.startsWith("inferred")),
        [],
      );
    } finally {
      raw.close();
    }
    const fluo = (await nwbWidget(
      file.get("processing/ophys/Fluorescence/roi_response_series"),
    )) as TraceModel;
    try {
      assert.deepEqual(
        fluo.state.lanes.filter((l) => l.id.startsWith("inferred")),
        [],
      );
    } finally {
      fluo.close();
    }
    const dff = file.get(DFF);
    assert.ok(dff instanceof TimeSeries);
    const off = await traceViewOfTimeSeries(dff, { inferredSpikes: false });
    try {
      assert.deepEqual(
        off.state.lanes.map((l) => l.id),
        ["ch0"],
      );
    } finally {
      off.close();
    }
  });
});

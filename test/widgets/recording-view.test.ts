// The recording dashboard (nwb.recordingView) on the bundled recordings and on partial copies of
// one: its spike ticks, isolated AP-count events and their peak ΔF/F equal h5py + numpy's reading
// of the same file (reference/recording.py); its still figure draws one row of event markers per
// AP class at numpy's event times (recording-still-strip.ts); its ΔF/F panel returns the file's
// samples; navigation moves every member's cursor; a file with only some parts leaves the others
// out with one line each.
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { unpackLaneSlice, type TraceState, type WindowReply } from "../../contract/trace.js";
import type { MovieState } from "../../contract/movie.js";
import { frameAtTime } from "../../contract/time-link.js";
import { asFloat64 } from "../../contract/typed-arrays.js";
import { CouplingModel } from "../../kernel-ext/models/coupling/coupling-model.js";
import { recordingView } from "../../kernel-ext/models/recording/recording-from-nwb.js";
import { RecordingModel } from "../../kernel-ext/models/recording/recording-model.js";
import { eventPanelText, renderRecordingSvg } from "../../render/recording.js";
import { nwbWidget, viewFor } from "../../kernel-ext/models/registry/view-registry.js";
import type { TraceModel } from "../../kernel-ext/models/trace/trace-model.js";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { runPython, tempDir } from "./support.js";
import { checkStillStrip } from "./recording-still-strip.js";

const recording = (name: string) =>
  fileURLToPath(new URL(`../../data/recordings/${name}`, import.meta.url));
const ALLEN_6F = recording("Allen_GCaMP6f_Emx1_102959_rec0.nwb");
const ALLEN_6S = recording("Allen_GCaMP6s_Cux2_102436_rec0.nwb");
const DFF = "/processing/ophys/DfOverF/roi_response_series";

interface Reference {
  spikes: number[];
  indicator: string;
  events: [number, number, number][];
  peak: (number | null)[];
  frameInterval: number;
}

function eventLane(model: TraceModel, id: string): number[] {
  const lane = model.state.lanes.find((l) => l.id === id);
  assert.ok(lane, `lane ${id} in ${model.state.lanes.map((l) => l.id)}`);
  return Array.from(
    unpackLaneSlice({ kind: "events", count: lane.overview.count }, lane.overview.data).times,
  );
}

async function dashboard(path: string): Promise<RecordingModel> {
  const file = await openNWB(path);
  return recordingView(file);
}

describe("widgets: recording dashboard — nwb.recordingView(file)", function () {
  this.timeout(300_000);

  for (const path of [ALLEN_6F, ALLEN_6S]) {
    describe(path.split("/").pop()!, () => {
      let view: RecordingModel;
      let ref: Reference;
      before(async () => {
        ref = runPython<Reference>("recording.py", [path]);
        view = await dashboard(path);
      });
      after(() => view?.close());

      it("spike ticks are the file's unit spike times (state, voltage panel, raster)", () => {
        assert.deepEqual(Array.from(view.spikeTimes), ref.spikes);
        assert.match(view.state.spikeSource, /spike times from the file: \/units unit 0/);
        assert.deepEqual(eventLane(view.members.voltage as TraceModel, "spikes"), ref.spikes);
        assert.ok(ref.spikes.length > 100);
      });

      it("isolated events: onsets, last spikes, AP counts and peak ΔF/F equal numpy's", () => {
        assert.equal(view.state.indicator, ref.indicator);
        const events = view.events;
        assert.equal(events.length, ref.events.length);
        assert.ok(events.length > 20);
        events.forEach((e, i) => {
          const [onset, last, count] = ref.events[i]!;
          assert.equal(e.time, onset);
          assert.equal(e.end, last);
          assert.equal(e.apCount, count);
          const p = ref.peak[i];
          if (p === null) assert.ok(Number.isNaN(e.peakDff));
          else assert.ok(Math.abs(e.peakDff - p) <= 1e-12 * Math.max(1, Math.abs(p)), `${i}`);
        });
        // the 1 / 2 / 3+ AP lanes of the ΔF/F panel mark the same onsets
        const dff = view.members.dff as TraceModel;
        for (const k of [1, 2, 3])
          assert.deepEqual(
            eventLane(dff, `events${k}`),
            ref.events.filter(([, , n]) => (k === 3 ? n >= 3 : n === k)).map(([t]) => t),
          );
        assert.ok(ref.events.some(([, , n]) => n >= 2));
        // fitted rise/decay time constants are positive where given
        for (const e of events) if (Number.isFinite(e.decay)) assert.ok(e.rise > 0 && e.decay > 0);
        // a rise faster than one ΔF/F frame interval (numpy: median of the timestamps' spacing) is
        // flagged, and the panel says "< 1 frame" for it instead of a number
        const frame = ref.frameInterval;
        assert.ok(
          Math.abs(view.state.frameInterval! - frame) < 1e-12,
          `${view.state.frameInterval}`,
        );
        for (const e of events)
          if (Number.isFinite(e.decay)) {
            assert.equal(e.riseResolved, e.rise >= frame, `event ${e.index}: τ ${e.rise}`);
            const text = eventPanelText(e, view.state.frameInterval);
            if (e.riseResolved) assert.match(text, / · rise τ [\d.]+ ms · decay τ /);
            else
              assert.match(
                text,
                new RegExp(
                  ` · rise τ < 1 frame \\(${String(Math.round(frame * 1e4) / 10).replace(".", "\\.")} ms\\) · `,
                ),
              );
          }
      });

      it("the still figure's strip: spike ticks and one row of event markers per AP class, at numpy's times", () => {
        for (const width of [900, 400]) {
          const { merged } = checkStillStrip(renderRecordingSvg(view.state, { width }), ref);
          // a narrower figure merges more
          if (width === 400) assert.ok(merged >= 1, `${merged} merged markers at ${width} px`);
        }
      });

      it("the ΔF/F panel around an event returns the file's samples", async () => {
        const e = view.events[Math.floor(view.events.length / 2)]!;
        const [t0, t1] = [e.time - 0.5, e.time + 1.5];
        const { content, buffers } = await (view.members.dff as TraceModel).window({
          type: "window",
          requestId: 1,
          t0,
          t1,
          pixels: 4000,
        });
        const reply = content as WindowReply;
        const k = reply.lanes.findIndex((l) => l.laneId === "dff");
        const { times, values } = unpackLaneSlice(
          { kind: "line", count: reply.lanes[k]!.count },
          buffers[k]!,
        );
        // every point drawn is a sample of the file; every sample of the file in [t0, t1] is drawn
        const file = runPython<{ t: number[]; v: number[] }>("recording_window.py", [
          path,
          DFF,
          String(t0 - 1),
          String(t1 + 1),
        ]);
        const at = new Map(file.t.map((t, i) => [t, file.v[i]!]));
        assert.ok(times.length > 50);
        times.forEach((t, i) => {
          assert.ok(at.has(t), `${t} s is not a timestamp of ${DFF}`);
          const v = at.get(t)!;
          assert.ok(
            Math.abs(values![i]! - v) <= 1e-6 * Math.abs(v) + 1e-7,
            `${t}: ${values![i]} vs ${v}`,
          );
        });
        const drawn = new Set(times);
        assert.ok(file.t.filter((t) => t >= t0 && t <= t1).every((t) => drawn.has(t)));
      });

      it("navigation: next spike / next 2-AP event / zoom move the link and every member", async () => {
        const link = view.link!;
        assert.ok(link);
        link.setCursor(ref.spikes[0]! - 0.01);
        assert.equal(view.stepSpike(1), ref.spikes[0]);
        assert.equal(view.stepSpike(1), ref.spikes[1]);
        assert.equal(view.stepSpike(-1), ref.spikes[0]);
        const two = ref.events.find(([t, , n]) => n === 2 && t > ref.spikes[0]!)!;
        assert.equal(view.stepEvent(1, 2)!.time, two[0]);
        for (const m of Object.values(view.members)) assert.equal(m!.get("cursor"), two[0]);
        assert.equal(view.state.cursor, two[0]);
        const movie = view.members.movie!.state as MovieState;
        const frame = frameAtTime(movie, two[0]);
        // the movie loads the frame's pixels before it shows it
        for (let i = 0; i < 200 && view.members.movie!.get("frame") !== frame; i++)
          await new Promise((r) => setTimeout(r, 10));
        assert.equal(view.members.movie!.get("frame"), frame);
        const e = view.zoomToEvent()!;
        assert.equal(e.time, two[0]);
        const [before, after] = view.state.eventWindow;
        assert.deepEqual(link.get("window"), [two[0] - before, two[1] + after]);
        assert.deepEqual((view.members.voltage!.state as TraceState).xRange, link.get("window"));
        // the recorded cell is outlined on the movie
        assert.deepEqual(view.members.movie!.get("highlighted"), [movie.rois.ids[0]]);
      });
    });
  }

  it("nwbWidget(file) opens the dashboard; { view: 'coupling' } still gives the coupling view", async () => {
    const file = await openNWB(ALLEN_6F);
    assert.equal(viewFor(file), "recording");
    const coupling = await nwbWidget(file, { view: "coupling" });
    assert.ok(coupling instanceof CouplingModel);
    coupling.close();
  });

  describe("partial files", () => {
    const dir = tempDir("recording-partial");
    after(() => dir.remove());
    const partial = (keep: "ophys" | "ecephys") => {
      const out = join(dir.path, `${keep}.nwb`);
      runPython<null>("recording_partial.py", [ALLEN_6F, out, keep]);
      return out;
    };

    it("only ophys: movie and ΔF/F, one line each for the voltage and the raster", async () => {
      const view = await dashboard(partial("ophys"));
      try {
        assert.deepEqual(view.state.missing, [
          "voltage left out: the file has no ElectricalSeries",
          "spike raster left out: the file has no /units spike times and no voltage to detect spikes in",
        ]);
        assert.deepEqual(
          Object.entries(view.state.panels).map(([p, r]) => [p, r !== null]),
          [
            ["movie", true],
            ["voltage", false],
            ["dff", true],
            ["raster", false],
          ],
        );
        assert.equal(view.events.length, 0);
        assert.ok(view.link);
      } finally {
        view.close();
      }
    });

    it("only ecephys: our detection gives the spike ticks (said so), close to the file's units", async () => {
      const view = await dashboard(partial("ecephys"));
      const ref = runPython<Reference>("recording.py", [ALLEN_6F]);
      try {
        assert.deepEqual(view.state.missing, [
          "movie left out: the file has no TwoPhotonSeries with frames",
          "ΔF/F left out: the file has no RoiResponseSeries in a DfOverF container",
        ]);
        assert.match(
          view.state.spikeSource,
          /^spike times detected by tsnwb in \/processing\/ecephys\/ElectricalSeries_processed \(\d+ spikes, threshold 5σ\): the file has no \/units spike times$/,
        );
        const detected = asFloat64(view.state.spikeTimes);
        assert.deepEqual(
          eventLane(view.members.voltage as TraceModel, "spikes"),
          Array.from(detected),
        );
        // the recorded spikes inside the voltage's span are found within 2 ms
        const extent = (view.members.voltage!.state as TraceState).fullRange;
        const inside = ref.spikes.filter((t) => t >= extent[0] && t <= extent[1]);
        const found = inside.filter((t) => detected.some((d) => Math.abs(d - t) <= 0.002));
        assert.ok(inside.length > 20);
        assert.ok(found.length >= 0.9 * inside.length, `${found.length} of ${inside.length}`);
        assert.ok(view.events.every((e) => Number.isNaN(e.peakDff)));
      } finally {
        view.close();
      }
    });

    it("only a movie (nwb-explorer's TwoPhotonSeries): every other panel says what is missing", async () => {
      const view = await dashboard(
        fileURLToPath(
          new URL("../../data/nwb-fixtures/nwb-explorer/test_TwoPhotonSeries.nwb", import.meta.url),
        ),
      );
      try {
        assert.deepEqual(view.state.missing, [
          "no ROI outlines on the movie: the file has no PlaneSegmentation",
          "voltage left out: the file has no ElectricalSeries",
          "ΔF/F left out: the file has no RoiResponseSeries in a DfOverF container",
          "spike raster left out: the file has no /units spike times and no voltage to detect spikes in",
        ]);
        assert.equal(view.link, null);
        assert.equal(view.stepSpike(1), null);
      } finally {
        view.close();
      }
    });
  });
});

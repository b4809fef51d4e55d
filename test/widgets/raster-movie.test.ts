// RasterModel (real DANDI:000006 units aligned to trials, PSTH vs numpy) and MovieModel (frames on
// demand, supersession, slider sync) with their SVG figures.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { DynamicTable } from "../../kernel-ext/nwb/neurodata/hdmf-common/dynamic-table.js";
import { Units } from "../../kernel-ext/nwb/neurodata/misc/units.js";
import { TwoPhotonSeries } from "../../kernel-ext/nwb/neurodata/ophys/two-photon-series.js";
import { ArrayFrameSource, SeriesFrameSource } from "../../kernel-ext/models/movie/frame-source.js";
import { MovieModel } from "../../kernel-ext/models/movie/movie-model.js";
import { rasterViewOfUnits } from "../../kernel-ext/models/nwb/raster-from-nwb.js";
import { RasterModel } from "../../kernel-ext/models/raster/raster-model.js";
import { decodeFramePixels, frameImageValues, type FrameReply } from "../../contract/movie.js";
import { asFloat32 } from "../../contract/typed-arrays.js";
import { renderMovieSvg } from "../../render/movie.js";
import { renderRasterSvg } from "../../render/raster.js";
import { runPython } from "./support.js";

const DANDI = fileURLToPath(
  new URL("../../data/nwb-fixtures/dandi-cli/sub-anm369963_ses-20170228.nwb", import.meta.url),
);
const TWO_PHOTON = fileURLToPath(
  new URL("../../data/nwb-fixtures/nwb-explorer/test_TwoPhotonSeries.nwb", import.meta.url),
);

describe("widgets: RasterModel", () => {
  it("aligns a real unit to trials and matches numpy's raster counts and PSTH", async function () {
    this.timeout(180_000);
    const ref = runPython<{ counts: number[]; rate: number[]; total: number }>("psth.py", [
      DANDI,
      "/units",
      "0",
      "/intervals/trials",
      "start_time",
      "1",
      "2",
      "0.1",
    ]);
    const file = await openNWB(DANDI);
    try {
      const units = file.ctx.find("/units");
      const trials = file.ctx.find("/intervals/trials");
      assert.ok(units instanceof Units && trials instanceof DynamicTable);
      const m = await rasterViewOfUnits(units, {
        alignTo: { table: trials, column: "start_time", before: 1, after: 2 },
        binSize: 0.1,
      });
      try {
        const s = m.state;
        assert.equal(s.mode, "trials");
        assert.equal(s.rows.length, 178);
        assert.deepEqual(
          s.rows.map((r) => r.count),
          ref.counts,
        );
        assert.deepEqual(s.xRange, [-1, 2]);
        const rate = Array.from(asFloat32(s.psth.rate));
        assert.equal(rate.length, 30);
        rate.forEach((v, b) =>
          assert.ok(Math.abs(v - ref.rate[b]!) < 1e-4, `bin ${b}: ${v} vs ${ref.rate[b]}`),
        );
        // The view's bin-size control: the kernel recomputes the PSTH.
        m.set({ binSize: 0.5 });
        assert.equal(asFloat32(m.state.psth.rate).length, 6);
        const svg = renderRasterSvg(m.state);
        const inView = ref.counts.reduce((a, b) => a + b, 0);
        assert.match(svg, new RegExp(`class="spikes" data-ticks="${inView}"`));
        assert.match(svg, /class="psth" data-bins="6"/);
        assert.match(svg, /time from trials.start_time \(s\)/);
      } finally {
        m.close();
      }
    } finally {
      await file.close();
    }
  });

  it("shows units as rows, and says so when there are no spikes at all", () => {
    const m = RasterModel.create(
      [
        { id: 1, times: [0.5, 0.1, NaN, 2] },
        { id: 2, times: [] },
      ],
      { binSize: 0.5 },
    );
    try {
      assert.deepEqual(
        m.state.rows.map((r) => r.count),
        [3, 0],
      );
      assert.deepEqual(Array.from(m.state.spikeTimes as Float64Array), [0.1, 0.5, 2]);
      assert.deepEqual(m.state.xRange, [0.1, 2]);
      assert.deepEqual(
        Array.from(asFloat32(m.state.psth.rate)),
        [2, 0, 0, 1].map((c) => c / (2 * 0.5)),
      );
      assert.deepEqual(m.state.messages, ["unit 1: 1 non-finite spike times left out"]);
    } finally {
      m.close();
    }
    const none = RasterModel.create([{ id: 1, times: [] }]);
    assert.deepEqual(none.state.messages, ["no spikes in any unit"]);
    assert.match(renderRasterSvg(none.state), /no spikes in any unit/);
    none.close();
  });
});

describe("widgets: MovieModel", () => {
  const H = 6,
    W = 8,
    N = 20;
  const frames = Float32Array.from(
    { length: N * H * W },
    (_, i) => Math.floor(i / (H * W)) * 100 + (i % (H * W)),
  );

  it("serves single frames on request; a newer request supersedes an older one", async () => {
    const m = await MovieModel.create(new ArrayFrameSource(frames, [H, W], 10, 2));
    try {
      assert.equal(m.state.frameCount, N);
      // integer pixels spanning < 65536 travel exactly as Uint16 codes with step 1
      assert.equal(m.state.frameImage!.dtype, "uint16");
      assert.deepEqual(m.state.frameScale, [0, 1]);
      assert.deepEqual(
        Array.from(frameImageValues(m.state)!.data as Float32Array),
        Array.from(frames.subarray(0, H * W)),
      );
      const { content, buffers } = await m.answer({ type: "frame", requestId: 1, index: 7 });
      const reply = content as FrameReply;
      assert.equal(reply.type, "frame");
      assert.equal(reply.time, 2.7);
      assert.deepEqual(reply.shape, [H, W]);
      assert.deepEqual(reply.range, [700, 747]);
      assert.equal(reply.encoding, "uint16");
      assert.equal(buffers[0]!.byteLength, 2 * H * W);
      assert.deepEqual(reply.scale, [700, 1]);
      assert.deepEqual(
        Array.from(decodeFramePixels(reply.scale, buffers[0]!)),
        Array.from(frames.subarray(7 * H * W, 8 * H * W)),
      );
      // other finite values: codes over the frame's range, within half a code step (+ Float32)
      const scaled = frames.map((v) => v * 0.37 + 0.1);
      const m1 = await MovieModel.create(new ArrayFrameSource(scaled, [H, W], 10, 2));
      const r1 = await m1.answer({ type: "frame", requestId: 9, index: 7 });
      m1.close();
      const [lo, hi] = (r1.content as FrameReply).range;
      const step = (hi - lo) / 65535;
      assert.equal((r1.content as FrameReply).scale![1], step);
      const decoded = decodeFramePixels((r1.content as FrameReply).scale, r1.buffers[0]!);
      const sent = scaled.subarray(7 * H * W, 8 * H * W);
      assert.ok(decoded.every((v, i) => Math.abs(v - sent[i]!) <= step / 2 + hi * 2 ** -23));
      assert.ok(Math.abs(decoded[H * W - 1]! - hi) <= hi * 2 ** -23);
      const withNaN = Float32Array.from(frames).fill(NaN, 0, 1);
      const m2 = await MovieModel.create(new ArrayFrameSource(withNaN, [H, W], 10, 2));
      const r2 = await m2.answer({ type: "frame", requestId: 10, index: 0 });
      m2.close();
      assert.equal(
        (r2.content as FrameReply).encoding,
        undefined,
        "a NaN pixel: Float32 as stored",
      );
      assert.deepEqual(
        Array.from(asFloat32(r2.buffers[0]!)).slice(1),
        Array.from(withNaN.subarray(1, H * W)),
      );
      const [a, b] = await Promise.all([
        m.answer({ type: "frame", requestId: 2, index: 3 }),
        m.answer({ type: "frame", requestId: 3, index: 4 }),
      ]);
      assert.deepEqual(a.content, {
        type: "superseded",
        requestType: "frame",
        requestId: 2,
        supersededBy: 3,
      });
      assert.equal((b.content as FrameReply).index, 4);
      const bad = await m.answer({ type: "frame", requestId: 4, index: N });
      assert.equal(bad.content.type, "error");
      assert.match((bad.content as { message: string }).message, /\[0, 20\)/);
    } finally {
      m.close();
    }
  });

  it("answers every playback request in flight (none supersedes another); a plain one still supersedes", async () => {
    const m = await MovieModel.create(new ArrayFrameSource(frames, [H, W], 10, 2));
    try {
      const replies = await Promise.all(
        [5, 6, 7].map((index, k) =>
          m.answer({ type: "frame", requestId: 20 + k, index, playback: true }),
        ),
      );
      for (const [k, r] of replies.entries()) {
        const reply = r.content as FrameReply;
        assert.equal(reply.type, "frame", `playback request ${20 + k}`);
        assert.equal(reply.index, 5 + k);
        const decoded = decodeFramePixels(reply.scale, r.buffers[0]!);
        const sent = frames.subarray((5 + k) * H * W, (6 + k) * H * W);
        assert.deepEqual(Array.from(decoded), Array.from(sent));
      }
      const [a, b] = await Promise.all([
        m.answer({ type: "frame", requestId: 30, index: 1 }),
        m.answer({ type: "frame", requestId: 31, index: 2 }),
      ]);
      assert.equal(a.content.type, "superseded");
      assert.equal((b.content as FrameReply).index, 2);
    } finally {
      m.close();
    }
  });

  it("moves the slider: the current frame's pixels follow in state and in the figure", async () => {
    const m = await MovieModel.create(new ArrayFrameSource(frames, [H, W], 10), {
      title: "movie <b>x</b>",
    });
    try {
      await m.showFrame(12);
      assert.equal(m.state.frame, 12);
      assert.equal(asFloat32(frameImageValues(m.state)!.data)[0], 1200);
      const svg = renderMovieSvg(m.state);
      assert.match(svg, /frame 13 of 20 · t = 1.2 s/);
      assert.match(svg, /movie &lt;b&gt;x&lt;\/b&gt;/);
      await assert.rejects(m.showFrame(-1), /\[0, 20\)/);
    } finally {
      m.close();
    }
  });

  it("reads frames of a real TwoPhotonSeries one at a time", async function () {
    this.timeout(180_000);
    const file = await openNWB(TWO_PHOTON);
    try {
      const ts = file.ctx.find("/acquisition/test_2ps");
      assert.ok(ts instanceof TwoPhotonSeries);
      const m = await MovieModel.create(new SeriesFrameSource(ts));
      try {
        assert.equal(m.state.frameCount, 1);
        assert.deepEqual(m.state.frameSize, [2, 4]);
        const ref = runPython<number[]>("frame.py", [TWO_PHOTON, "/acquisition/test_2ps", "0"]);
        assert.deepEqual(Array.from(frameImageValues(m.state)!.data as Float32Array), ref);
      } finally {
        m.close();
      }
    } finally {
      await file.close();
    }
  });

  it("says when a movie has no frames", async () => {
    const m = await MovieModel.create(new ArrayFrameSource(new Float32Array(0), [4, 4]));
    assert.deepEqual(m.state.messages, ["the movie has no frames"]);
    assert.match(renderMovieSvg(m.state), /no frames/);
    m.close();
  });
});

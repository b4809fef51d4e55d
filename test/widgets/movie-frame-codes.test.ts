// A movie's frames travel as their stored integer codes with the series' conversion as the scale
// (no conversion in the kernel, half the bytes of Float32): decoded, they must equal h5py's frame
// in the unit, for every stored type the fast path takes, and on a real recording.
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { ImageSeries } from "../../kernel-ext/nwb/neurodata/image/image-series.js";
import { SeriesFrameSource } from "../../kernel-ext/models/movie/frame-source.js";
import { MovieModel } from "../../kernel-ext/models/movie/movie-model.js";
import { decodeFramePixels, frameImageValues, type FrameReply } from "../../contract/movie.js";
import { writeSyntheticMovie, type SyntheticMovie } from "../../bench/widgets/synthetic-movie.js";
import { runPython, tempDir } from "./support.js";

const ALLEN = fileURLToPath(
  new URL("../../data/recordings/Allen_GCaMP6f_Emx1_102959_rec0.nwb", import.meta.url),
);

/** h5py's frame `index` of `series` in the unit, as Float32 values. */
const h5Frame = (file: string, series: string, index: number) =>
  runPython<number[]>("frame.py", [file, series, String(index)]);

async function checkFrames(file: string, series: string, indices: number[]): Promise<void> {
  const nwb = await openNWB(file);
  try {
    const source = new SeriesFrameSource(nwb.get(series) as ImageSeries);
    for (const i of indices) {
      const ref = h5Frame(file, series, i);
      const coded = await source.codedFrame(i);
      assert.ok(coded, `${file} ${series}: frame ${i} has stored codes`);
      const where = `${series} frame ${i}`;
      assert.deepEqual(Array.from(decodeFramePixels(coded.scale, coded.pixels)), ref, where);
      assert.deepEqual(coded.range, [Math.min(...ref), Math.max(...ref)], `${where}: range`);
      assert.deepEqual(Array.from(await source.frame(i)), ref, `${where}: Float32 path`);
    }
  } finally {
    await nwb.close();
  }
}

describe("widgets: movie frames as stored codes", function () {
  this.timeout(120_000);

  const stored: [SyntheticMovie["dtype"], number][] = [
    ["uint16", 1],
    ["uint16", 0.37],
    ["int16", 0.5],
    ["uint8", 2],
  ];
  for (const [dtype, conversion] of stored) {
    it(`${dtype} × ${conversion}: decoded codes equal h5py's frames in the unit`, async () => {
      const dir = tempDir("codes");
      try {
        const file = await writeSyntheticMovie(join(dir.path, `${dtype}.nwb`), {
          frames: 3,
          height: 12,
          width: 16,
          rate: 10,
          dtype,
          conversion,
        });
        await checkFrames(file, "/acquisition/movie", [0, 2]);
      } finally {
        dir.remove();
      }
    });
  }

  it("a real recording's uint16 frames travel as stored: the reply's buffer is the codes", async () => {
    await checkFrames(ALLEN, "/acquisition/TwoPhotonSeries_green", [0, 1234]);
    const nwb = await openNWB(ALLEN);
    try {
      const series = nwb.get("/acquisition/TwoPhotonSeries_green") as ImageSeries;
      const m = await MovieModel.create(new SeriesFrameSource(series));
      try {
        const { content, buffers } = await m.answer({ type: "frame", requestId: 1, index: 1234 });
        const reply = content as FrameReply;
        assert.equal(reply.encoding, "uint16");
        assert.deepEqual(reply.scale, [0, 1]);
        assert.equal(buffers[0]!.byteLength, 2 * 24 * 24);
        const ref = h5Frame(ALLEN, "/acquisition/TwoPhotonSeries_green", 1234);
        assert.deepEqual(Array.from(decodeFramePixels(reply.scale, buffers[0]!)), ref);
        // the state's copy of the current frame: codes too, equal to h5py's frame 7
        await m.showFrame(7);
        assert.equal(m.state.frameImage!.dtype, "uint16");
        assert.deepEqual(
          Array.from(frameImageValues(m.state)!.data as Float32Array),
          h5Frame(ALLEN, "/acquisition/TwoPhotonSeries_green", 7),
        );
      } finally {
        m.close();
      }
    } finally {
      await nwb.close();
    }
  });
});

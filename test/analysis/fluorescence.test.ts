import assert from "node:assert/strict";
import {
  deltaFOverF,
  extractRoiTrace,
  extractRoiTraces,
  gaussianFilter1d,
  maximinBaseline,
  maximumFilter1d,
  minimumFilter1d,
  noiseLevelPsd,
  percentileBaseline,
  percentileFilter1d,
  subtractNeuropil,
  welch,
} from "../../kernel-ext/analysis/index.js";
import { assertClose } from "./support/assert.js";
import { runPython } from "./support/python.js";
import { normal, randn, uniform } from "../support/random.js";

/** A fluorescence-like trace: drifting baseline, exponential transients, Gaussian noise. */
function fakeF(n: number, seed: number): Float64Array {
  const g = normal(seed),
    u = uniform(seed + 1);
  const f = new Float64Array(n);
  let c = 0;
  for (let i = 0; i < n; i++) {
    c = 0.97 * c + (u() < 0.02 ? 1 + u() : 0);
    f[i] = 100 + 10 * Math.sin(i / 700) + 30 * c + 3 * g();
  }
  return f;
}

describe("analysis/fluorescence vs scipy/numpy", function () {
  const f = fakeF(5000, 21);
  const fneu = fakeF(5000, 22);
  let ref: any;
  before(function () {
    ref = runPython(
      `
from scipy import ndimage, signal
f = np.array(inp["f"]); fneu = np.array(inp["fneu"])
out = {}
out["pct"] = {f"{p}_{w}_{m}": ndimage.percentile_filter(f, p, size=w, mode=m) for (p, w, m) in inp["pct"]}
out["min"] = {str(w): ndimage.minimum_filter1d(f, w) for w in inp["wins"]}
out["max"] = {str(w): ndimage.maximum_filter1d(f, w) for w in inp["wins"]}
out["gauss"] = {str(s): ndimage.gaussian_filter1d(f, s) for s in inp["sigmas"]}
# suite2p maximin, written out with numpy/scipy calls: gaussian, then min, then max filter
win = int(60 * 30.0)
flow = ndimage.gaussian_filter(f, 10.0)
flow = ndimage.minimum_filter1d(flow, win)
out["maximin"] = ndimage.maximum_filter1d(flow, win)
out["neu"] = f - 0.7 * fneu
b = ndimage.percentile_filter(f, 8, size=500)
out["dff"] = (f - b) / b
fr, p = signal.welch(f)
out["welch_f"] = fr; out["welch_p"] = p
fr2, p2 = signal.welch(f[:200], fs=30.0)
out["welch_short"] = p2
def get_sn(y, lo=0.25, hi=0.5):
    ff, pxx = signal.welch(y)
    sel = pxx[(ff > lo) & (ff < hi)] / 2
    return {"logmexp": np.sqrt(np.exp(np.mean(np.log(sel)))), "mean": np.sqrt(np.mean(sel)), "median": np.sqrt(np.median(sel))}
out["sn"] = get_sn(f)
`,
      {
        f,
        fneu,
        pct: [
          [8, 500, "reflect"],
          [50, 31, "reflect"],
          [20, 100, "nearest"],
          [100, 7, "reflect"],
          [0, 12, "mirror"],
          [8, 7000, "reflect"],
        ],
        wins: [1, 2, 9, 60, 1800, 6001],
        sigmas: [1, 2.5, 10],
      },
    );
  });

  it("percentileFilter1d / percentileBaseline match scipy.ndimage.percentile_filter exactly", function () {
    for (const key of Object.keys(ref.pct)) {
      const [p, w, m] = key.split("_");
      assertClose(
        percentileFilter1d(f, Number(p), Number(w), { mode: m as never }),
        ref.pct[key],
        0,
        0,
        `percentile ${key}`,
      );
    }
    assertClose(percentileBaseline(f), ref.pct["8_500_reflect"], 0, 0, "CaImAn default baseline");
  });

  it("minimum/maximum/gaussian 1-D filters match scipy.ndimage", function () {
    for (const w of Object.keys(ref.min)) {
      assertClose(minimumFilter1d(f, Number(w)), ref.min[w], 0, 0, `min ${w}`);
      assertClose(maximumFilter1d(f, Number(w)), ref.max[w], 0, 0, `max ${w}`);
    }
    for (const s of Object.keys(ref.gauss))
      assertClose(gaussianFilter1d(f, Number(s)), ref.gauss[s], 1e-13, 0, `gauss ${s}`);
  });

  it("maximinBaseline equals suite2p's gaussian → minimum → maximum filter recipe", function () {
    assertClose(maximinBaseline(f, { fs: 30 }), ref.maximin, 1e-13, 0, "maximin");
  });

  it("subtractNeuropil and deltaFOverF", function () {
    assertClose(subtractNeuropil(f, fneu, { r: 0.7 }), ref.neu, 1e-15, 0, "F − 0.7 Fneu");
    assert.equal(subtractNeuropil([10], [5])[0], 10 - 0.8 * 5);
    assertClose(deltaFOverF(f, percentileBaseline(f)), ref.dff, 1e-14, 0, "dF/F");
    assert.deepEqual(Array.from(deltaFOverF([2, 4, 6], 2)), [0, 1, 2]);
  });

  it("welch PSD and the PSD noise level match scipy.signal.welch and OASIS's GetSn formula", function () {
    const w = welch(f);
    assertClose(w.frequencies, ref.welch_f, 1e-15, 0, "frequencies");
    assertClose(w.psd, ref.welch_p, 1e-10, 0, "psd");
    assertClose(
      welch(f.subarray(0, 200), { fs: 30 }).psd,
      ref.welch_short,
      1e-10,
      0,
      "psd, non power-of-two segment",
    );
    for (const m of ["logmexp", "mean", "median"] as const) {
      const sn = noiseLevelPsd(f, { method: m });
      assert.ok(Math.abs(sn - ref.sn[m]) <= 1e-10 * ref.sn[m], `${m}: ${sn} vs ${ref.sn[m]}`);
    }
    // White noise of σ = 2 is recovered.
    const sn = noiseLevelPsd(randn(20000, 5, 2));
    assert.ok(Math.abs(sn - 2) < 0.05, `σ estimate ${sn}`);
  });

  it("rejects bad input naming the argument", function () {
    assert.throws(() => subtractNeuropil([1, 2], [1]), /f and fNeuropil must have the same length/);
    assert.throws(() => subtractNeuropil([1, NaN], [1, 2]), /f: sample 1 is NaN/);
    assert.throws(
      () => deltaFOverF([1, 2], [1, 0]),
      /f0: the baseline must be > 0 at every frame, but frame 1 has 0/,
    );
    assert.throws(() => deltaFOverF([1, 2], -3), /f0/);
    assert.throws(
      () => percentileFilter1d(f, 120, 5),
      /percentile: expected a value in \[0, 100\]/,
    );
    assert.throws(() => percentileFilter1d(f, 10, 0), /size: expected an integer/);
    assert.throws(() => percentileBaseline([]), /f: expected at least 1 sample/);
    assert.throws(() => maximinBaseline(f, { fs: -1 }), /fs: expected a finite number > 0/);
    assert.throws(() => noiseLevelPsd(f, { range: [0.3, 0.7] }), /range/);
    assert.throws(() => gaussianFilter1d(f, 0), /sigma/);
  });
});

describe("analysis/fluorescence/extractRoiTrace (chunked)", function () {
  const H = 37,
    W = 53,
    N = 230;
  const movie = new Uint16Array(N * H * W);
  const u = uniform(99);
  for (let i = 0; i < movie.length; i++) movie[i] = Math.floor(u() * 4000);
  const image = new Float32Array(H * W);
  for (let y = 5; y < 15; y++)
    for (let x = 20; x < 31; x++) image[y * W + x] = 0.5 + ((x + y) % 3) * 0.25;
  const px = { x: [3, 4, 5, 52], y: [0, 0, 1, 36], weight: [1, 2, 0.5, 1] };

  it("matches numpy's weighted mean over the whole movie while reading bounded chunks", async function () {
    const reads: Array<[number, number]> = [];
    const reader = async (start: number, count: number) => {
      reads.push([start, count]);
      return movie.subarray(start * H * W, (start + count) * H * W);
    };
    const [a, b] = await extractRoiTraces(reader, [{ image }, px], {
      nFrames: N,
      height: H,
      width: W,
      chunkFrames: 17,
    });
    assert.ok(reads.every(([, c]) => c <= 17));
    assert.equal(
      reads.reduce((s, [, c]) => s + c, 0),
      N,
      "every frame read exactly once",
    );
    const ref = runPython<{ a: number[]; b: number[] }>(
      `
m = np.array(inp["movie"], dtype=np.float64).reshape(${N}, ${H}, ${W})
img = np.array(inp["image"], dtype=np.float32).astype(np.float64).reshape(${H}, ${W})
a = (m * img).sum(axis=(1, 2)) / img.sum()
px = inp["px"]
w = np.array(px["weight"])
b = (m[:, px["y"], px["x"]] * w).sum(axis=1) / w.sum()
out = {"a": a, "b": b}
`,
      { movie, image, px },
    );
    assertClose(a, ref.a, 1e-12, 0, "image mask");
    assertClose(b, ref.b, 1e-12, 0, "pixel mask");
    const single = await extractRoiTrace(reader, { image }, { nFrames: N, height: H, width: W });
    assertClose(single, ref.a, 1e-12, 0, "default chunking");
  });

  it("rejects bad masks and short reads with clear errors", async function () {
    const reader = async (start: number, count: number) =>
      movie.subarray(start * H * W, (start + count) * H * W);
    await assert.rejects(
      extractRoiTrace(reader, { image: new Float32Array(10) }, { nFrames: N, height: H, width: W }),
      /masks\[0\]\.image: expected 37×53 = 1961 weights, got 10/,
    );
    await assert.rejects(
      extractRoiTrace(reader, { x: [60], y: [0] }, { nFrames: N, height: H, width: W }),
      /masks\[0\]: pixel 0 \(x=60, y=0\) is outside the 53×37 frame/,
    );
    await assert.rejects(
      extractRoiTrace(
        reader,
        { image: new Float32Array(H * W) },
        { nFrames: N, height: H, width: W },
      ),
      /no pixels with non-zero total weight/,
    );
    await assert.rejects(
      extractRoiTrace(
        async () => new Float32Array(3),
        { image },
        { nFrames: N, height: H, width: W },
      ),
      /read\(0, \d+\): expected/,
    );
    await assert.rejects(
      extractRoiTrace(reader, { image }, { nFrames: 0, height: H, width: W }),
      /nFrames/,
    );
  });
});

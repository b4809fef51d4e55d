// MinMax decimation checked against an independent numpy implementation of the same definition,
// and checked directly for what it promises: every pixel bucket's extremes survive.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { minMaxDecimate } from "../../kernel-ext/models/resampling/min-max-decimate.js";
import { BlockSummary } from "../../kernel-ext/models/resampling/block-summary.js";
import { sliceEvents, sliceLine } from "../../kernel-ext/models/resampling/lane-slice.js";
import {
  type TimeAxis,
  timeAt,
  windowIndices,
} from "../../kernel-ext/models/resampling/time-axis.js";
import { rng, runPython, tempDir } from "./support.js";

interface Case {
  name: string;
  values: Float32Array;
  axis: TimeAxis;
  t0: number;
  t1: number;
  pixels: number;
}

/** A noisy 40 kHz voltage-like trace with spikes, and NaN gaps when asked. */
function trace(n: number, seed: number, nanGaps: boolean): Float32Array {
  const r = rng(seed);
  const v = new Float32Array(n);
  let drift = 0;
  for (let i = 0; i < n; i++) {
    drift += (r() - 0.5) * 0.01;
    v[i] = drift + (r() - 0.5) * 0.2 + (r() < 0.001 ? 3 + r() * 2 : 0);
  }
  if (nanGaps) {
    for (let g = 0; g < 20; g++) {
      const at = Math.floor(r() * (n - 500));
      const len = 1 + Math.floor(r() * 400);
      v.fill(NaN, at, at + len);
    }
  }
  return v;
}

function irregularTimes(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const t = new Float64Array(n);
  let s = 12.5;
  for (let i = 0; i < n; i++) {
    t[i] = s;
    s += 0.001 + r() * 0.004;
  }
  return t;
}

const cases: Case[] = [
  {
    name: "whole 40 kHz trace at 1000 px",
    values: trace(400_000, 1, false),
    axis: { kind: "rate", start: 0, rate: 40_000 },
    t0: 0,
    t1: 10,
    pixels: 1000,
  },
  {
    name: "zoomed window, odd pixel count, offset start",
    values: trace(400_000, 2, false),
    axis: { kind: "rate", start: 3.25, rate: 40_000 },
    t0: 5.1234,
    t1: 7.777,
    pixels: 613,
  },
  {
    name: "NaN gaps",
    values: trace(300_000, 3, true),
    axis: { kind: "rate", start: 0, rate: 30_000 },
    t0: 0.5,
    t1: 9.5,
    pixels: 800,
  },
  {
    name: "irregular timestamps",
    values: trace(100_000, 4, true),
    axis: { kind: "timestamps", times: irregularTimes(100_000, 5) },
    t0: 20,
    t1: 200,
    pixels: 500,
  },
  {
    name: "window wider than the data",
    values: trace(50_000, 6, false),
    axis: { kind: "rate", start: 1, rate: 1000 },
    t0: -10,
    t1: 100,
    pixels: 300,
  },
  {
    name: "2 M samples, ~10,000 per bucket (block summary path)",
    values: trace(2_000_000, 7, true),
    axis: { kind: "rate", start: 0, rate: 40_000 },
    t0: 0.3,
    t1: 49.9,
    pixels: 197,
  },
];

describe("widgets: minMaxDecimate", () => {
  let expected: number[][];

  before(function () {
    this.timeout(180_000);
    const dir = tempDir("decimate");
    try {
      const spec = cases.map((c, k) => {
        const vf = join(dir.path, `v${k}.f32`);
        writeFileSync(vf, c.values);
        const base = { values: vf, t0: c.t0, t1: c.t1, pixels: c.pixels };
        if (c.axis.kind === "rate") return { ...base, start: c.axis.start, rate: c.axis.rate };
        const tf = join(dir.path, `t${k}.f64`);
        writeFileSync(tf, c.axis.times as Float64Array);
        return { ...base, timestamps: tf };
      });
      const sf = join(dir.path, "cases.json");
      writeFileSync(sf, JSON.stringify(spec));
      expected = runPython<number[][]>("min_max_decimate.py", [sf]);
    } finally {
      dir.remove();
    }
  });

  for (const [k, c] of cases.entries()) {
    it(`keeps the same samples as numpy: ${c.name}`, () => {
      const [i0, i1] = windowIndices(c.axis, c.values.length, c.t0, c.t1);
      const got = Array.from(minMaxDecimate(c.values, c.axis, i0, i1, c.t0, c.t1, c.pixels));
      assert.ok(
        expected[k]!.length > c.pixels,
        "the reference kept at least one sample per bucket",
      );
      assert.deepEqual(got, expected[k]);
    });

    it(`keeps the same samples with a block summary: ${c.name}`, () => {
      const [i0, i1] = windowIndices(c.axis, c.values.length, c.t0, c.t1);
      const got = Array.from(
        minMaxDecimate(c.values, c.axis, i0, i1, c.t0, c.t1, c.pixels, new BlockSummary(c.values)),
      );
      assert.deepEqual(got, expected[k]);
    });

    it(`preserves every bucket's min and max: ${c.name}`, () => {
      const [i0, i1] = windowIndices(c.axis, c.values.length, c.t0, c.t1);
      const kept = minMaxDecimate(c.values, c.axis, i0, i1, c.t0, c.t1, c.pixels);
      const bucketOf = (i: number) =>
        Math.min(c.pixels - 1, Math.floor(((timeAt(c.axis, i) - c.t0) * c.pixels) / (c.t1 - c.t0)));
      const full = new Map<number, [number, number]>();
      for (let i = i0; i < i1; i++) {
        const v = c.values[i]!;
        if (Number.isNaN(v)) continue;
        const b = bucketOf(i);
        const e = full.get(b) ?? [Infinity, -Infinity];
        full.set(b, [Math.min(e[0], v), Math.max(e[1], v)]);
      }
      const fromKept = new Map<number, [number, number]>();
      for (const i of kept) {
        const v = c.values[i]!;
        if (Number.isNaN(v)) continue;
        const b = bucketOf(i);
        const e = fromKept.get(b) ?? [Infinity, -Infinity];
        fromKept.set(b, [Math.min(e[0], v), Math.max(e[1], v)]);
      }
      assert.equal(fromKept.size, full.size);
      for (const [b, mm] of full) assert.deepEqual(fromKept.get(b), mm, `bucket ${b}`);
      assert.ok(kept.length <= 5 * c.pixels);
    });
  }

  it("keeps a NaN in each bucket that has one, so gaps stay visible", () => {
    const c = cases[2]!;
    const [i0, i1] = windowIndices(c.axis, c.values.length, c.t0, c.t1);
    const kept = minMaxDecimate(c.values, c.axis, i0, i1, c.t0, c.t1, c.pixels);
    const nanKept = Array.from(kept).filter((i) => Number.isNaN(c.values[i]!)).length;
    assert.ok(nanKept >= 20, `${nanKept} NaN markers for 20 gaps`);
  });

  it("rejects a window of zero width and zero pixels", () => {
    const v = new Float32Array(10);
    assert.throws(
      () => minMaxDecimate(v, { kind: "rate", start: 0, rate: 1 }, 0, 10, 3, 3, 10),
      /t1 > t0/,
    );
    assert.throws(
      () => minMaxDecimate(v, { kind: "rate", start: 0, rate: 1 }, 0, 10, 0, 9, 0),
      /pixels/,
    );
  });
});

describe("widgets: lane slices", () => {
  it("packs decimated times and values in one buffer, Float64 then Float32", () => {
    const c = cases[0]!;
    const s = sliceLine("raw", c.values, c.axis, 2, 4, 200);
    assert.equal(s.decimated, true);
    assert.equal(s.sourceCount, 80_001);
    assert.equal(s.data.byteLength, 12 * s.count);
    const u8 = s.data as Uint8Array;
    const times = new Float64Array(u8.buffer, u8.byteOffset, s.count);
    const vals = new Float32Array(u8.buffer, u8.byteOffset + 8 * s.count, s.count);
    const [i0, i1] = windowIndices(c.axis, c.values.length, 2, 4);
    const idx = minMaxDecimate(c.values, c.axis, i0, i1, 2, 4, 200);
    assert.deepEqual(
      Array.from(times),
      Array.from(idx, (i) => i / 40_000),
    );
    assert.deepEqual(
      Array.from(vals),
      Array.from(idx, (i) => c.values[i]!),
    );
  });

  it("scaling stored values after decimation equals decimating the scaled values, for negative gains too", () => {
    // int16-like stored values with ties, scaled by a negative gain (min and max swap roles).
    const r = rng(11);
    const stored = Float32Array.from({ length: 100_000 }, () => Math.round((r() - 0.5) * 200));
    stored.fill(NaN, 40_000, 40_100);
    const axis: TimeAxis = { kind: "rate", start: 5, rate: 20_000 };
    for (const [gain, offset] of [
      [-2.5e-8, 1e-3],
      [3e-6, -0.5],
      [-1, 0],
    ] as const) {
      const scaled = Float32Array.from(stored, (v) => v * gain + offset);
      for (const [t0, t1, pixels] of [
        [5, 10, 300],
        [6.1, 6.3, 97],
      ] as const) {
        const a = sliceLine(
          "x",
          stored,
          axis,
          t0,
          t1,
          pixels,
          gain,
          offset,
          new BlockSummary(stored),
        );
        const b = sliceLine("x", scaled, axis, t0, t1, pixels, 1, 0, new BlockSummary(scaled));
        assert.equal(a.decimated, true);
        assert.deepEqual(bytesOf(a.data), bytesOf(b.data), `gain ${gain}, window [${t0}, ${t1}]`);
      }
    }
  });

  it("sends full resolution, with one neighbour per side, when zoomed in", () => {
    const c = cases[0]!;
    const s = sliceLine("raw", c.values, c.axis, 1, 1.01, 500);
    assert.equal(s.decimated, false);
    assert.equal(s.sourceCount, 401);
    assert.equal(s.count, 403);
    const times = new Float64Array((s.data as Uint8Array).slice().buffer, 0, s.count);
    assert.ok(times[0]! < 1 && times[s.count - 1]! > 1.01);
  });

  it("returns an empty slice for a window with no samples", () => {
    const s = sliceLine(
      "raw",
      new Float32Array(0),
      { kind: "rate", start: 0, rate: 10 },
      0,
      1,
      100,
    );
    assert.equal(s.count, 0);
    assert.equal(s.data.byteLength, 0);
  });

  it("thins events to one per pixel when crowded, and keeps them all otherwise", () => {
    const times = Float64Array.from({ length: 10_000 }, (_, i) => i * 0.001);
    const dense = sliceEvents("spikes", times, 0, 10, 100);
    assert.equal(dense.decimated, true);
    assert.equal(dense.count, 100);
    const sparse = sliceEvents("spikes", times, 1, 1.05, 100);
    assert.equal(sparse.decimated, false);
    assert.equal(sparse.count, 51);
    assert.equal(sparse.sourceCount, 51);
  });
});

/** The bytes a slice carries (its `data` is typed as any ArrayBufferView). */
function bytesOf(v: ArrayBufferView): number[] {
  return Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
}

// scaleValues / channelMap: stored · conversion · channel_conversion[channel] + offset, for every
// layout a read can have (1-D, a channel axis kept, a channel selected away, dimensions after the
// channel axis), checked element by element against the definition written out.
import assert from "node:assert/strict";
import {
  channelMap,
  isIdentity,
  scaleValues,
  type ValueScaling,
} from "../../kernel-ext/nwb/value-scaling.js";

const scaling: ValueScaling = {
  conversion: 2,
  offset: -0.5,
  channelFactors: Float64Array.from([5e-8, -3, 0.25]),
};

describe("NWB reader: value scaling", () => {
  it("scales each channel of a (time, channel) block by its own factor", () => {
    const stored = Int16Array.from([1, 2, 3, 4, 5, 6]); // 2 samples × 3 channels
    const out = scaleValues(stored, [2, 3], scaling);
    const want = [
      1 * 2 * 5e-8 - 0.5,
      2 * 2 * -3 - 0.5,
      3 * 2 * 0.25 - 0.5,
      4 * 2 * 5e-8 - 0.5,
      5 * 2 * -3 - 0.5,
      6 * 2 * 0.25 - 0.5,
    ];
    assert.deepEqual(Array.from(out), want);
    assert.deepEqual(Array.from(stored), [1, 2, 3, 4, 5, 6], "input unchanged");
  });

  it("uses the selected channels' factors: a list along the kept axis, one index when the axis is dropped", () => {
    assert.deepEqual(
      Array.from(scaleValues(Float32Array.from([1, 1, 2, 2]), [2, 2], scaling, [2, 0])),
      [1 * 2 * 0.25 - 0.5, 1 * 2 * 5e-8 - 0.5, 2 * 2 * 0.25 - 0.5, 2 * 2 * 5e-8 - 0.5],
    );
    assert.deepEqual(Array.from(scaleValues(Int32Array.from([10, 20]), [2], scaling, 1)), [
      10 * 2 * -3 - 0.5,
      20 * 2 * -3 - 0.5,
    ]);
  });

  it("applies a channel's factor to every value after the channel axis (time, channel, sample)", () => {
    const stored = Float64Array.from({ length: 12 }, (_, i) => i); // 2 × 3 × 2
    const out = scaleValues(stored, [2, 3, 2], scaling);
    const f = scaling.channelFactors!;
    assert.deepEqual(
      Array.from(out),
      Array.from(stored, (v, i) => v * 2 * f[Math.floor(i / 2) % 3]! - 0.5),
    );
  });

  it("reads int64 values as numbers; returns Float64 values as they are under an identity scaling", () => {
    assert.deepEqual(
      Array.from(scaleValues(BigInt64Array.from([3n, -4n]), [2], { conversion: 0.5, offset: 1 })),
      [2.5, -1],
    );
    const f64 = Float64Array.from([1, 2]);
    assert.equal(
      scaleValues(f64, [2], { conversion: 1, offset: 0, channelFactors: Float64Array.from([1]) }),
      f64,
    );
    assert.notEqual(scaleValues(f64, [2], { conversion: 1, offset: 0.1 }), f64);
    assert.equal(
      isIdentity({ conversion: 1, offset: 0, channelFactors: Float64Array.from([1, 2]) }),
      false,
    );
  });

  it("gives one channel's linear map, and names a channel without a factor", () => {
    assert.deepEqual(channelMap(scaling, 1), { gain: -6, offset: -0.5 });
    assert.deepEqual(channelMap({ conversion: 3, offset: 1 }, 7), { gain: 3, offset: 1 });
    assert.throws(
      () => channelMap(scaling, 3),
      /channel 3 has no channel_conversion factor \(3 factors\)/,
    );
  });
});

// NWB scaling outside readWindow: the HTML repr's preview of small series data, and TwoPhotonSeries
// projections with a negative conversion (the maximum in the unit is the stored minimum), against
// numpy on the file test/widgets/reference/conformance.py writes.
import assert from "node:assert/strict";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import type { NWBFile } from "../../kernel-ext/nwb/neurodata/file/nwb-file.js";
import type { TwoPhotonSeries } from "../../kernel-ext/nwb/neurodata/ophys/two-photon-series.js";
import type { ElectricalSeries } from "../../kernel-ext/nwb/neurodata/ecephys/electrical-series.js";
import { mimeBundle } from "../../kernel-ext/display/mimebundle.js";
import { NWBError } from "../../kernel-ext/nwb/errors.js";
import { nwbWidget } from "../../kernel-ext/models/registry/view-registry.js";
import { runPython, tempDir } from "../widgets/support.js";

const close = (a: number, b: number, rtol: number) => Math.abs(a - b) <= rtol * Math.abs(b);

describe("NWB reader: scaled values in previews and projections", function () {
  this.timeout(120_000);
  const dir = tempDir("scaled-values");
  const file = join(dir.path, "scaled.nwb");
  let nwb: NWBFile;
  const reference = <T>(c: object): T => {
    const p = join(dir.path, "case.json");
    writeFileSync(p, JSON.stringify([c]));
    return runPython<T[]>("conformance.py", ["reference", p])[0]!;
  };
  before(async () => {
    runPython("conformance.py", ["write", dir.path]);
    nwb = await openNWB(file);
  });
  after(async () => {
    await nwb?.close();
    dir.remove();
  });

  it("the HTML repr previews a small ElectricalSeries' data in volts (conversion × channel_conversion + offset), with the stored values beside", async () => {
    const es = nwb.get("/acquisition/es_small") as ElectricalSeries;
    const expected = reference<number[]>({ kind: "values", file, path: es.path });
    const bundle = (es as unknown as { [mimeBundle](): Record<string, string> })[mimeBundle]();
    for (const mime of ["text/plain", "text/html"]) {
      const line = bundle[mime]!.split(mime === "text/html" ? "<li>" : "\n").find((l) =>
        /\bdata\b.*int16.*= \[/.test(l),
      );
      assert.ok(line, `${mime}: a line for data`);
      const m = line.match(/= \[([^\]]*)\] volts \(stored \[([^\]]*)\]\)/);
      assert.ok(m, `${mime}: "= [scaled] volts (stored [...])" in ${line}`);
      // The preview shows the first 8 of the 12 values (5 significant digits), then "… (12)".
      const items = m[1]!.split(", ");
      assert.equal(items.pop(), "… (12)");
      const shown = items.map(Number);
      assert.equal(shown.length, 8);
      shown.forEach((v, i) =>
        assert.ok(close(v, expected[i]!, 1e-4), `${mime}: value ${i}: ${v}, numpy ${expected[i]}`),
      );
      assert.deepEqual(m[2]!.split(", ").slice(0, 4).map(Number), [100, -200, 300, 400]);
    }
    // The reader's own path gives the same numbers in full precision.
    const w = await es.readAll();
    assert.ok(
      Array.from(w.data.data as Float64Array).every((v, i) => close(v, expected[i]!, 1e-12)),
    );
  });

  it("mean and max projections of a movie with conversion −0.5 and offset 100 equal numpy's in the unit", async () => {
    const movie = nwb.get("/acquisition/movie") as TwoPhotonSeries;
    const ref = reference<{ mean: number[]; max: number[]; min: number[] }>({
      kind: "roi",
      file,
      path: "/processing/ophys/ImageSegmentation/rois",
      movie: movie.path,
      stop: movie.frameCount,
      imageSize: [9, 7],
    });
    for (const kind of ["mean", "max"] as const) {
      const p = await movie.projection(kind, { chunkFrames: 5 });
      assert.deepEqual(p.shape, [9, 7]);
      p.data.forEach((v, i) =>
        assert.ok(
          close(v, ref[kind][i]!, 1e-12),
          `${kind} pixel ${i}: ${v}, numpy ${ref[kind][i]}`,
        ),
      );
    }
    // A raw projection stays in stored values: its max is the stored maximum, i.e. the pixel's
    // minimum in the unit mapped back (value = −0.5 · stored + 100).
    const raw = await movie.projection("max", { raw: true });
    raw.data.forEach((v, i) =>
      assert.ok(
        close(v, (100 - ref.min[i]!) / 0.5, 1e-12),
        `raw max pixel ${i}: ${v}, numpy ${(100 - ref.min[i]!) / 0.5}`,
      ),
    );
  });

  it("a channel_conversion of the wrong length is an error naming the file, the dataset and what was expected; the repr says so", async () => {
    const bad = join(dir.path, "bad_scaling.nwb");
    const f = await openNWB(bad);
    try {
      const es = f.get("/acquisition/es") as ElectricalSeries;
      const expected = (e: unknown) => {
        assert.ok(e instanceof NWBError, String(e));
        assert.equal(e.file, bad);
        assert.equal(e.path, "/acquisition/es/channel_conversion");
        assert.match(e.message, /one channel_conversion factor per channel of data \(3\), found 2/);
        return true;
      };
      await assert.rejects(es.readAll(), expected);
      await assert.rejects(nwbWidget(es), expected);
      // Stored values stay readable.
      assert.deepEqual(
        Array.from((await es.readAll({ raw: true })).data.data as Int16Array),
        Array.from({ length: 15 }, (_, i) => i),
      );
      const text = (es as unknown as { [mimeBundle](): Record<string, string> })[mimeBundle]()[
        "text/plain"
      ]!;
      assert.match(
        text,
        /data \(5, 3\) int16 = \[0, 1, 2, 3, 4, 5, 6, 7, … \(15\)\] \(stored; ⚠ channel_conversion has 2 factors for 3 channels\)/,
      );
    } finally {
      await f.close();
    }
  });
});

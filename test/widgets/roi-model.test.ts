// RoiModel: contours traced from pixel and image masks (areas checked against h5py pixel counts),
// bad masks, selection, image switching, the ROI ↔ trace link, and the SVG figure.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { openNWB } from "../../kernel-ext/nwb/open-nwb.js";
import { PlaneSegmentation } from "../../kernel-ext/nwb/neurodata/ophys/plane-segmentation.js";
import { roiViewOfPlaneSegmentation } from "../../kernel-ext/models/nwb/roi-from-nwb.js";
import { ringsArea } from "../../kernel-ext/models/roi/pixel-contours.js";
import { RoiModel } from "../../kernel-ext/models/roi/roi-model.js";
import { TraceModel } from "../../kernel-ext/models/trace/trace-model.js";
import type { RoiContours } from "../../contract/roi.js";
import { asFloat32, asUint32 } from "../../contract/typed-arrays.js";
import { renderRoiSvg } from "../../render/roi.js";
import { rng, runPython } from "./support.js";

const FIXTURE = fileURLToPath(
  new URL("../../data/nwb-fixtures/nwb-explorer/test_PlaneSegmentation.nwb", import.meta.url),
);
const PS_PATH = "/processing/plane_seg_test_module/ImageSegmentation/test_plane_seg_name";

/** Shoelace area of ROI i's rings. */
function roiArea(rois: RoiContours, i: number): number {
  const pts = asFloat32(rois.points);
  const rings = asUint32(rois.ringOffsets);
  const offs = asUint32(rois.roiOffsets);
  const flat: number[][] = [];
  for (let k = offs[i]!; k < offs[i + 1]!; k++)
    flat.push(Array.from(pts.subarray(2 * rings[k]!, 2 * rings[k + 1]!)));
  return ringsArea(flat);
}

/** Disk-shaped pixel masks; some reach past the image edge. */
function disks(count: number, size: number, seed: number): { rows: number[]; cols: number[] }[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    const cx = r() * size,
      cy = r() * size,
      rad = 1.5 + r() * 4;
    const rows: number[] = [],
      cols: number[] = [];
    for (let y = Math.floor(cy - rad); y <= cy + rad; y++)
      for (let x = Math.floor(cx - rad); x <= cx + rad; x++)
        if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= rad * rad) {
          rows.push(y);
          cols.push(x);
        }
    return { rows, cols };
  });
}

describe("widgets: RoiModel", () => {
  it("traces 10,000 ROIs; each outline encloses exactly the ROI's pixels inside the image", () => {
    const size = 512;
    const masks = disks(10_000, size, 3);
    const m = RoiModel.create({ masks, imageSize: [size, size] });
    try {
      const rois = m.state.rois;
      assert.equal(rois.ids.length, 10_000);
      assert.equal(asUint32(rois.roiOffsets).length, 10_001);
      for (let i = 0; i < masks.length; i += 97) {
        const mk = masks[i]!;
        const inside = mk.rows.filter(
          (y, k) => y >= 0 && y < size && mk.cols[k]! >= 0 && mk.cols[k]! < size,
        ).length;
        assert.equal(roiArea(rois, i), inside, `ROI ${i}`);
      }
      const svg = renderRoiSvg(m.state);
      const drawn = masks.filter((mk) =>
        mk.rows.some((y, k) => y >= 0 && y < size && mk.cols[k]! >= 0 && mk.cols[k]! < size),
      ).length;
      assert.equal((svg.match(/<path class="roi"/g) ?? []).length, drawn);
      assert.match(m.state.messages.join("\n"), /mask pixels outside the 512×512 image left out/);
    } finally {
      m.close();
    }
  });

  it("draws a single ROI, says which ROIs are empty or wholly outside the image", () => {
    const m = RoiModel.create({
      ids: [5, 6, 7],
      masks: [
        { rows: [1, 1, 2], cols: [1, 2, 1] },
        { rows: [40, 41], cols: [40, 40] },
        { rows: [], cols: [] },
      ],
      imageSize: [10, 10],
    });
    try {
      assert.deepEqual(m.state.messages, [
        "no mean or max image: ROI outlines only",
        "ROI 7: empty mask (not drawn)",
        "ROI 6: mask entirely outside the 10×10 image (not drawn)",
      ]);
      assert.equal(roiArea(m.state.rois, 0), 3);
      const svg = renderRoiSvg(m.state);
      assert.equal((svg.match(/<path class="roi"/g) ?? []).length, 1);
      assert.match(svg, /data-roi-id="5" d="M/);
      assert.match(svg, /ROI 6: mask entirely outside the 10×10 image \(not drawn\)/);
    } finally {
      m.close();
    }
  });

  it("keeps the selection as state, drops unknown ids, and highlights selected outlines", () => {
    const m = RoiModel.create({
      ids: [10, 20],
      masks: [
        { rows: [0], cols: [0] },
        { rows: [3], cols: [3] },
      ],
      imageSize: [4, 4],
    });
    try {
      m.select([20, 99]);
      assert.deepEqual(m.state.selected, [20]);
      const svg = renderRoiSvg(m.state);
      assert.match(svg, /<path class="roi selected" data-roi-id="20"/);
      assert.match(svg, /<path class="roi" data-roi-id="10"/);
    } finally {
      m.close();
    }
  });

  it("switches between mean and max images and resets the contrast", () => {
    const mean = {
      data: Float32Array.from({ length: 12 }, (_, i) => i),
      shape: [3, 4] as [number, number],
    };
    const max = {
      data: Float32Array.from({ length: 12 }, (_, i) => 100 + i),
      shape: [3, 4] as [number, number],
    };
    const m = RoiModel.create({
      masks: [{ rows: [0], cols: [0] }],
      images: { mean, max },
      colormap: "viridis",
      title: "<script>alert(1)</script>",
    });
    try {
      assert.deepEqual(m.state.imageKinds, ["mean", "max"]);
      assert.deepEqual(m.state.imageRange, [0, 11]);
      m.set({ imageKind: "max" });
      assert.deepEqual(m.state.imageRange, [100, 111]);
      assert.deepEqual(Array.from(m.state.image!.data as Float32Array), Array.from(max.data));
      assert.ok(m.state.contrast[0] >= 100 && m.state.contrast[1] <= 111);
      const svg = renderRoiSvg(m.state);
      assert.match(svg, /<image class="background"[^>]*href="data:image\/png;base64,iVBORw0KGgo/);
      assert.ok(!svg.includes("<script>") && svg.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
      assert.equal(renderRoiSvg(m.state), svg, "deterministic");
    } finally {
      m.close();
    }
  });

  it("reads a real PlaneSegmentation: ids, columns and outline areas match h5py", async function () {
    this.timeout(180_000);
    const ref = runPython<{ ids: number[]; pixels: number[] }>("roi_masks.py", [FIXTURE, PS_PATH]);
    const file = await openNWB(FIXTURE);
    try {
      const ps = file.ctx.find(PS_PATH);
      assert.ok(ps instanceof PlaneSegmentation);
      const m = await roiViewOfPlaneSegmentation(ps);
      try {
        assert.deepEqual(m.state.rois.ids, ref.ids);
        ref.pixels.forEach((count, i) =>
          assert.equal(roiArea(m.state.rois, i), count, `ROI ${ref.ids[i]}`),
        );
        assert.equal(m.state.source.neurodataType, "PlaneSegmentation");
        assert.ok(!m.state.columns.some((c) => c.name === "pixel_mask" || c.name === "image_mask"));
        // This fixture's pixel masks reach past its 5×5 image masks: say so, draw what is inside.
        assert.deepEqual(ref.pixels, [2, 0]);
        assert.ok(
          m.state.messages.includes("ROI 1: mask entirely outside the 5×5 image (not drawn)"),
        );
        assert.ok(m.state.messages.includes("ROI 0: mask pixels outside the 5×5 image left out"));
        assert.equal(
          (renderRoiSvg(m.state).match(/<path class="roi"/g) ?? []).length,
          ref.pixels.filter((p) => p > 0).length,
        );
      } finally {
        m.close();
      }
    } finally {
      await file.close();
    }
  });

  it("links to a TraceView: selecting ROIs adds their traces as lanes", async () => {
    const rois = RoiModel.create({
      ids: [1, 2, 3],
      masks: [
        { rows: [0], cols: [0] },
        { rows: [1], cols: [1] },
        { rows: [2], cols: [2] },
      ],
      imageSize: [3, 3],
    });
    const traces = await TraceModel.create([
      { id: "v", label: "voltage", values: new Float32Array(100).fill(1), rate: 10 },
    ]);
    try {
      await traces.linkRoiView(rois, (id) =>
        id === 3
          ? undefined
          : {
              label: `ROI ${id}`,
              unit: "ΔF/F",
              values: Float32Array.from({ length: 50 }, (_, i) => id * i),
              rate: 5,
            },
      );
      assert.equal(traces.state.roiView, `IPY_MODEL_${rois.modelId}`);
      assert.deepEqual(
        traces.state.lanes.map((l) => l.id),
        ["v"],
      );
      rois.select([2, 3]);
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(
        traces.state.lanes.map((l) => [l.id, l.roiId]),
        [
          ["v", null],
          ["roi:2", 2],
        ],
      );
      assert.deepEqual(traces.state.messages, ["no trace for ROI 3"]);
      rois.select([]);
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(
        traces.state.lanes.map((l) => l.id),
        ["v"],
      );
      assert.deepEqual(traces.state.messages, []);
    } finally {
      traces.close();
      rois.close();
    }
  });
});

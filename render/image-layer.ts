// An image (through a colour map and contrast) with ROI outlines on top, shared by RoiView and
// MovieView figures. The image is embedded as a PNG data: URI, so the SVG stands alone.
import type { Colormap, NdArray } from "../contract/common.js";
import type { RoiContours } from "../contract/roi.js";
import { asFloat32, asUint32, ndValues } from "../contract/typed-arrays.js";
import { applyColormap, colormapLut } from "./colormap.js";
import { base64, encodePngRgb } from "./png.js";
import { el, num, text } from "./svg.js";

export interface ImageLayerInput {
  image: NdArray | null;
  imageSize: [number, number];
  colormap: Colormap;
  contrast: [number, number];
  rois: RoiContours;
  selected: number[];
  showRois: boolean;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The largest box with the image's aspect ratio that fits in `box`. */
export function fitImage(imageSize: [number, number], box: Box): Box & { scale: number } {
  const [h, w] = imageSize;
  const scale = Math.min(box.width / Math.max(1, w), box.height / Math.max(1, h));
  return { x: box.x, y: box.y, width: w * scale, height: h * scale, scale };
}

/** The SVG path data of ROI i's rings, mapped into `at`. */
export function roiPath(
  rois: RoiContours,
  i: number,
  at: { x: number; y: number; scale: number },
): string {
  const points = asFloat32(rois.points);
  const rings = asUint32(rois.ringOffsets);
  const offs = asUint32(rois.roiOffsets);
  let d = "";
  for (let k = offs[i]!; k < offs[i + 1]!; k++) {
    for (let p = rings[k]!; p < rings[k + 1]!; p++) {
      d += `${p === rings[k] ? "M" : "L"}${num(at.x + points[2 * p]! * at.scale)},${num(at.y + points[2 * p + 1]! * at.scale)}`;
    }
    d += "Z";
  }
  return d;
}

export function drawImageLayer(
  input: ImageLayerInput,
  box: Box,
): { svg: string; placed: Box & { scale: number } } {
  const placed = fitImage(input.imageSize, box);
  const parts: string[] = [
    el("rect", {
      x: placed.x,
      y: placed.y,
      width: placed.width,
      height: placed.height,
      fill: "#000",
    }),
  ];
  if (input.image) {
    const [h, w] = input.image.shape as [number, number];
    const rgb = applyColormap(
      ndValues(input.image),
      input.contrast[0],
      input.contrast[1],
      input.colormap,
    );
    const png = encodePngRgb(w, h, rgb);
    parts.push(
      el("image", {
        class: "background",
        x: placed.x,
        y: placed.y,
        width: placed.width,
        height: placed.height,
        preserveAspectRatio: "none",
        style: "image-rendering:pixelated",
        "image-rendering": "optimizeSpeed",
        href: `data:image/png;base64,${base64(png)}`,
      }),
    );
  }
  if (input.showRois) {
    const selected = new Set(input.selected);
    const paths: string[] = [];
    const onTop: string[] = [];
    input.rois.ids.forEach((id, i) => {
      const d = roiPath(input.rois, i, placed);
      if (!d) return;
      const isSel = selected.has(id);
      const p = el("path", {
        class: isSel ? "roi selected" : "roi",
        "data-roi-id": String(id),
        d,
        fill: isSel ? "rgba(255,204,0,0.25)" : "none",
        "fill-rule": "evenodd",
        stroke: isSel ? "#ffcc00" : "#ff4d4d",
        "stroke-width": isSel ? 2 : 1,
      });
      (isSel ? onTop : paths).push(p);
    });
    parts.push(el("g", { class: "rois" }, ...paths, ...onTop));
  }
  return { svg: el("g", { class: "image-layer" }, ...parts), placed };
}

/** A vertical colour bar labelled with the contrast limits. */
export function colorbar(
  colormap: Colormap,
  contrast: [number, number],
  box: Box,
  idPrefix: string,
): string {
  const lut = colormapLut(colormap);
  const stops: string[] = [];
  for (let k = 0; k <= 8; k++) {
    const i = Math.round((k / 8) * 255);
    const hex = `#${[0, 1, 2].map((c) => lut[3 * i + c]!.toString(16).padStart(2, "0")).join("")}`;
    stops.push(el("stop", { offset: `${k * 12.5}%`, "stop-color": hex }));
  }
  const id = `${idPrefix}-colorbar`;
  return el(
    "g",
    { class: "colorbar" },
    el("linearGradient", { id, x1: "0", y1: "1", x2: "0", y2: "0" }, ...stops),
    el("rect", {
      x: box.x,
      y: box.y,
      width: box.width,
      height: box.height,
      fill: `url(#${id})`,
      stroke: "#333",
    }),
    text({ x: box.x + box.width + 4, y: box.y + 10 }, formatValue(contrast[1])),
    text({ x: box.x + box.width + 4, y: box.y + box.height }, formatValue(contrast[0])),
  );
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 0.01 || a >= 1e5)
    ? v.toExponential(2)
    : String(Math.round(v * 1000) / 1000);
}

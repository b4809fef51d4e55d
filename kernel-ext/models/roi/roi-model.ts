// The kernel half of RoiView: a mean/max image with colour map and contrast, ROI contours, per-ROI
// columns for hover, and the selection as synced state (a linked TraceView follows it).
import type { Colormap, NdArray } from "../../../contract/common.js";
import { COLORMAPS } from "../../../contract/common.js";
import type { ImageKind, RoiState } from "../../../contract/roi.js";
import { Widget } from "../../kernel/widget/widget.js";
import { defaultContrast, finiteRange } from "../image-stats.js";
import { widgetSpec } from "../spec.js";
import { buildContours, type RoiMask } from "./roi-contours.js";

/** A projection image, row-major [height, width]. */
export interface ImageInput {
  data: ArrayLike<number>;
  shape: [number, number];
}

export interface RoiViewInput {
  title?: string;
  source?: { path: string; neurodataType: string };
  /** ROI ids (default 0 … n−1). */
  ids?: number[];
  masks: RoiMask[];
  /** [height, width]; default: the image's shape, else the masks' extent. */
  imageSize?: [number, number];
  images?: Partial<Record<ImageKind, ImageInput>>;
  /** Per-ROI values shown on hover, by column name, in ROI order. */
  columns?: Record<string, ArrayLike<string | number | null | undefined>>;
  colormap?: Colormap;
  selected?: number[];
  messages?: string[];
}

function toNd(img: ImageInput): NdArray {
  const [h, w] = img.shape;
  if (img.data.length !== h * w)
    throw new RangeError(`RoiView image: ${img.data.length} values for shape [${h}, ${w}]`);
  return { dtype: "float32", shape: [h, w], data: Float32Array.from(img.data) };
}

export class RoiModel extends Widget<RoiState> {
  private readonly images: Partial<Record<ImageKind, NdArray>>;

  private constructor(state: RoiState, images: Partial<Record<ImageKind, NdArray>>) {
    super(widgetSpec("roi"), state);
    this.images = images;
    this.onChange((changed) => {
      if (changed.imageKind !== undefined) this.showImage(changed.imageKind);
      if (changed.selected !== undefined) this.checkSelection(changed.selected);
    });
  }

  static create(input: RoiViewInput): RoiModel {
    const n = input.masks.length;
    const ids = input.ids ?? Array.from({ length: n }, (_, i) => i);
    if (ids.length !== n) throw new RangeError(`RoiView: ${ids.length} ids for ${n} masks`);
    const images: Partial<Record<ImageKind, NdArray>> = {};
    for (const k of ["mean", "max"] as ImageKind[]) {
      const img = input.images?.[k];
      if (img) images[k] = toNd(img);
    }
    const kinds = (["mean", "max"] as ImageKind[]).filter((k) => images[k]);
    const messages = [...(input.messages ?? [])];
    const imageShape = kinds.length ? (images[kinds[0]!]!.shape as [number, number]) : undefined;
    let imageSize = input.imageSize ?? imageShape;
    if (!imageSize) {
      let h = 0,
        w = 0;
      for (const m of input.masks) {
        if ("dense" in m) {
          h = Math.max(h, m.shape[0]);
          w = Math.max(w, m.shape[1]);
        } else
          for (let k = 0; k < m.rows.length; k++) {
            h = Math.max(h, m.rows[k]! + 1);
            w = Math.max(w, m.cols[k]! + 1);
          }
      }
      imageSize = [Math.ceil(h), Math.ceil(w)];
    }
    if (imageShape && (imageShape[0] !== imageSize[0] || imageShape[1] !== imageSize[1])) {
      messages.push(
        `the image is ${imageShape[0]}×${imageShape[1]} but the imaging plane is ${imageSize[0]}×${imageSize[1]}; ROIs are placed on the plane`,
      );
    }
    if (!kinds.length) messages.push("no mean or max image: ROI outlines only");
    if (n === 0) messages.push("no ROIs");
    const { contours, messages: maskMessages } = buildContours(ids, input.masks, imageSize);
    messages.push(...maskMessages);

    const columns = Object.entries(input.columns ?? {}).map(([name, values]) => {
      if (values.length !== n)
        throw new RangeError(`RoiView column '${name}': ${values.length} values for ${n} ROIs`);
      return {
        name,
        values: Array.from(values, (v) =>
          v === undefined ? null : typeof v === "number" && !Number.isFinite(v) ? null : v,
        ),
      };
    });
    const colormap = input.colormap ?? "gray";
    if (!COLORMAPS.includes(colormap))
      throw new RangeError(
        `RoiView: unknown colormap '${colormap}'; expected one of ${COLORMAPS.join(", ")}`,
      );
    const kind = kinds[0] ?? "mean";
    const image = images[kind] ?? null;
    const known = new Set(ids);
    const selected = (input.selected ?? []).filter((id) => known.has(id));
    const state: RoiState = {
      title: input.title ?? "",
      source: input.source ?? { path: "", neurodataType: "" },
      messages,
      image,
      imageSize,
      imageKind: kind,
      imageKinds: kinds,
      imageRange: image ? (finiteRange(image.data as Float32Array) ?? [0, 1]) : [0, 1],
      contrast: image ? defaultContrast(image.data as Float32Array) : [0, 1],
      colormap,
      rois: contours,
      columns,
      selected,
    };
    return new RoiModel(state, images);
  }

  /** Selects ROIs by id (what clicking does in the view). */
  select(ids: number[]): void {
    this.set({ selected: [...ids] });
  }

  private showImage(kind: ImageKind): void {
    const image = this.images[kind];
    if (!image) {
      const messages = this.state.messages.filter(
        (m) => !m.startsWith("no ") || !m.includes("image to show"),
      );
      this.set({ messages: [...messages, `no ${kind} image to show`] });
      return;
    }
    this.set({
      image,
      imageRange: finiteRange(image.data as Float32Array) ?? [0, 1],
      contrast: defaultContrast(image.data as Float32Array),
      messages: this.state.messages.filter((m) => !m.endsWith("image to show")),
    });
  }

  private checkSelection(selected: number[]): void {
    const known = new Set(this.state.rois.ids);
    const kept = selected.filter((id) => known.has(id));
    if (kept.length !== selected.length) this.set({ selected: kept });
  }
}

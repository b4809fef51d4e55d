// An image drawn on a canvas through a colour map, with ROI outlines on an SVG overlay scaled to
// the same pixels. Shared by RoiView (a projection) and MovieView (the current frame).
import type { Colormap } from "../../../../contract/common";
import type { RoiContours } from "../../../../contract/roi";
import { h, svgEl } from "../../base/dom";
import { colorize, isCoded, type Pixels } from "./colormap";
import { roiOutlines } from "./contours";

export interface ImagePaneEvents {
  onHover?(roiIndex: number | null, e: MouseEvent): void;
  onClick?(roiIndex: number, e: MouseEvent): void;
}

export class ImagePane {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly overlay: SVGSVGElement;
  private readonly roiGroup: SVGGElement;
  private scale = 1;
  private size: [number, number] = [1, 1];
  private image: { pixels: Pixels; height: number; width: number } | null = null;
  /** The canvas's pixels, reused while the size stays (a movie repaints one per frame). */
  private imageData: ImageData | undefined;
  private colormap: Colormap = "gray";
  private contrast: [number, number] = [0, 1];
  private paths: SVGPathElement[] = [];
  private selected = new Set<number>();
  ids: number[] = [];

  constructor(
    private readonly maxSize: number,
    events: ImagePaneEvents = {},
  ) {
    this.canvas = h("canvas", { class: "tsnwb-image" });
    this.canvas.style.imageRendering = "pixelated";
    this.overlay = svgEl("svg", { class: "tsnwb-roi-overlay" });
    this.roiGroup = svgEl("g", { class: "tsnwb-rois", "fill-rule": "evenodd" });
    this.overlay.appendChild(this.roiGroup);
    this.element = h("div", { class: "tsnwb-canvas-stack tsnwb-image-pane" }, [
      this.canvas,
      this.overlay,
    ]);
    const roiIndex = (e: Event): number | null => {
      const idx = (e.target as Element).getAttribute?.("data-index");
      return idx === null || idx === undefined ? null : Number(idx);
    };
    this.overlay.addEventListener("mousemove", (e) => events.onHover?.(roiIndex(e), e));
    this.overlay.addEventListener("mouseleave", (e) => events.onHover?.(null, e));
    this.overlay.addEventListener("click", (e) => {
      const i = roiIndex(e);
      if (i !== null) events.onClick?.(i, e);
    });
  }

  /** [height, width] of the imaging plane; sets the on-screen scale. */
  setSize(size: [number, number]): void {
    const [hgt, wid] = [Math.max(1, size[0]), Math.max(1, size[1])];
    this.size = [hgt, wid];
    this.scale = Math.min(12, this.maxSize / Math.max(hgt, wid));
    const W = Math.round(wid * this.scale);
    const H = Math.round(hgt * this.scale);
    this.element.style.width = `${W}px`;
    this.element.style.height = `${H}px`;
    this.canvas.style.width = `${W}px`;
    this.canvas.style.height = `${H}px`;
    this.overlay.setAttribute("width", String(W));
    this.overlay.setAttribute("height", String(H));
    this.overlay.setAttribute("viewBox", `0 0 ${wid} ${hgt}`);
    this.overlay.setAttribute("preserveAspectRatio", "none");
    // outlines 1 screen pixel wide whatever the zoom (the overlay is in image pixels)
    this.roiGroup.style.setProperty("--tsnwb-px", String(1 / this.scale));
  }

  setImage(pixels: Pixels | null, height: number, width: number): void {
    const count = pixels ? (isCoded(pixels) ? pixels.codes.length : pixels.length) : 0;
    if (pixels && count !== height * width)
      throw new Error(`tsnwb: an image of ${height}×${width} pixels came with ${count} values`);
    this.image = pixels ? { pixels, height, width } : null;
    this.schedulePaint();
  }

  setDisplay(colormap: Colormap, contrast: [number, number]): void {
    this.colormap = colormap;
    this.contrast = contrast;
    this.schedulePaint();
  }

  /** Image and display often change together (first draw, a new frame): paint once for both. */
  private paintQueued = false;
  private schedulePaint(): void {
    if (this.paintQueued) return;
    this.paintQueued = true;
    queueMicrotask(() => {
      this.paintQueued = false;
      this.paint();
    });
  }

  private paint(): void {
    const img = this.image;
    const [hgt, wid] = img ? [img.height, img.width] : this.size;
    // setting a canvas's size reallocates and clears it, even to the same size: only on change
    if (this.canvas.width !== wid) this.canvas.width = wid;
    if (this.canvas.height !== hgt) this.canvas.height = hgt;
    const ctx = this.canvas.getContext("2d")!;
    if (!img) {
      ctx.fillStyle = "#111";
      ctx.fillRect(0, 0, wid, hgt);
      return;
    }
    const [lo, hi] = this.contrast;
    this.imageData = colorize(img.pixels, wid, hgt, lo, hi, this.colormap, this.imageData);
    ctx.putImageData(this.imageData, 0, 0);
  }

  setRois(rois: RoiContours | null): void {
    const outlines = roiOutlines(rois);
    this.ids = outlines.map((o) => o.id);
    this.selected = new Set();
    // Styling lives on the group and in the stylesheet (.tsnwb-roi / .tsnwb-selected), so each of
    // thousands of paths carries only its geometry and ids.
    this.paths = outlines.map((o, i) =>
      svgEl("path", { d: o.d, class: "tsnwb-roi", "data-index": i, "data-roi-id": o.id }),
    );
    this.roiGroup.replaceChildren(...this.paths);
    this.element.dataset.roiCount = String(outlines.filter((o) => o.d).length);
  }

  setRoisVisible(visible: boolean): void {
    this.roiGroup.style.display = visible ? "" : "none";
  }

  setSelected(selected: number[]): void {
    const next = new Set(selected);
    this.paths.forEach((p, i) => {
      const id = this.ids[i];
      if (next.has(id) !== this.selected.has(id))
        p.classList.toggle("tsnwb-selected", next.has(id));
    });
    this.selected = next;
  }
}

// Colour map and contrast controls for an image view: a select plus low/high sliders spanning the
// image's value range. Changes go to the caller (which syncs them as state).
import { COLORMAPS, type Colormap } from "../../../../contract/common";
import { fmt, h } from "../../base/dom";

export class ImageControls {
  readonly element: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly low: HTMLInputElement;
  private readonly high: HTMLInputElement;
  private readonly label: HTMLElement;
  private range: [number, number] = [0, 1];

  constructor(onChange: (colormap: Colormap, contrast: [number, number], final: boolean) => void) {
    this.select = h("select", { class: "tsnwb-colormap" });
    for (const c of COLORMAPS)
      this.select.appendChild(h("option", { text: c, attrs: { value: c } }));
    const slider = (cls: string) =>
      h("input", { class: cls, attrs: { type: "range", min: "0", max: "1000", step: "1" } });
    this.low = slider("tsnwb-contrast-low");
    this.high = slider("tsnwb-contrast-high");
    this.label = h("span", { class: "tsnwb-contrast-label" });
    const emit = (final: boolean) => {
      let [lo, hi] = [this.value(this.low), this.value(this.high)];
      if (lo > hi) [lo, hi] = [hi, lo];
      this.label.textContent = `${fmt(lo)} – ${fmt(hi)}`;
      onChange(this.select.value as Colormap, [lo, hi], final);
    };
    this.select.addEventListener("change", () => emit(true));
    for (const s of [this.low, this.high]) {
      s.addEventListener("input", () => emit(false));
      s.addEventListener("change", () => emit(true));
    }
    this.element = h("span", { class: "tsnwb-image-controls" }, [
      h("label", { text: "colour map " }, [this.select]),
      h("label", { text: " contrast " }, [this.low, this.high]),
      this.label,
    ]);
  }

  private value(s: HTMLInputElement): number {
    const [a, b] = this.range;
    return a + ((b - a) * Number(s.value)) / 1000;
  }

  private position(v: number): string {
    const [a, b] = this.range;
    return String(b > a ? Math.round(((v - a) / (b - a)) * 1000) : 0);
  }

  set(colormap: Colormap, contrast: [number, number], range: [number, number]): void {
    this.range = [Math.min(range[0], contrast[0]), Math.max(range[1], contrast[1])];
    this.select.value = colormap;
    this.low.value = this.position(contrast[0]);
    this.high.value = this.position(contrast[1]);
    this.label.textContent = `${fmt(contrast[0])} – ${fmt(contrast[1])}`;
  }
}

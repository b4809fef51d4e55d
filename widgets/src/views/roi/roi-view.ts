// RoiView: the mean/max image with colour map and contrast, ROI outlines; hovering an ROI shows its
// id and table columns, clicking toggles it in the synced `selected` state (a linked TraceView,
// kernel side, then shows the selected ROIs' traces).
import type { RoiState } from "../../../../contract/roi";
import { fmt, h } from "../../base/dom";
import { TsnwbView } from "../../base/tsnwb-view";
import { ImageFigure } from "../image/image-figure";

export class RoiView extends TsnwbView<RoiState> {
  protected readonly kind = "roi";
  private figure!: ImageFigure;
  private kindSelect!: HTMLSelectElement;
  private readout!: HTMLElement;

  protected build(): void {
    this.figure = new ImageFigure(
      560,
      (colormap, contrast) => this.setState({ colormap, contrast }),
      {
        onHover: (i, e) => this.hover(i, e),
        onClick: (i) => this.toggle(i),
      },
    );
    this.kindSelect = h("select", { class: "tsnwb-image-kind" });
    this.kindSelect.addEventListener("change", () =>
      this.setState({ imageKind: this.kindSelect.value as RoiState["imageKind"] }),
    );
    this.toolbar.append(
      h("label", { text: "image " }, [this.kindSelect]),
      this.figure.controls.element,
    );
    this.readout = h("div", { class: "tsnwb-readout" });
    this.body.append(this.figure.pane.element, this.readout);
  }

  protected draw(changed: Set<keyof RoiState>): void {
    if (changed.has("imageSize") || changed.has("image")) {
      this.figure.pane.setSize(this.get("imageSize"));
      this.showingErrors(() => this.figure.showImage(this.get("image")));
    }
    if (changed.has("imageKinds") || changed.has("imageKind")) {
      const kinds = this.get("imageKinds") ?? [];
      this.kindSelect.replaceChildren(
        ...kinds.map((k) => h("option", { text: k, attrs: { value: k } })),
      );
      this.kindSelect.value = this.get("imageKind");
      this.kindSelect.disabled = kinds.length < 2;
    }
    if (changed.has("colormap") || changed.has("contrast") || changed.has("imageRange")) {
      this.figure.showDisplay(this.get("colormap"), this.get("contrast"), this.get("imageRange"));
    }
    if (changed.has("rois")) this.showingErrors(() => this.figure.showRois(this.get("rois")));
    if (changed.has("rois") || changed.has("selected")) {
      const selected = this.get("selected") ?? [];
      this.figure.pane.setSelected(selected);
      this.el.dataset.selected = selected.join(",");
      const n = this.figure.pane.ids.length;
      this.setStatus(
        `${n.toLocaleString()} ROI${n === 1 ? "" : "s"} · ${selected.length} selected (click an outline to select it)`,
      );
    }
  }

  private hover(index: number | null, e: MouseEvent): void {
    if (index === null) {
      this.readout.style.display = "none";
      return;
    }
    const lines = [`ROI ${this.figure.pane.ids[index]}`];
    for (const c of this.get("columns") ?? []) {
      const v = c.values[index];
      lines.push(
        `${c.name}: ${typeof v === "number" ? fmt(v) : v === null || v === undefined ? "—" : String(v)}`,
      );
    }
    this.readout.textContent = lines.join("\n");
    const host = this.body.getBoundingClientRect();
    this.readout.style.left = `${e.clientX - host.left + 14}px`;
    this.readout.style.top = `${e.clientY - host.top + 14}px`;
    this.readout.style.display = "block";
  }

  private toggle(index: number): void {
    const id = this.figure.pane.ids[index];
    const selected = this.get("selected") ?? [];
    this.setState({
      selected: selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id],
    });
  }
}

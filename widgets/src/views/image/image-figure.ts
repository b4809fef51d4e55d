// What RoiView and MovieView share: the image pane with its colour map and contrast controls, and
// how the state's image, display settings and ROI outlines reach them. A control moved by the user
// repaints at once; the choice is handed to the view to sync when the gesture ends.
import type { Colormap, NdArray } from "../../../../contract/common";
import type { RoiContours } from "../../../../contract/roi";
import { ndValues } from "../../../../contract/typed-arrays";
import { ImageControls } from "./image-controls";
import { ImagePane, type ImagePaneEvents } from "./image-pane";

export class ImageFigure {
  readonly pane: ImagePane;
  readonly controls: ImageControls;

  constructor(
    maxSize: number,
    onDisplayChosen: (colormap: Colormap, contrast: [number, number]) => void,
    events: ImagePaneEvents = {},
  ) {
    this.pane = new ImagePane(maxSize, events);
    this.controls = new ImageControls((colormap, contrast, final) => {
      this.pane.setDisplay(colormap, contrast);
      if (final) onDisplayChosen(colormap, contrast);
    });
  }

  /** The image of an NdArray (null: none). Throws when its buffer does not hold its shape. */
  showImage(image: NdArray | null): void {
    if (!image) return this.pane.setImage(null, 0, 0);
    this.pane.setImage(ndValues(image), image.shape[0]!, image.shape[1]!);
  }

  /** Colour map and contrast from state, the contrast sliders spanning `range`. */
  showDisplay(colormap: Colormap, contrast: [number, number], range: [number, number]): void {
    this.controls.set(colormap, contrast, range);
    this.pane.setDisplay(colormap, contrast);
  }

  /** ROI outlines from state. Throws when the contour buffers disagree with each other. */
  showRois(rois: RoiContours | null): void {
    this.pane.setRois(rois);
  }
}

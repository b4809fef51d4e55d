// NWB ImageSegmentation: ROI segmentations of imaging planes, as PlaneSegmentation children.
import { MultiContainerInterface } from "../base/multi-container-interface.js";
import type { NamedObjects } from "../../named-objects.js";
import type { PlaneSegmentation } from "./plane-segmentation.js";

export class ImageSegmentation extends MultiContainerInterface<PlaneSegmentation> {
  get planeSegmentations(): NamedObjects<PlaneSegmentation> {
    return this.itemsOf("PlaneSegmentation");
  }
}

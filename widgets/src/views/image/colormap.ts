// The image through a colour map, as canvas ImageData. The mapping is the figure renderer's
// (render/colormap.ts), so the screen and a saved figure show the same colours.
import type { Colormap } from "../../../../contract/common";
import { applyColormap } from "../../../../render/colormap";

/** Values (row-major, width × height) mapped from [lo, hi] onto the colour map, clamped. */
export function colorize(
  values: ArrayLike<number>,
  width: number,
  height: number,
  lo: number,
  hi: number,
  name: Colormap,
): ImageData {
  const rgb = applyColormap(values, lo, hi, name);
  const out = new ImageData(width, height);
  const px = out.data;
  for (let i = 0, n = width * height; i < n; i++) {
    px[4 * i] = rgb[3 * i];
    px[4 * i + 1] = rgb[3 * i + 1];
    px[4 * i + 2] = rgb[3 * i + 2];
    px[4 * i + 3] = 255;
  }
  return out;
}

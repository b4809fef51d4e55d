// The image through a colour map, as canvas ImageData. The mapping is the figure renderer's
// (render/colormap.ts), so the screen and a saved figure show the same colours.
import type { Colormap } from "../../../../contract/common";
import { colormapLut } from "../../../../render/colormap";

/** The colour map's 256 entries as opaque RGBA packed in the platform's byte order, so one
 *  32-bit store writes a pixel (a frame is repainted at playback rate). */
function rgbaLut(name: Colormap): Uint32Array {
  const rgb = colormapLut(name);
  const bytes = new Uint8Array(256 * 4);
  for (let k = 0; k < 256; k++) {
    bytes.set(rgb.subarray(3 * k, 3 * k + 3), 4 * k);
    bytes[4 * k + 3] = 255;
  }
  return new Uint32Array(bytes.buffer);
}

const luts = new Map<Colormap, Uint32Array>();
/** Opaque black in the same packing (NaN pixels). */
const BLACK = new Uint32Array(new Uint8Array([0, 0, 0, 255]).buffer)[0]!;

/** Values (row-major, width × height) mapped from [lo, hi] onto the colour map, clamped; NaN → black. */
export function colorize(
  values: ArrayLike<number>,
  width: number,
  height: number,
  lo: number,
  hi: number,
  name: Colormap,
): ImageData {
  let lut = luts.get(name);
  if (!lut) luts.set(name, (lut = rgbaLut(name)));
  const out = new ImageData(width, height);
  const px = new Uint32Array(out.data.buffer);
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  for (let i = 0, n = width * height; i < n; i++) {
    const v = values[i]!;
    if (v !== v) {
      px[i] = BLACK;
      continue;
    }
    let k = Math.round((v - lo) * scale);
    k = k < 0 ? 0 : k > 255 ? 255 : k;
    px[i] = lut[k]!;
  }
  return out;
}

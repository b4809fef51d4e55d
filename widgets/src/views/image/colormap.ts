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

/** Pixels as a frame travels: Uint16 codes q standing for `scale[0] + q · scale[1]`. Coloured
 *  through a table of every code, without decoding them to Float32 first. */
export interface CodedPixels {
  codes: Uint16Array;
  scale: [number, number];
}

export type Pixels = ArrayLike<number> | CodedPixels;

export const isCoded = (p: Pixels): p is CodedPixels => "codes" in p;

/** Pixels (row-major, width × height) mapped from [lo, hi] onto the colour map, clamped; NaN →
 *  black. Written into `out` when it has this size (a movie repaints one every frame). */
export function colorize(
  pixels: Pixels,
  width: number,
  height: number,
  lo: number,
  hi: number,
  name: Colormap,
  out?: ImageData,
): ImageData {
  const lut = luts.get(name) ?? rgbaLut(name);
  luts.set(name, lut);
  const image = out?.width === width && out.height === height ? out : new ImageData(width, height);
  const px = new Uint32Array(image.data.buffer);
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  const colourOf = (v: number): number => {
    if (v !== v) return BLACK;
    const k = Math.round((v - lo) * scale);
    return lut[k < 0 ? 0 : k > 255 ? 255 : k]!;
  };
  const n = width * height;
  if (isCoded(pixels)) {
    const table = codeTable(pixels.scale, colourOf);
    const codes = pixels.codes;
    for (let i = 0; i < n; i++) px[i] = table[codes[i]!]!;
  } else {
    for (let i = 0; i < n; i++) px[i] = colourOf(pixels[i]!);
  }
  return image;
}

const codeColours = new Uint32Array(65536);
/** The colour of every Uint16 code; each value rounded to Float32 first, as a decoded frame holds
 *  it, so a coded frame paints exactly like its decoded pixels. */
function codeTable([offset, step]: [number, number], colourOf: (v: number) => number): Uint32Array {
  for (let q = 0; q < 65536; q++) codeColours[q] = colourOf(Math.fround(offset + q * step));
  return codeColours;
}

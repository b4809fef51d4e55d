// Colour maps as 256-entry RGB lookup tables, and images mapped through them.
import {
  interpolateCividis,
  interpolateInferno,
  interpolateMagma,
  interpolatePlasma,
  interpolateViridis,
} from "d3-scale-chromatic";
import type { Colormap } from "../contract/common.js";

const INTERPOLATORS: Partial<Record<Colormap, (t: number) => string>> = {
  viridis: interpolateViridis,
  magma: interpolateMagma,
  inferno: interpolateInferno,
  plasma: interpolatePlasma,
  cividis: interpolateCividis,
};

function parseColor(c: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgb\(\s*(\d+),\s*(\d+),\s*(\d+)\s*\)$/.exec(c);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`colormap: cannot parse colour ${c}`);
}

const cache = new Map<Colormap, Uint8Array>();

/** 256 × RGB. */
export function colormapLut(name: Colormap): Uint8Array {
  const hit = cache.get(name);
  if (hit) return hit;
  const lut = new Uint8Array(256 * 3);
  const interp = INTERPOLATORS[name];
  for (let i = 0; i < 256; i++) {
    let rgb: [number, number, number];
    if (interp) rgb = parseColor(interp(i / 255));
    else if (name === "greens") rgb = [0, i, Math.round(i * 0.4)];
    else if (name === "gray") rgb = [i, i, i];
    else throw new Error(`colormap: unknown colour map '${String(name)}'`);
    lut.set(rgb, i * 3);
  }
  cache.set(name, lut);
  return lut;
}

/** RGB bytes of `values` (row-major) mapped linearly from [lo, hi] onto the colour map; NaN → black. */
export function applyColormap(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  name: Colormap,
): Uint8Array {
  const lut = colormapLut(name);
  const out = new Uint8Array(values.length * 3);
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    let k = Math.round((v - lo) * scale);
    k = k < 0 ? 0 : k > 255 ? 255 : k;
    out[3 * i] = lut[3 * k]!;
    out[3 * i + 1] = lut[3 * k + 1]!;
    out[3 * i + 2] = lut[3 * k + 2]!;
  }
  return out;
}

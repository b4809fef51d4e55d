// SVG → PNG without a browser: resvg compiled to WebAssembly (shipped inside the npm package, no
// download at install), with DejaVu Sans loaded from the dejavu-fonts-ttf package so text renders
// the same on every machine (no system fonts are consulted).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initWasm, Resvg } from "@resvg/resvg-wasm";

const require = createRequire(import.meta.url);
let ready: Promise<void> | undefined;
let fonts: Uint8Array[] | undefined;

function init(): Promise<void> {
  ready ??= initWasm(readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
  fonts ??= ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map(
    (f) => new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${f}`))),
  );
  return ready;
}

/** PNG bytes of an SVG document at `scale` × its own size. */
export async function svgToPng(
  svg: string,
  scale = 1,
): Promise<{ png: Uint8Array; width: number; height: number }> {
  await init();
  const r = new Resvg(svg, {
    font: { fontBuffers: fonts!, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    fitTo: scale === 1 ? { mode: "original" } : { mode: "zoom", value: scale },
    background: "#ffffff",
  });
  try {
    const img = r.render();
    try {
      return { png: img.asPng(), width: img.width, height: img.height };
    } finally {
      img.free();
    }
  } finally {
    r.free();
  }
}

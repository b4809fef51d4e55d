// Rows of a heat map drawn as one image (CouplingView's events, AlignedView's trials) that a click
// cannot miss: rows share the image's height evenly and may be about a pixel tall, while a click
// lands on a whole pixel. Shared by the browser and JupyterLab suites.

/** Every row whose span holds a whole pixel, with that pixel's y: `top` and `height` of the image
 *  on the page, `count` rows. */
export function clickableRows(
  top: number,
  height: number,
  count: number,
): { row: number; y: number }[] {
  const rowH = height / count;
  const out: { row: number; y: number }[] = [];
  for (let row = 0; row < count; row++) {
    const y = Math.round(top + (row + 0.5) * rowH);
    if (y - 0.5 >= top + row * rowH && y + 0.5 <= top + (row + 1) * rowH) out.push({ row, y });
  }
  return out;
}

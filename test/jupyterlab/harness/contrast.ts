// WCAG 2 contrast of CSS colours as getComputedStyle reports them ("rgb(…)" / "rgba(…)"): a
// translucent foreground (JupyterLab's dark theme greys are white at 54–87 % opacity) is first
// composited over the background it is drawn on.

type Rgba = [number, number, number, number];

function parseColor(css: string): Rgba {
  const parts = (css.match(/[\d.]+/g) ?? []).map(Number);
  if (parts.length < 3) throw new Error(`not an rgb()/rgba() colour: ${css}`);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

/** `fg` drawn over the opaque `bg`. */
function over(fg: Rgba, bg: Rgba): Rgba {
  const a = fg[3];
  return [0, 1, 2].map((i) => fg[i]! * a + bg[i]! * (1 - a)).concat(1) as Rgba;
}

function relativeLuminance([r, g, b]: Rgba): number {
  const [lr, lg, lb] = [r, g, b].map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
}

/** WCAG contrast ratio of colour `fg` drawn on the opaque colour `bg` (1 to 21). */
export function contrastRatio(fg: string, bg: string): number {
  const back = parseColor(bg);
  const [hi, lo] = [relativeLuminance(over(parseColor(fg), back)), relativeLuminance(back)].sort(
    (x, y) => y - x,
  );
  return (hi! + 0.05) / (lo! + 0.05);
}

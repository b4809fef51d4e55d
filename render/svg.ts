// Building SVG as text: escaping, number formatting and elements. Every renderer goes through
// these, so figures are deterministic (same state → same bytes) and text from files is never markup.

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
  );
}

/** A coordinate with at most two decimals and no trailing zeros ("12.5", "-3", "0"). */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`svg: non-finite coordinate ${x}`);
  const s = (Math.round(x * 100) / 100).toFixed(2);
  const t = s.replace(/\.?0+$/, "");
  return t === "-0" ? "0" : t;
}

export type Attrs = Record<string, string | number | undefined>;

function attrText(attrs: Attrs): string {
  let s = "";
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    s += ` ${k}="${typeof v === "number" ? num(v) : escapeXml(v)}"`;
  }
  return s;
}

/** An element with children given as already-built SVG text. */
export function el(name: string, attrs: Attrs, ...children: string[]): string {
  const inner = children.join("");
  return inner ? `<${name}${attrText(attrs)}>${inner}</${name}>` : `<${name}${attrText(attrs)}/>`;
}

/** A text element; `content` is escaped (it may come from a file). */
export function text(attrs: Attrs, content: string): string {
  return `<text${attrText(attrs)}>${escapeXml(content)}</text>`;
}

export const FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif";

/** The root element with a white background. */
export function svgDocument(width: number, height: number, body: string, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${num(width)}" height="${num(height)}" ` +
    `viewBox="0 0 ${num(width)} ${num(height)}" font-family="${FONT_FAMILY}" font-size="11">` +
    `<title>${escapeXml(title)}</title>` +
    `<rect width="${num(width)}" height="${num(height)}" fill="#ffffff"/>` +
    body +
    `</svg>\n`
  );
}

/** Messages ("what is missing") printed under a figure, one line each. Returns SVG and the height used. */
export function messageLines(
  messages: string[],
  x: number,
  y: number,
): { svg: string; height: number } {
  const lineHeight = 14;
  const lines = messages.map((m, i) =>
    text({ x, y: y + (i + 1) * lineHeight - 3, fill: "#a33", class: "message" }, m),
  );
  return {
    svg: lines.length ? el("g", { class: "messages" }, ...lines) : "",
    height: lines.length * lineHeight,
  };
}

// Jupyter counts cursor positions in Unicode code points (protocol 5.2); JavaScript strings and
// TypeScript count UTF-16 units. They differ after any character outside the BMP (emoji, 𝜏).

export function utf16Offset(text: string, codePoints: number): number {
  let units = 0;
  for (let seen = 0; seen < codePoints && units < text.length; seen++) {
    units += (text.codePointAt(units) ?? 0) > 0xffff ? 2 : 1;
  }
  return units;
}

export function codePointOffset(text: string, units: number): number {
  let codePoints = 0;
  for (let i = 0; i < units && i < text.length; codePoints++) {
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  }
  return codePoints;
}

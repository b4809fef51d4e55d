// Text inserted into a cell before tslab compiles it, and the way back: positions in the compiled
// text (tslab's diagnostics) are mapped to the cell the user wrote. Insertions hold no newlines.

export interface Insertion {
  /** Offset in the original text. */
  at: number;
  text: string;
}

export function applyInsertions(text: string, insertions: readonly Insertion[]): string {
  let out = "";
  let from = 0;
  for (const { at, text: inserted } of sorted(insertions)) {
    out += text.slice(from, at) + inserted;
    from = at;
  }
  return out + text.slice(from);
}

/** The original offset of an offset in the rewritten text (inside an insertion: where it was inserted). */
export function originalOffset(insertions: readonly Insertion[], rewritten: number): number {
  let shift = 0;
  for (const { at, text } of sorted(insertions)) {
    if (rewritten < at + shift) break;
    if (rewritten < at + shift + text.length) return at;
    shift += text.length;
  }
  return rewritten - shift;
}

/** Zero-based line and character of an offset. */
export function lineAndCharacter(
  text: string,
  offset: number,
): { line: number; character: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length - 1, character: offset - lineStart };
}

function sorted(insertions: readonly Insertion[]): Insertion[] {
  return [...insertions].sort((a, b) => a.at - b.at);
}

// "Did you mean …?" for a name that is not there: the existing names closest to it, so an error
// about a mistyped object, column or container entry says what to type instead.

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function editDistance(a: string, b: string): number {
  const s = a.toLowerCase(),
    t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      row.push(
        Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1)),
      );
    }
    prev = row;
  }
  return prev[t.length];
}

/**
 * Up to `max` of `candidates` close to `name`, closest first: names differing in case only, names
 * containing it (or contained in it), then names within an edit distance of about a third of
 * their length.
 */
export function closestNames(name: string, candidates: readonly string[], max = 3): string[] {
  const lower = name.toLowerCase();
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    let score: number;
    if (cl === lower) score = 0;
    else if (lower.length >= 2 && (cl.includes(lower) || lower.includes(cl)))
      score = 1 + Math.abs(cl.length - lower.length) / 1000;
    else {
      const d = editDistance(name, c);
      if (d > Math.max(2, Math.ceil(Math.max(name.length, c.length) / 3))) continue;
      score = 2 + d;
    }
    scored.push([c, score]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([c]) => c);
}

/**
 * "did you mean A or B? (columns: …)" — the closest of `candidates` (and `extra` suggestions,
 * e.g. close member names), then the list under `label`; only the list when nothing is close.
 */
export function didYouMean(
  name: string,
  candidates: readonly string[],
  label: string,
  extra: readonly string[] = [],
): string {
  const close = [...closestNames(name, candidates), ...extra];
  const listed =
    candidates.length > 12
      ? `${candidates.slice(0, 12).join(", ")}, … (${candidates.length} in all)`
      : candidates.join(", ");
  const names = `${label}: ${candidates.length ? listed : "none"}`;
  if (!close.length) return names;
  const options =
    close.length > 1 ? `${close.slice(0, -1).join(", ")} or ${close[close.length - 1]}` : close[0];
  return `did you mean ${options}? (${names})`;
}

/** Public member names of `obj` (methods and getters along its prototype chain, own fields). */
function memberNames(obj: object): string[] {
  const out = new Set<string>();
  for (
    let p: object | null = obj;
    p && p !== Object.prototype && p !== Map.prototype;
    p = Object.getPrototypeOf(p)
  ) {
    for (const k of Object.getOwnPropertyNames(p))
      if (k !== "constructor" && !k.startsWith("_")) out.add(k);
  }
  for (const k of Object.getOwnPropertyNames(Map.prototype))
    if (obj instanceof Map && k !== "constructor") out.add(k);
  return [...out];
}

/** Members of `obj` close to `name` (a mistyped method or property, e.g. `spikeTime` for `spikeTimes`). */
export function closestMembers(obj: object, name: string): string[] {
  return closestNames(name, memberNames(obj)).filter((m) => m !== name);
}

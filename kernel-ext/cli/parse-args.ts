// One option parser for every command, so that every command treats its arguments the same way:
// `--name value` and `--name=value`, `--` ends the options, and an unknown or misspelled option
// or a missing value is a UsageError that names the closest known option.
import { didYouMean } from "./did-you-mean.js";
import { UsageError } from "./usage-error.js";

export interface OptionSpec {
  /** Long name with its dashes, e.g. "--out". */
  name: string;
  /** Other spellings, e.g. ["-o"]. */
  aliases?: string[];
  /** Takes a value (the word after it, or after `=`). */
  value?: boolean;
}

export class ParsedArgs {
  constructor(
    /** Values per option name (the spec's `name`), in the order given; a flag's value is "". */
    readonly values: Map<string, string[]>,
    readonly positional: string[],
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The last value given for `name`. */
  get(name: string): string | undefined {
    const all = this.values.get(name);
    return all?.[all.length - 1];
  }

  all(name: string): string[] {
    return this.values.get(name) ?? [];
  }
}

/** Whether `word` looks like an option rather than a value (a negative number is a value). */
const looksLikeOption = (word: string) =>
  word.startsWith("-") && word !== "-" && !/^-\d/.test(word);

export function parseArgs(args: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map<string, OptionSpec>();
  for (const spec of specs)
    for (const n of [spec.name, ...(spec.aliases ?? [])]) byName.set(n, spec);
  const known = specs.map((s) => s.name);
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!looksLikeOption(arg)) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = byName.get(flag);
    if (!spec) throw new UsageError(`unknown option '${flag}'${didYouMean(flag, known)}`);
    let value = "";
    if (spec.value) {
      const next = eq > 0 ? arg.slice(eq + 1) : args[i + 1];
      if (next === undefined || next === "" || (eq < 0 && looksLikeOption(next)))
        throw new UsageError(`${spec.name} needs a value`);
      if (eq < 0) i++;
      value = next;
    } else if (eq > 0) {
      throw new UsageError(`${spec.name} takes no value (got '${arg}')`);
    }
    values.set(spec.name, [...(values.get(spec.name) ?? []), value]);
  }
  return new ParsedArgs(values, positional);
}

/** A number option's value, checked: finite, above `min` (or ≥ with `inclusive`), whole if asked. */
export function numberOption(
  flag: string,
  text: string,
  expect: { integer?: boolean; min?: number; inclusive?: boolean } = {},
): number {
  const min = expect.min ?? 0;
  const n = Number(text);
  const ok =
    text.trim() !== "" &&
    Number.isFinite(n) &&
    (expect.inclusive ? n >= min : n > min) &&
    (!expect.integer || Number.isInteger(n));
  if (!ok) {
    const what = expect.integer ? "integer" : "number";
    const bound =
      min === 0 && !expect.inclusive
        ? `a positive ${what}`
        : `${expect.integer ? "a whole number" : "a number"} ${expect.inclusive ? "≥" : ">"} ${min}`;
    throw new UsageError(`${flag} needs ${bound}, got ${text}`);
  }
  return n;
}

/** A value from a fixed set, or a UsageError listing the set (and the closest member). */
export function choiceOption<T extends string>(
  flag: string,
  text: string,
  choices: readonly T[],
): T {
  const found = choices.find((c) => c.toLowerCase() === text.toLowerCase());
  if (found) return found;
  throw new UsageError(
    `${flag} must be one of ${choices.join(", ")}, got '${text}'${didYouMean(text, choices)}`,
  );
}

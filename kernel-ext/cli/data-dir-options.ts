// The options `tsnwb install` and `tsnwb uninstall` share: where the kernelspec goes, and its name.
import type { DataDirChoice } from "../kernel/kernelspec.js";
import { parseArgs, type OptionSpec } from "./parse-args.js";
import { UsageError } from "./usage-error.js";

export interface DataDirOptions {
  choice: DataDirChoice;
  name?: string;
  displayName?: string;
}

const LOCATION: OptionSpec[] = [
  { name: "--user" },
  { name: "--sys-prefix" },
  { name: "--prefix", value: true },
  { name: "--name", value: true },
];

export function parseDataDirOptions(args: string[], allowDisplayName: boolean): DataDirOptions {
  const parsed = parseArgs(
    args,
    allowDisplayName ? [...LOCATION, { name: "--display-name", value: true }] : LOCATION,
  );
  if (parsed.positional.length)
    throw new UsageError(`unexpected argument '${parsed.positional[0]}'`);
  const chosen = ["--user", "--sys-prefix", "--prefix"].filter((o) => parsed.has(o));
  if (chosen.length > 1) throw new UsageError("choose one of --user, --sys-prefix, --prefix DIR");
  const out: DataDirOptions = { choice: { kind: "user" } };
  if (parsed.has("--sys-prefix")) out.choice = { kind: "sys-prefix" };
  const prefix = parsed.get("--prefix");
  if (prefix !== undefined) out.choice = { kind: "prefix", prefix };
  out.name = parsed.get("--name");
  if (out.name !== undefined && !/^[A-Za-z0-9._-]+$/.test(out.name))
    throw new UsageError(`--name '${out.name}' may only contain letters, digits, '.', '_' and '-'`);
  out.displayName = parsed.get("--display-name");
  return out;
}

// The options `tsnwb install` and `tsnwb uninstall` share: where the kernelspec goes, and its name.
import type { DataDirChoice } from "./kernelspec.js";

export interface DataDirOptions {
  choice: DataDirChoice;
  name?: string;
  displayName?: string;
}

export function parseDataDirOptions(args: string[], command: string, allowDisplayName: boolean): DataDirOptions {
  const out: DataDirOptions = { choice: { kind: "user" } };
  let chosen = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === "") throw new Error(`tsnwb ${command}: ${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--user":
        out.choice = { kind: "user" };
        chosen++;
        break;
      case "--sys-prefix":
        out.choice = { kind: "sys-prefix" };
        chosen++;
        break;
      case "--prefix":
        out.choice = { kind: "prefix", prefix: value() };
        chosen++;
        break;
      case "--name":
        out.name = value();
        if (!/^[A-Za-z0-9._-]+$/.test(out.name)) throw new Error(`tsnwb ${command}: --name '${out.name}' may only contain letters, digits, '.', '_' and '-'`);
        break;
      case "--display-name":
        if (!allowDisplayName) throw new Error(`tsnwb ${command}: unknown option '${flag}'`);
        out.displayName = value();
        break;
      default:
        throw new Error(`tsnwb ${command}: unknown option '${arg}'`);
    }
  }
  if (chosen > 1) throw new Error(`tsnwb ${command}: choose one of --user, --sys-prefix, --prefix DIR`);
  return out;
}

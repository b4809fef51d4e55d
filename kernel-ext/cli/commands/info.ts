// `tsnwb info FILE [--json]`: what an NWB file holds — one line per typed group/dataset.
import type { Command } from "../main.js";
import { parseArgs } from "../parse-args.js";
import { UsageError } from "../usage-error.js";
import { openNWB } from "../../nwb/open-nwb.js";
import { hdf5Failures, setHdf5Diagnostics } from "../../nwb/h5/hdf5-guard.js";
import type { NWBObjectEntry } from "../../nwb/neurodata/file/nwb-file.js";

const usage = `usage: tsnwb info FILE [--json] [--verbose]

Prints the NWB version, identifier and session description of FILE and a tree of its typed
objects (neurodata type, shape and dtype of data, sampling rate, unit). The file is opened
read-only.

--json  print {nwb_version, identifier, session_description, objects: [{path, neurodata_type,
        namespace, shape?, dtype?, rate?, unit?}]}, one entry per typed group/dataset (a stable
        contract for scripts).
--verbose  also print HDF5's own diagnostic stack when the file cannot be read.`;

/** One typed object in `--json`: an NWBObjectEntry with the contract's snake_case names. */
export type InfoJsonEntry = Omit<NWBObjectEntry, "neurodataType"> & { neurodata_type: string };

/** What `tsnwb info --json` prints. */
export interface InfoJson {
  nwb_version: string;
  identifier: string | null;
  session_description: string | null;
  objects: InfoJsonEntry[];
}

function describe(e: NWBObjectEntry): string {
  const parts = [`<${e.neurodataType}>`];
  if (e.shape) parts.push(`(${e.shape.join(", ")})${e.dtype ? ` ${e.dtype}` : ""}`);
  if (e.rate !== undefined) parts.push(`${e.rate} Hz`);
  if (e.unit !== undefined) parts.push(`[${e.unit}]`);
  return parts.join(" ");
}

/** Typed objects as an indented tree: each entry under its nearest typed ancestor. */
export function infoTree(objects: NWBObjectEntry[]): string[] {
  const lines: string[] = [];
  const stack: string[] = [];
  for (const e of objects) {
    if (e.path === "/") continue;
    while (stack.length && !e.path.startsWith(`${stack[stack.length - 1]}/`)) stack.pop();
    const parent = stack.length ? stack[stack.length - 1] : "";
    const label = parent ? e.path.slice(parent.length + 1) : e.path;
    lines.push(`${"  ".repeat(stack.length)}${label} ${describe(e)}`);
    stack.push(e.path);
  }
  return lines;
}

export const command: Command = {
  summary: "show the NWB version, session and typed objects of an NWB file",
  usage,
  async run(args) {
    const parsed = parseArgs(args, [{ name: "--json" }, { name: "--verbose" }]);
    const json = parsed.has("--json");
    setHdf5Diagnostics(parsed.has("--verbose"));
    const files = parsed.positional;
    if (files.length !== 1)
      throw new UsageError(
        files.length
          ? `expected one FILE, got ${files.length}: ${files.join(" ")}`
          : "FILE is required",
      );
    // HDF5 crashing or hanging anywhere on this file fails the command, even where the reader
    // carried on (a display field read as unavailable): never exit 0 with partial output.
    const failures = hdf5Failures();
    let nwb;
    try {
      nwb = await openNWB(files[0]);
    } catch (e) {
      console.error(`tsnwb info: ${(e as Error).message}`);
      return 1;
    }
    try {
      const objects = nwb.objects();
      let text: string;
      if (json) {
        const out: InfoJson = {
          nwb_version: nwb.nwbVersion,
          identifier: nwb.identifier ?? null,
          session_description: nwb.sessionDescription ?? null,
          // The JSON contract is snake_case throughout (as h5py/pynwb users read it).
          objects: objects.map(({ path, neurodataType, ...rest }) => ({
            path,
            neurodata_type: neurodataType,
            ...rest,
          })),
        };
        text = `${JSON.stringify(out, null, 2)}\n`;
      } else {
        const lines = [
          `${files[0]}`,
          `NWB ${nwb.nwbVersion}  identifier: ${nwb.identifier ?? "—"}`,
          `session: ${nwb.sessionDescription ?? "—"}`,
          ...(nwb.sessionStartTime ? [`start: ${nwb.sessionStartTime}`] : []),
          "",
          ...infoTree(objects),
        ];
        text = `${lines.join("\n")}\n`;
      }
      if (hdf5Failures() !== failures) {
        console.error(
          `tsnwb info: ${files[0]}: HDF5 stopped while reading the file (corrupt HDF5 metadata); nothing printed`,
        );
        return 1;
      }
      process.stdout.write(text);
      return 0;
    } catch (e) {
      console.error(`tsnwb info: ${(e as Error).message}`);
      return 1;
    } finally {
      await nwb.close();
    }
  },
};

// Extracellular-ephys metadata: ElectrodeGroups and the electrodes DynamicTable.
import type { ElectrodeDescription, ElectrodeGroupDescription } from "./description.js";
import { ObjectRef, dataset, link, put, type H5GroupNode } from "./h5tree.js";
import { idColumn, typeAttrs, typedGroup, type BuildContext } from "./neurodata.js";
import { NWBWriteError } from "./timeseries.js";

const EPHYS = "/general/extracellular_ephys";

export function electrodeGroup(
  ctx: BuildContext,
  eg: ElectrodeGroupDescription,
  where: string,
  devices: Set<string>,
): H5GroupNode {
  if (!devices.has(eg.device))
    throw new NWBWriteError(
      `${where}.device`,
      `the name of a device of this file, found '${eg.device}'`,
    );
  const g = typedGroup(ctx, `${EPHYS}/${eg.name}`, "core", "ElectrodeGroup", {
    description: eg.description,
    location: eg.location,
  });
  put(g, "device", link(`/general/devices/${eg.device}`));
  return g;
}

export function electrodesTable(
  ctx: BuildContext,
  rows: ElectrodeDescription[],
  groups: Set<string>,
): H5GroupNode {
  const path = `${EPHYS}/electrodes`;
  rows.forEach((r, i) => {
    if (!groups.has(r.group))
      throw new NWBWriteError(
        `electrodes[${i}].group`,
        `the name of an electrode group of this file, found '${r.group}'`,
      );
  });
  const t = typedGroup(ctx, path, "hdmf-common", "DynamicTable", {
    description: "metadata about extracellular electrodes",
    colnames: ["x", "y", "z", "imp", "location", "filtering", "group", "group_name"],
  });
  const column = (
    name: string,
    value: Float64Array | string[] | ObjectRef[],
    description: string,
  ) => {
    const d = put(t, name, dataset(value));
    d.attrs = { ...typeAttrs(ctx, `${path}/${name}`, "hdmf-common", "VectorData"), description };
  };
  const num = (pick: (r: ElectrodeDescription) => number | undefined) =>
    Float64Array.from(rows, (r) => pick(r) ?? NaN);
  column(
    "x",
    num((r) => r.x),
    "x coordinate of the channel location in the brain (+x is posterior)",
  );
  column(
    "y",
    num((r) => r.y),
    "y coordinate of the channel location in the brain (+y is inferior)",
  );
  column(
    "z",
    num((r) => r.z),
    "z coordinate of the channel location in the brain (+z is right)",
  );
  column(
    "imp",
    num((r) => r.imp),
    "the impedance of the channel",
  );
  column(
    "location",
    rows.map((r) => r.location),
    "the location of channel within the subject e.g. brain region",
  );
  column(
    "filtering",
    rows.map((r) => r.filtering ?? "none"),
    "description of hardware filtering",
  );
  column(
    "group",
    rows.map((r) => new ObjectRef(`${EPHYS}/${r.group}`)),
    "a reference to the ElectrodeGroup this electrode is a part of",
  );
  column(
    "group_name",
    rows.map((r) => r.group),
    "the name of the ElectrodeGroup this electrode is a part of",
  );
  put(t, "id", idColumn(ctx, path, rows.length));
  return t;
}

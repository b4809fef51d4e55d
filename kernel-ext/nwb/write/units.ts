// The Units table: ragged spike_times (+ spike_times_index) and optional per-unit columns.
import type { UnitsDescription } from "./description.js";
import { ObjectRef, dataset, put, type H5GroupNode } from "./h5tree.js";
import {
  idColumn,
  numericDataset,
  raggedIndex,
  typeAttrs,
  typedGroup,
  type BuildContext,
} from "./neurodata.js";
import { NWBWriteError } from "./timeseries.js";

export function unitsTable(ctx: BuildContext, u: UnitsDescription): H5GroupNode {
  const path = "/units";
  const n = u.spikeTimes.length;
  const cols = u.columns ?? [];
  cols.forEach((c, i) => {
    if (c.values.length !== n)
      throw new NWBWriteError(
        `units.columns[${i}].values`,
        `${n} values (one per unit), found ${c.values.length}`,
      );
  });
  const t = typedGroup(ctx, path, "core", "Units", {
    description: u.description ?? "units",
    colnames: ["spike_times", ...cols.map((c) => c.name)],
  });
  const total = u.spikeTimes.reduce((a, s) => a + s.length, 0);
  const all = new Float64Array(total);
  let o = 0;
  for (const s of u.spikeTimes) {
    all.set(s, o);
    o += s.length;
  }
  const st = put(t, "spike_times", numericDataset(all));
  st.attrs = {
    ...typeAttrs(ctx, `${path}/spike_times`, "hdmf-common", "VectorData"),
    description: "the spike times for each unit (s)",
  };
  const idx = put(t, "spike_times_index", dataset(raggedIndex(u.spikeTimes.map((s) => s.length))));
  idx.attrs = {
    ...typeAttrs(ctx, `${path}/spike_times_index`, "hdmf-common", "VectorIndex"),
    description: "index into the spike_times dataset",
    target: new ObjectRef(`${path}/spike_times`),
  };
  for (const c of cols) {
    const d = put(t, c.name, dataset(c.values));
    d.attrs = {
      ...typeAttrs(ctx, `${path}/${c.name}`, "hdmf-common", "VectorData"),
      description: c.description,
    };
  }
  put(t, "id", idColumn(ctx, path, n));
  return t;
}

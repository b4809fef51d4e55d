// openNWB: opens an NWB 2.x file read-only, checks its version, reads its type hierarchy and
// small datasets, and returns the typed NWBFile. Data stays on disk until read.
import { NWBContext } from "./context.js";
import { NWBError } from "./errors.js";
import { openLocalH5 } from "./h5/local.js";
import { findH5Opener } from "./h5/openers.js";
// The remote backend registers its opener here, so URLs and DANDI references work wherever openNWB is imported.
import "./remote/register-opener.js";
import type { H5DatasetMeta, H5GroupMeta, H5ReadResult, H5Source } from "./h5/source.js";
import { TypeHierarchy } from "./type-hierarchy/type-hierarchy.js";
import { createObject } from "./registry.js";
import { NWBFile } from "./neurodata/file/nwb-file.js";
import { sizeOf } from "./ndarray.js";

export interface OpenNWBOptions {
  /** Datasets with at most this many elements are read at open, so their values are synchronous. Default 64. */
  smallDatasetElements?: number;
  /** Local files: milliseconds an HDF5 metadata call may take before the file is reported corrupt (default 10 000). */
  hdf5DeadlineMs?: number;
  /** Anything else is passed to the backend's opener (e.g. remote progress/cache settings). */
  [option: string]: unknown;
}

/**
 * Opens `source`: a local path, an URL or reference object a registered backend accepts (the remote
 * backend: https://…, s3://…, a DANDI asset API URL or {dandiset, path, version?}), or an H5Source.
 */
export async function openNWB(
  source: string | H5Source | object,
  options: OpenNWBOptions = {},
): Promise<NWBFile> {
  let h5: H5Source;
  if (typeof source === "string" || !("readDataset" in source)) {
    const opener = findH5Opener(source);
    if (!opener && typeof source !== "string")
      throw new TypeError(
        "openNWB: expected a path, an URL, a source reference a registered backend accepts, or an H5Source",
      );
    h5 = opener ? await opener.open(source, options) : await openLocalH5(source as string, options);
  } else {
    h5 = source as H5Source;
  }
  try {
    await checkVersion(h5);
    const prefetched = await readSmallDatasets(h5, options.smallDatasetElements ?? 64);
    const types = readTypeHierarchy(h5, prefetched);
    const ctx = new NWBContext(h5, types, prefetched, createObject);
    const root = ctx.find("/");
    if (!(root instanceof NWBFile))
      throw new NWBError(h5.meta.name, "/", "the root group to be an NWBFile");
    return root;
  } catch (e) {
    await h5.close();
    throw e;
  }
}

function textOf(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && typeof v[0] === "string") return v[0];
  return undefined;
}

/** NWB 2.x has a root `nwb_version` attribute; NWB 1.x a root `nwb_version` dataset. */
async function checkVersion(h5: H5Source): Promise<void> {
  const root = h5.meta.root;
  const file = h5.meta.name;
  const attr = textOf(root.attrs.nwb_version?.value);
  if (attr !== undefined) {
    const v = attr.replace(/^NWB-/, "");
    if (/^1\./.test(v))
      throw new NWBError(file, "/", `NWB 1.x is not supported (found ${v}); expected NWB 2.x`);
    if (!/^2\./.test(v))
      throw new NWBError(
        file,
        "/",
        `an NWB 2.x version in the 'nwb_version' attribute, found '${attr}'`,
      );
    return;
  }
  if (root.children.nwb_version?.kind === "dataset") {
    let found = "an NWB 1.x 'nwb_version' dataset";
    try {
      const text = textOf((await h5.readDataset("/nwb_version")).values);
      if (text) found = text.replace(/^NWB-/, "");
    } catch {
      // keep the generic description
    }
    throw new NWBError(
      file,
      "/nwb_version",
      `NWB 1.x is not supported (found ${found}); expected NWB 2.x`,
    );
  }
  throw new NWBError(
    file,
    "/",
    "not an NWB file: the root group has no 'nwb_version' attribute (expected NWB 2.x)",
  );
}

async function readSmallDatasets(
  h5: H5Source,
  maxElements: number,
): Promise<Map<string, H5ReadResult>> {
  const out = new Map<string, H5ReadResult>();
  const small: H5DatasetMeta[] = [];
  const visit = (g: H5GroupMeta): void => {
    for (const c of Object.values(g.children)) {
      if (c.kind === "group") visit(c);
      else if (
        c.kind === "dataset" &&
        (sizeOf(c.shape) <= maxElements ||
          (c.path.startsWith("/specifications/") && c.shape.length === 0))
      )
        small.push(c);
    }
  };
  visit(h5.meta.root);
  if (h5.prefetch) return h5.prefetch(small.map((d) => d.path));
  for (const d of small) {
    try {
      out.set(d.path, await h5.readDataset(d.path));
    } catch (e) {
      // Unreadable small datasets stay lazy: reading them later reports the error with its path;
      // but when HDF5 itself stopped on this file, nothing else can be read and the open fails.
      if (e instanceof NWBError && e.fileUnusable) throw e;
    }
  }
  return out;
}

function readTypeHierarchy(h5: H5Source, prefetched: Map<string, H5ReadResult>): TypeHierarchy {
  const types = new TypeHierarchy();
  const specs = h5.meta.root.children.specifications;
  if (specs?.kind !== "group") return types;
  for (const [ns, nsGroup] of Object.entries(specs.children)) {
    if (nsGroup.kind !== "group") continue;
    // Every cached version contributes; later versions (sorted) override earlier ones.
    const versions = Object.keys(nsGroup.children).sort((a, b) =>
      a.localeCompare(b, "en", { numeric: true }),
    );
    for (const ver of versions) {
      const vg = nsGroup.children[ver];
      if (vg.kind !== "group") continue;
      for (const [src, ds] of Object.entries(vg.children)) {
        if (src === "namespace" || ds.kind !== "dataset") continue;
        const text = textOf(prefetched.get(ds.path)?.values);
        if (text) types.addSpecSource(ns, text);
      }
    }
  }
  return types;
}

// Builds the whole HDF5 tree of an NWBFile from an `NWBFileDescription`.
import type {
  DataInterfaceDescription,
  FluorescenceDescription,
  ImageSegmentationDescription,
  NWBFileDescription,
  ProcessingModuleDescription,
} from "./description.js";
import { electrodeGroup, electrodesTable } from "./ecephys.js";
import { ObjectRef, dataset, ensureGroup, group, put, scalar, type H5GroupNode } from "./h5tree.js";
import { isoDate, typeAttrs, typedGroup, type BuildContext } from "./neurodata.js";
import { imagingPlane, images, planeSegmentation, roiCount } from "./ophys.js";
import { CACHED_NAMESPACES, NWB_VERSION } from "./spec.js";
import {
  NWBWriteError,
  electricalSeries,
  roiResponseSeries,
  timeSeriesGroup,
  twoPhotonSeries,
} from "./timeseries.js";
import { unitsTable } from "./units.js";

const NAME = /^[^/]+$/;

function checkName(name: string, where: string): void {
  if (!NAME.test(name) || name === "." || name === "..")
    throw new NWBWriteError(where, `a name without '/', found '${name}'`);
}

function uniqueNames(
  items: { name?: string }[] | undefined,
  where: string,
  fallback: (i: number) => string,
): Set<string> {
  const names = new Set<string>();
  (items ?? []).forEach((it, i) => {
    const n = it.name ?? fallback(i);
    checkName(n, `${where}[${i}].name`);
    if (names.has(n))
      throw new NWBWriteError(`${where}[${i}].name`, `a unique name, '${n}' is used twice`);
    names.add(n);
  });
  return names;
}

interface Known {
  devices: Set<string>;
  planes: Set<string>;
  electrodeCount: number;
}

function interfaceName(di: DataInterfaceDescription): string {
  if ("name" in di && di.name !== undefined) return di.name;
  return di.type; // Fluorescence, DfOverF, ImageSegmentation default to their type name, as in pynwb
}

function addInterfaces(
  ctx: BuildContext,
  parent: H5GroupNode,
  parentPath: string,
  list: DataInterfaceDescription[],
  where: string,
  known: Known,
): void {
  uniqueNames(
    list.map((di) => ({ name: interfaceName(di) })),
    where,
    () => "",
  );
  // Segmentations first: response series refer to their tables.
  const segmentations = list.filter(
    (di): di is ImageSegmentationDescription => di.type === "ImageSegmentation",
  );
  const rows = new Map<string, number>();
  for (const seg of segmentations) {
    const i = list.indexOf(seg);
    const name = interfaceName(seg);
    const path = `${parentPath}/${name}`;
    const g = put(parent, name, typedGroup(ctx, path, "core", "ImageSegmentation"));
    uniqueNames(seg.planeSegmentations, `${where}[${i}].planeSegmentations`, () => "");
    seg.planeSegmentations.forEach((ps, j) => {
      put(
        g,
        ps.name,
        planeSegmentation(
          ctx,
          `${path}/${ps.name}`,
          ps,
          `${where}[${i}].planeSegmentations[${j}]`,
          known.planes,
        ),
      );
      rows.set(`${name}/${ps.name}`, roiCount(ps));
    });
  }
  list.forEach((di, i) => {
    const w = `${where}[${i}]`;
    const name = interfaceName(di);
    const path = `${parentPath}/${name}`;
    switch (di.type) {
      case "ImageSegmentation":
        return;
      case "TimeSeries":
        put(parent, name, timeSeriesGroup(ctx, path, "TimeSeries", di, w, di.unit));
        return;
      case "ElectricalSeries":
        put(parent, name, electricalSeries(ctx, path, di, w, known.electrodeCount));
        return;
      case "TwoPhotonSeries":
        put(parent, name, twoPhotonSeries(ctx, path, di, w, known.planes));
        return;
      case "Images":
        put(parent, name, images(ctx, path, di, w));
        return;
      case "Fluorescence":
      case "DfOverF":
        put(parent, name, responses(ctx, path, di, w, parentPath, rows));
        return;
      default:
        throw new NWBWriteError(
          `${w}.type`,
          `one of TimeSeries, ElectricalSeries, TwoPhotonSeries, Images, ImageSegmentation, Fluorescence, DfOverF`,
        );
    }
  });
}

function responses(
  ctx: BuildContext,
  path: string,
  f: FluorescenceDescription,
  where: string,
  modulePath: string,
  rows: Map<string, number>,
): H5GroupNode {
  if (f.series.length === 0)
    throw new NWBWriteError(`${where}.series`, "at least one RoiResponseSeries");
  uniqueNames(f.series, `${where}.series`, () => "");
  const g = typedGroup(ctx, path, "core", f.type);
  f.series.forEach((rs, i) => {
    const n = rows.get(rs.planeSegmentation);
    if (n === undefined) {
      throw new NWBWriteError(
        `${where}.series[${i}].planeSegmentation`,
        `"<ImageSegmentation>/<PlaneSegmentation>" of the same module (${[...rows.keys()].join(", ") || "none defined"}), found '${rs.planeSegmentation}'`,
      );
    }
    put(
      g,
      rs.name,
      roiResponseSeries(
        ctx,
        `${path}/${rs.name}`,
        rs,
        `${where}.series[${i}]`,
        `${modulePath}/${rs.planeSegmentation}`,
        n,
      ),
    );
  });
  return g;
}

function processingModule(
  ctx: BuildContext,
  pm: ProcessingModuleDescription,
  where: string,
  known: Known,
): H5GroupNode {
  const path = `/processing/${pm.name}`;
  const g = typedGroup(ctx, path, "core", "ProcessingModule", { description: pm.description });
  addInterfaces(ctx, g, path, pm.interfaces, `${where}.interfaces`, known);
  return g;
}

export function buildNWBTree(d: NWBFileDescription): H5GroupNode {
  if (!d.identifier) throw new NWBWriteError("identifier", "a non-empty string");
  if (!(d.sessionStartTime instanceof Date)) throw new NWBWriteError("sessionStartTime", "a Date");
  const ctx: BuildContext = { identifier: d.identifier };
  const { root, acquisition, processing, general } = fileSkeleton(ctx, d);
  addGeneralText(general, d);
  if (d.subject) addSubject(ctx, general, d.subject);
  const devices = addDevices(ctx, general, d);
  addElectrodes(ctx, general, d, devices);
  const planes = addImagingPlanes(ctx, general, d, devices);

  const known: Known = { devices, planes, electrodeCount: d.electrodes?.length ?? 0 };
  addInterfaces(ctx, acquisition, "/acquisition", d.acquisition ?? [], "acquisition", known);
  uniqueNames(d.processing, "processing", () => "");
  (d.processing ?? []).forEach((pm, i) =>
    put(processing, pm.name, processingModule(ctx, pm, `processing[${i}]`, known)),
  );
  if (d.units) put(root, "units", unitsTable(ctx, d.units));
  addSpecifications(root);
  return root;
}

/** The root with its required datasets and the groups every NWBFile has, in pynwb's order. */
function fileSkeleton(
  ctx: BuildContext,
  d: NWBFileDescription,
): { root: H5GroupNode; acquisition: H5GroupNode; processing: H5GroupNode; general: H5GroupNode } {
  const root = group({
    ...typeAttrs(ctx, "/", "core", "NWBFile"),
    nwb_version: NWB_VERSION,
    ".specloc": new ObjectRef("/specifications"),
  });
  put(root, "file_create_date", dataset([isoDate(d.fileCreateDate ?? d.sessionStartTime)]));
  put(root, "identifier", scalar(d.identifier));
  put(root, "session_description", scalar(d.sessionDescription));
  put(root, "session_start_time", scalar(isoDate(d.sessionStartTime)));
  put(
    root,
    "timestamps_reference_time",
    scalar(isoDate(d.timestampsReferenceTime ?? d.sessionStartTime)),
  );
  const acquisition = put(root, "acquisition", group());
  put(root, "analysis", group());
  const processing = put(root, "processing", group());
  const stimulus = put(root, "stimulus", group());
  put(stimulus, "presentation", group());
  put(stimulus, "templates", group());
  const general = put(root, "general", group());
  return { root, acquisition, processing, general };
}

/** /general's text fields and lists (empty lists are left out). */
function addGeneralText(general: H5GroupNode, d: NWBFileDescription): void {
  const text: [string, string | undefined][] = [
    ["institution", d.institution],
    ["lab", d.lab],
    ["experiment_description", d.experimentDescription],
    ["session_id", d.sessionId],
  ];
  for (const [k, v] of text) if (v !== undefined) put(general, k, scalar(v));
  const lists: [string, string[] | undefined][] = [
    ["experimenter", d.experimenter],
    ["keywords", d.keywords],
    ["related_publications", d.relatedPublications],
  ];
  for (const [k, v] of lists) if (v !== undefined && v.length > 0) put(general, k, dataset(v));
}

function addSubject(
  ctx: BuildContext,
  general: H5GroupNode,
  subject: NonNullable<NWBFileDescription["subject"]>,
): void {
  const s = put(general, "subject", typedGroup(ctx, "/general/subject", "core", "Subject"));
  const fields: [string, string | undefined][] = [
    ["subject_id", subject.subjectId],
    ["species", subject.species],
    ["sex", subject.sex],
    ["age", subject.age],
    ["genotype", subject.genotype],
    ["strain", subject.strain],
    ["description", subject.description],
  ];
  for (const [k, v] of fields) if (v !== undefined) put(s, k, scalar(v));
}

/** /general/devices; returns the device names (what the electrode groups and planes may name). */
function addDevices(ctx: BuildContext, general: H5GroupNode, d: NWBFileDescription): Set<string> {
  const devices = uniqueNames(d.devices, "devices", () => "");
  if (d.devices?.length) {
    const dg = put(general, "devices", group());
    for (const dev of d.devices) {
      const attrs: Record<string, string> = {};
      if (dev.description !== undefined) attrs.description = dev.description;
      if (dev.manufacturer !== undefined) attrs.manufacturer = dev.manufacturer;
      put(dg, dev.name, typedGroup(ctx, `/general/devices/${dev.name}`, "core", "Device", attrs));
    }
  }
  return devices;
}

/** /general/extracellular_ephys: the electrode groups and the electrodes table. */
function addElectrodes(
  ctx: BuildContext,
  general: H5GroupNode,
  d: NWBFileDescription,
  devices: Set<string>,
): void {
  const groups = uniqueNames(d.electrodeGroups, "electrodeGroups", () => "");
  if (groups.has("electrodes"))
    throw new NWBWriteError(
      "electrodeGroups",
      "no group named 'electrodes' (that name is the electrodes table)",
    );
  if (d.electrodeGroups?.length || d.electrodes?.length) {
    const ee = ensureGroup(general, "extracellular_ephys");
    (d.electrodeGroups ?? []).forEach((eg, i) =>
      put(ee, eg.name, electrodeGroup(ctx, eg, `electrodeGroups[${i}]`, devices)),
    );
    if (d.electrodes?.length) put(ee, "electrodes", electrodesTable(ctx, d.electrodes, groups));
  }
}

/** /general/optophysiology; returns the imaging plane names. */
function addImagingPlanes(
  ctx: BuildContext,
  general: H5GroupNode,
  d: NWBFileDescription,
  devices: Set<string>,
): Set<string> {
  const planes = uniqueNames(d.imagingPlanes, "imagingPlanes", () => "");
  if (d.imagingPlanes?.length) {
    const op = ensureGroup(general, "optophysiology");
    d.imagingPlanes.forEach((ip, i) =>
      put(
        op,
        ip.name,
        imagingPlane(ctx, `/general/optophysiology/${ip.name}`, ip, `imagingPlanes[${i}]`, devices),
      ),
    );
  }
  return planes;
}

/** /specifications: the cached schema, one scalar string per source. */
function addSpecifications(root: H5GroupNode): void {
  const specs = put(root, "specifications", group());
  for (const ns of CACHED_NAMESPACES) {
    const v = ensureGroup(specs, `${ns.name}/${ns.version}`);
    for (const [source, json] of Object.entries(ns.sources)) put(v, source, scalar(json));
  }
}

// NWB NWBFile: the root group. Session metadata, subject, devices, the electrodes table,
// imaging planes, acquisition, processing modules, intervals and units.
import { NWBContainer } from "../base/nwb-container.js";
import { Group, textList, type DisplayField, type H5Object } from "../../h5-object.js";
import { NamedObjectMap, namedObjects, type NamedObjects } from "../../named-objects.js";
import type { Summary } from "../../summary.js";
import type { H5GroupMeta, H5NodeMeta } from "../../h5/source.js";
import { dtypeName } from "../../h5/dtype.js";
import { Subject } from "./subject.js";
import { Device } from "../device/device.js";
import { ElectrodeGroup } from "../ecephys/electrode-group.js";
import { DynamicTable } from "../hdmf-common/dynamic-table.js";
import { ImagingPlane } from "../ophys/imaging-plane.js";
import { ProcessingModule } from "../base/processing-module.js";
import { TimeIntervals } from "../epoch/time-intervals.js";
import { Units } from "../misc/units.js";

/** One typed object of a file, as listed by `objects()` and `tsnwb info --json`. */
export interface NWBObjectEntry {
  path: string;
  neurodataType: string;
  namespace: string;
  shape?: number[];
  dtype?: string;
  rate?: number;
  unit?: string;
}

export class NWBFile extends NWBContainer {
  /** NWB version of the file, e.g. "2.2.5" ("NWB-" prefix removed). */
  get nwbVersion(): string {
    return (this.attrString("nwb_version") ?? "").replace(/^NWB-/, "");
  }

  get identifier(): string | undefined {
    return this.scalarString("identifier");
  }

  get sessionDescription(): string | undefined {
    return this.scalarString("session_description");
  }

  /** ISO 8601 text as stored. */
  get sessionStartTime(): string | undefined {
    return this.scalarString("session_start_time");
  }

  get timestampsReferenceTime(): string | undefined {
    return this.scalarString("timestamps_reference_time");
  }

  get fileCreateDate(): string[] {
    return textList(this.scalar("file_create_date")) ?? [];
  }

  private general(name: string): unknown {
    return this.scalar(`general/${name}`);
  }

  private generalText(name: string): string | undefined {
    const v = this.general(name);
    return typeof v === "string" ? v : undefined;
  }

  get experimenter(): string[] {
    return textList(this.general("experimenter")) ?? [];
  }
  get experimentDescription(): string | undefined {
    return this.generalText("experiment_description");
  }
  get institution(): string | undefined {
    return this.generalText("institution");
  }
  get lab(): string | undefined {
    return this.generalText("lab");
  }
  get sessionId(): string | undefined {
    return this.generalText("session_id");
  }
  get keywords(): string[] {
    return textList(this.general("keywords")) ?? [];
  }
  get relatedPublications(): string[] {
    return textList(this.general("related_publications")) ?? [];
  }
  get notes(): string | undefined {
    return this.generalText("notes");
  }
  get protocol(): string | undefined {
    return this.generalText("protocol");
  }
  get surgery(): string | undefined {
    return this.generalText("surgery");
  }
  get virus(): string | undefined {
    return this.generalText("virus");
  }
  get pharmacology(): string | undefined {
    return this.generalText("pharmacology");
  }
  get stimulusNotes(): string | undefined {
    return this.generalText("stimulus");
  }
  get dataCollection(): string | undefined {
    return this.generalText("data_collection");
  }

  get subject(): Subject | undefined {
    return this.optionalTyped("general/subject", Subject);
  }

  /** The typed children of `path` that are `cls` objects, by name (empty when `path` is absent). */
  private typedIn<T extends H5Object>(
    path: string,
    cls: abstract new (...a: never[]) => T,
  ): NamedObjects<T> {
    const g = this.find(path);
    if (g instanceof Group) return g.childrenWhere((o): o is T => o instanceof cls);
    return namedObjects(new NamedObjectMap<T>({ file: this.file, path: this.pathOf(path) }));
  }

  /** The children of `path` that carry a neurodata_type, by name (empty when `path` is absent). */
  private anyTypedIn(path: string): NamedObjects<H5Object> {
    const g = this.find(path);
    if (g instanceof Group) return g.typedChildren();
    return namedObjects(new NamedObjectMap<H5Object>({ file: this.file, path: this.pathOf(path) }));
  }

  get devices(): NamedObjects<Device> {
    return this.typedIn("general/devices", Device);
  }

  get electrodeGroups(): NamedObjects<ElectrodeGroup> {
    return this.typedIn("general/extracellular_ephys", ElectrodeGroup);
  }

  /** The electrodes table (/general/extracellular_ephys/electrodes). */
  get electrodes(): DynamicTable | undefined {
    return this.optionalTyped("general/extracellular_ephys/electrodes", DynamicTable);
  }

  get imagingPlanes(): NamedObjects<ImagingPlane> {
    return this.typedIn("general/optophysiology", ImagingPlane);
  }

  /** Acquired data by name: `file.acquisition.get("raw")` or `file.acquisition["raw"]`. */
  get acquisition(): NamedObjects<H5Object> {
    return this.anyTypedIn("acquisition");
  }

  get analysis(): NamedObjects<H5Object> {
    return this.anyTypedIn("analysis");
  }

  get stimulusPresentation(): NamedObjects<H5Object> {
    return this.anyTypedIn("stimulus/presentation");
  }

  get stimulusTemplates(): NamedObjects<H5Object> {
    return this.anyTypedIn("stimulus/templates");
  }

  get processing(): NamedObjects<ProcessingModule> {
    return this.typedIn("processing", ProcessingModule);
  }

  get intervals(): NamedObjects<TimeIntervals> {
    return this.typedIn("intervals", TimeIntervals);
  }

  get trials(): TimeIntervals | undefined {
    return this.optionalTyped("intervals/trials", TimeIntervals);
  }

  get epochs(): TimeIntervals | undefined {
    return this.optionalTyped("intervals/epochs", TimeIntervals);
  }

  get invalidTimes(): TimeIntervals | undefined {
    return this.optionalTyped("intervals/invalid_times", TimeIntervals);
  }

  get units(): Units | undefined {
    return this.optionalTyped("units", Units);
  }

  /**
   * Every typed group and dataset, each once (soft links are not followed, /specifications is
   * skipped), in file order, with shape/dtype for datasets and rate/unit for time series.
   */
  objects(): NWBObjectEntry[] {
    const out: NWBObjectEntry[] = [];
    const visit = (node: H5NodeMeta): void => {
      if (node.kind === "softlink" || node.kind === "externallink") return;
      if (node.path === "/specifications") return;
      const obj = this.ctx.find(node.path);
      const type = obj?.neurodataType;
      if (obj && type) {
        const e: NWBObjectEntry = {
          path: node.path,
          neurodataType: type,
          namespace: obj.namespace ?? "",
        };
        if (node.kind === "dataset") {
          e.shape = [...node.shape];
          e.dtype = dtypeName(node.dtype);
        } else {
          const st = node.children.starting_time;
          const data = node.children.data;
          if (st?.kind === "dataset") {
            const raw = st.attrs.rate?.value;
            const rate =
              ArrayBuffer.isView(raw) && (raw as Float64Array).length === 1
                ? (raw as Float64Array)[0]
                : raw;
            if (typeof rate === "number") e.rate = rate;
          }
          if (data?.kind === "dataset") {
            const unit = data.attrs.unit?.value;
            const u =
              typeof unit === "string"
                ? unit
                : Array.isArray(unit) && typeof unit[0] === "string"
                  ? unit[0]
                  : undefined;
            if (u !== undefined) e.unit = u;
            if (obj.ancestors.includes("TimeSeries")) {
              e.shape = [...data.shape];
              e.dtype = dtypeName(data.dtype);
            }
          }
        }
        out.push(e);
      }
      if (node.kind === "group")
        for (const c of Object.values((node as H5GroupMeta).children)) visit(c);
    };
    visit(this.meta);
    return out;
  }

  override summary(): Summary {
    return {
      type: "NWBFile",
      path: "/",
      file: this.file,
      nwbVersion: this.nwbVersion,
      identifier: this.identifier,
    };
  }

  /** Closes the underlying file. */
  close(): Promise<void> {
    return this.ctx.source.close();
  }

  override displayFields(): DisplayField[] {
    return [
      ["NWB version", this.nwbVersion],
      ["identifier", this.identifier],
      ["session", this.sessionDescription],
      ["start", this.sessionStartTime],
      ["experimenter", this.experimenter.join(", ") || undefined],
      ["institution", this.institution],
      ["lab", this.lab],
      ["acquisition", [...this.acquisition.keys()].join(", ")],
      ["processing", [...this.processing.keys()].join(", ")],
    ].filter(([, v]) => v !== undefined && v !== "") as DisplayField[];
  }
}

// NWB ImageSeries: frames (time × x × y [× z]) stored in `data` or in external files.
import { TimeSeries } from "../base/time-series.js";
import type { DisplayField } from "../../h5-object.js";
import { textList } from "../../h5-object.js";

export class ImageSeries extends TimeSeries {
  /** External files holding the frames, when `data` is not stored in this file. */
  get externalFile(): string[] | undefined {
    const ds = this.optionalDataset("external_file");
    return ds ? textList(ds.smallValue()) : undefined;
  }

  get format(): string | undefined {
    return this.scalarString("format");
  }

  /** Frame size [x, y(, z)] from `dimension`, else from the data shape. */
  get frameShape(): number[] | undefined {
    const d = this.optionalDataset("data");
    if (d && d.ndim >= 3) return d.shape.slice(1);
    const dim = this.optionalDataset("dimension")?.smallValue();
    if (ArrayBuffer.isView(dim))
      return Array.from(dim as unknown as ArrayLike<number | bigint>, Number);
    if (typeof dim === "number") return [dim];
    return undefined;
  }

  get frameCount(): number {
    return this.numSamples;
  }

  override displayFields(): DisplayField[] {
    const f = super.displayFields();
    const fs = this.frameShape;
    if (fs) f.push(["frame", fs.join(" × ")]);
    const ext = this.externalFile;
    if (ext) f.push(["external files", ext.join(", ")]);
    return f;
  }
}

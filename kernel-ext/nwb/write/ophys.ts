// Optical physiology objects: ImagingPlane (+ OpticalChannel), PlaneSegmentation with pixel or
// image masks, and Images containers of 2-D pictures (mean image, ROI mask).
import type {
  ImagesDescription,
  ImagingPlaneDescription,
  PixelMask,
  PlaneSegmentationDescription,
} from "./description.js";
import { ObjectRef, dataset, group, link, put, scalar, type H5GroupNode } from "./h5tree.js";
import {
  idColumn,
  numericDataset,
  raggedIndex,
  typeAttrs,
  typedGroup,
  type BuildContext,
} from "./neurodata.js";
import { NWBWriteError } from "./timeseries.js";

export function imagingPlane(
  ctx: BuildContext,
  path: string,
  ip: ImagingPlaneDescription,
  where: string,
  devices: Set<string>,
): H5GroupNode {
  if (!devices.has(ip.device))
    throw new NWBWriteError(
      `${where}.device`,
      `the name of a device of this file, found '${ip.device}'`,
    );
  if (ip.opticalChannels.length === 0)
    throw new NWBWriteError(`${where}.opticalChannels`, "at least one optical channel");
  const g = typedGroup(ctx, path, "core", "ImagingPlane");
  put(g, "description", scalar(ip.description ?? "no description"));
  put(
    g,
    "excitation_lambda",
    dataset(new Float32Array([ip.excitationLambda]), { scalar: true, shape: [] }),
  );
  if (ip.imagingRate !== undefined)
    put(
      g,
      "imaging_rate",
      dataset(new Float32Array([ip.imagingRate]), { scalar: true, shape: [] }),
    );
  put(g, "indicator", scalar(ip.indicator));
  put(g, "location", scalar(ip.location));
  if (ip.gridSpacing) {
    const gs = put(g, "grid_spacing", dataset(Float32Array.from(ip.gridSpacing)));
    gs.attrs = { unit: ip.gridSpacingUnit ?? "meters" };
  }
  for (const oc of ip.opticalChannels) {
    const c = put(g, oc.name, typedGroup(ctx, `${path}/${oc.name}`, "core", "OpticalChannel"));
    put(c, "description", scalar(oc.description));
    put(
      c,
      "emission_lambda",
      dataset(new Float32Array([oc.emissionLambda]), { scalar: true, shape: [] }),
    );
  }
  put(g, "device", link(`/general/devices/${ip.device}`));
  return g;
}

/** The number of ROIs (rows) a plane segmentation description defines. */
export function roiCount(ps: PlaneSegmentationDescription): number {
  return ps.pixelMasks?.length ?? ps.imageMasks?.shape[0] ?? 0;
}

export function planeSegmentation(
  ctx: BuildContext,
  path: string,
  ps: PlaneSegmentationDescription,
  where: string,
  planes: Set<string>,
): H5GroupNode {
  if (!planes.has(ps.imagingPlane))
    throw new NWBWriteError(
      `${where}.imagingPlane`,
      `the name of an imaging plane of this file, found '${ps.imagingPlane}'`,
    );
  if (!ps.pixelMasks && !ps.imageMasks) throw new NWBWriteError(where, "pixelMasks or imageMasks");
  const n = roiCount(ps);
  if (ps.pixelMasks && ps.imageMasks && ps.imageMasks.shape[0] !== n) {
    throw new NWBWriteError(
      `${where}.imageMasks.shape[0]`,
      `${n} ROIs (as many as pixelMasks), found ${ps.imageMasks.shape[0]}`,
    );
  }
  const colnames: string[] = [];
  const g = typedGroup(ctx, path, "core", "PlaneSegmentation", { description: ps.description });
  if (ps.imageMasks) {
    colnames.push("image_mask");
    const m = put(g, "image_mask", numericDataset(ps.imageMasks.data, ps.imageMasks.shape));
    m.attrs = {
      ...typeAttrs(ctx, `${path}/image_mask`, "hdmf-common", "VectorData"),
      description: "ROI masks as images (roi, x, y)",
    };
  }
  if (ps.pixelMasks) {
    colnames.push("pixel_mask");
    ps.pixelMasks.forEach((pm, i) => {
      if (pm.x.length !== pm.y.length || pm.x.length !== pm.weight.length) {
        throw new NWBWriteError(
          `${where}.pixelMasks[${i}]`,
          `x, y and weight of equal length, found ${pm.x.length}, ${pm.y.length}, ${pm.weight.length}`,
        );
      }
    });
    const total = ps.pixelMasks.reduce((a, pm) => a + pm.x.length, 0);
    let mask;
    if (ps.pixelMaskLayout === "int32x3") {
      const flat = new Int32Array(total * 3);
      let k = 0;
      for (const pm of ps.pixelMasks) {
        for (let j = 0; j < pm.x.length; j++, k++) {
          flat[3 * k] = pm.x[j];
          flat[3 * k + 1] = pm.y[j];
          flat[3 * k + 2] = Math.round(pm.weight[j]);
        }
      }
      mask = put(g, "pixel_mask", numericDataset(flat, [total, 3]));
    } else {
      const cat = <T extends Uint32Array | Float32Array>(
        Ctor: { new (n: number): T },
        pick: (pm: PixelMask) => T,
      ): T => {
        const out = new Ctor(total);
        let o = 0;
        for (const pm of ps.pixelMasks!) {
          out.set(pick(pm), o);
          o += pm.x.length;
        }
        return out;
      };
      mask = put(
        g,
        "pixel_mask",
        dataset({
          columns: [
            { name: "x", data: cat(Uint32Array, (pm) => pm.x) },
            { name: "y", data: cat(Uint32Array, (pm) => pm.y) },
            { name: "weight", data: cat(Float32Array, (pm) => pm.weight) },
          ],
        }),
      );
    }
    mask.attrs = {
      ...typeAttrs(ctx, `${path}/pixel_mask`, "hdmf-common", "VectorData"),
      description: "ROI masks as (x, y, weight) pixels",
    };
    const index = put(
      g,
      "pixel_mask_index",
      dataset(raggedIndex(ps.pixelMasks.map((pm) => pm.x.length))),
    );
    index.attrs = {
      ...typeAttrs(ctx, `${path}/pixel_mask_index`, "hdmf-common", "VectorIndex"),
      description: "index into pixel_mask",
      target: new ObjectRef(`${path}/pixel_mask`),
    };
  }
  g.attrs.colnames = colnames;
  put(g, "id", idColumn(ctx, path, n));
  put(g, "imaging_plane", link(`/general/optophysiology/${ps.imagingPlane}`));
  put(g, "reference_images", group());
  return g;
}

export function images(
  ctx: BuildContext,
  path: string,
  im: ImagesDescription,
  where: string,
): H5GroupNode {
  if (im.images.length === 0) throw new NWBWriteError(`${where}.images`, "at least one image");
  const g = typedGroup(ctx, path, "core", "Images", { description: im.description });
  im.images.forEach((img, i) => {
    if (img.shape[0] * img.shape[1] !== img.data.length) {
      throw new NWBWriteError(
        `${where}.images[${i}].shape`,
        `[${img.shape.join(", ")}] to hold ${img.data.length} pixels`,
      );
    }
    const d = put(g, img.name, numericDataset(img.data, img.shape));
    d.attrs = { ...typeAttrs(ctx, `${path}/${img.name}`, "core", "GrayscaleImage") };
    if (img.description !== undefined) d.attrs.description = img.description;
    if (img.resolution !== undefined) d.attrs.resolution = img.resolution;
  });
  return g;
}

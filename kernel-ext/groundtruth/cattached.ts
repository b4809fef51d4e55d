// The CASCADE ground-truth layout: a variable `CAttached`, a cell array (or struct array) with one
// struct per recording holding fluo_time, fluo_mean, events_AP and, in the Chen et al. 2013 files,
// ROI_map_input, AVG_movie and template. Everything is checked; an error names file and field.
import { MatFileError, readMat, type MatFile, type MatNumeric, type MatValue } from "./mat5.js";

/** A 2-D image in row-major order: pixel (row r, column c) is `data[r * width + c]`. */
export interface Image2D<T extends Float64Array | Uint8Array> {
  height: number;
  width: number;
  data: T;
}

/** One recording (trial) of one cell, with MATLAB's values unchanged. */
export interface GroundTruthRecording {
  /** The source file. */
  file: string;
  /** 0-based index of the recording in `CAttached`. */
  index: number;
  /** Frame times (s). */
  fluoTime: Float64Array;
  /** ΔF/F of the soma ROI, one value per frame. */
  deltaFOverF: Float64Array;
  /** Spike times (s) = events_AP / 1e4. */
  spikeTimes: Float64Array;
  /** Chen et al. 2013 files: the mean image of the movie. */
  meanImage?: Image2D<Float64Array>;
  /** Chen et al. 2013 files: the soma ROI mask (nonzero = inside). */
  roiMask?: Image2D<Uint8Array>;
  /** Chen et al. 2013 files: the recorded mean AP waveform, sampled at 10 kHz. */
  apTemplate?: Float64Array;
  /** Chen et al. 2013 files: the baseline fluorescence F0 used for ΔF/F, when present. */
  f0?: number;
}

function fail(file: string, field: string, expected: string): never {
  throw new MatFileError(file, field, expected);
}

function numeric(v: MatValue | undefined, file: string, field: string): MatNumeric {
  if (v === undefined) fail(file, field, "a field of this name (missing)");
  if (v.kind !== "numeric" || v.imag) fail(file, field, `a real numeric array, found ${v.kind}`);
  return v;
}

function isVector(v: MatNumeric): boolean {
  return v.dims.length === 2 && (v.dims[0] === 1 || v.dims[1] === 1);
}

function vector(v: MatValue | undefined, file: string, field: string): Float64Array {
  const n = numeric(v, file, field);
  if (!isVector(n)) fail(file, field, `a vector, found dimensions ${n.dims.join("×")}`);
  return Float64Array.from(n.data as ArrayLike<number>, Number);
}

/** MATLAB column-major M×N → row-major image with the same (row, column) indexing. */
function image<T extends Float64Array | Uint8Array>(
  n: MatNumeric,
  Ctor: { new (k: number): T },
): Image2D<T> {
  const [h, w] = n.dims;
  const out = new Ctor(h * w);
  const src = n.data as ArrayLike<number>;
  for (let c = 0; c < w; c++) for (let r = 0; r < h; r++) out[r * w + c] = Number(src[c * h + r]);
  return { height: h, width: w, data: out };
}

function matrix2D(v: MatValue | undefined, file: string, field: string): MatNumeric {
  const n = numeric(v, file, field);
  if (n.dims.length !== 2 || n.dims[0] < 2 || n.dims[1] < 2)
    fail(file, field, `a 2-D image, found dimensions ${n.dims.join("×")}`);
  return n;
}

function recordingsOf(top: MatValue, file: string): Record<string, MatValue>[] {
  if (top.kind === "struct") return top.elements;
  if (top.kind === "cell") {
    return top.items.map((item, i) => {
      if (item.kind !== "struct" || item.elements.length !== 1)
        fail(file, `CAttached{${i + 1}}`, "a 1×1 struct");
      return item.elements[0];
    });
  }
  fail(file, "CAttached", `a cell array of structs or a struct array, found ${top.kind}`);
}

/** Reads every recording of a CASCADE ground-truth .mat file. */
export function readGroundTruth(path: string): GroundTruthRecording[] {
  return groundTruthFromMat(readMat(path), path);
}

/** The recordings of an already parsed MAT-file; `path` names it in errors. */
export function groundTruthFromMat(mat: MatFile, path: string): GroundTruthRecording[] {
  const top = mat.variables.get("CAttached");
  if (!top)
    fail(
      path,
      "CAttached",
      `a variable named CAttached (found: ${[...mat.variables.keys()].join(", ") || "none"})`,
    );
  const recs = recordingsOf(top, path);
  if (recs.length === 0) fail(path, "CAttached", "at least one recording");
  // Name fields as MATLAB would: CAttached{k}.f in a cell array, CAttached(k).f in a struct array.
  const [open, close] = top.kind === "cell" ? ["{", "}"] : ["(", ")"];
  return recs.map((rec, index) => {
    const at = (f: string) =>
      recs.length === 1 ? `CAttached.${f}` : `CAttached${open}${index + 1}${close}.${f}`;
    const fluoTime = vector(rec.fluo_time, path, at("fluo_time"));
    const deltaFOverF = vector(rec.fluo_mean, path, at("fluo_mean"));
    if (fluoTime.length < 2) fail(path, at("fluo_time"), "at least 2 frame times");
    if (deltaFOverF.length !== fluoTime.length) {
      fail(
        path,
        at("fluo_mean"),
        `${fluoTime.length} values (one per fluo_time frame), found ${deltaFOverF.length}`,
      );
    }
    for (let i = 1; i < fluoTime.length; i++) {
      if (!(fluoTime[i] > fluoTime[i - 1]))
        fail(path, at("fluo_time"), `strictly increasing times (not at index ${i})`);
    }
    const events = numeric(rec.events_AP, path, at("events_AP"));
    if (events.data.length > 0 && !isVector(events))
      fail(path, at("events_AP"), `a vector, found ${events.dims.join("×")}`);
    const spikeTimes = Float64Array.from(events.data as ArrayLike<number>, (v) => Number(v) / 1e4);
    for (let i = 0; i < spikeTimes.length; i++) {
      if (!Number.isFinite(spikeTimes[i]))
        fail(path, at("events_AP"), `finite spike times (index ${i} is ${spikeTimes[i]})`);
      if (i > 0 && spikeTimes[i] < spikeTimes[i - 1])
        fail(path, at("events_AP"), `sorted spike times (not at index ${i})`);
    }
    const out: GroundTruthRecording = { file: path, index, fluoTime, deltaFOverF, spikeTimes };
    const hasImage = rec.AVG_movie !== undefined || rec.ROI_map_input !== undefined;
    if (hasImage) {
      const avg = matrix2D(rec.AVG_movie, path, at("AVG_movie"));
      const roi = matrix2D(rec.ROI_map_input, path, at("ROI_map_input"));
      if (avg.dims[0] !== roi.dims[0] || avg.dims[1] !== roi.dims[1]) {
        fail(
          path,
          at("ROI_map_input"),
          `the size of AVG_movie (${avg.dims.join("×")}), found ${roi.dims.join("×")}`,
        );
      }
      out.meanImage = image(avg, Float64Array);
      out.roiMask = image(roi, Uint8Array);
      if (!out.roiMask.data.some((v) => v !== 0))
        fail(path, at("ROI_map_input"), "at least one ROI pixel");
    }
    if (rec.template !== undefined) {
      const t = numeric(rec.template, path, at("template"));
      if (t.data.length > 0) out.apTemplate = vector(t, path, at("template"));
    }
    if (rec.F0 !== undefined) {
      const f0 = numeric(rec.F0, path, at("F0"));
      if (f0.data.length === 1) out.f0 = Number(f0.data[0]);
    }
    return out;
  });
}

// Ground truth (.mat) → NWB in the DANDI:000048 layout, one file per recording. Real values
// (ΔF/F, frame times, spike times, mean image, ROI mask) are written unchanged; what the ground
// truth lacks (voltage trace, movie, raw F) is reconstructed and every such object says so in its
// description.
import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import { butter, sosfiltfilt } from "../analysis/filters/index.js";
import type { NWBFileDescription } from "../nwb/write/description.js";
import { writeNWB } from "../nwb/write/write-nwb.js";
import { groundTruthFromMat, type GroundTruthRecording } from "./cattached.js";
import { readMat } from "./mat5.js";
import {
  COUNTS_PER_PHOTON,
  gridFromImage,
  renderMovie,
  roiBaseline,
  roiPixels,
  syntheticGrid,
  type MovieGrid,
} from "./movie.js";
import { GroundTruthOptionError } from "./option-error.js";
import { Random } from "./prng.js";
import { identifySource, type GroundTruthSource, type SourceOptions } from "./source.js";
import {
  reconstructVoltage,
  syntheticWaveform,
  toCounts,
  voltageParameters,
  waveformFromTemplate,
} from "./voltage.js";

export interface ConvertOptions extends SourceOptions {
  /** Keep only the first `seconds` of the reconstructed movie and voltage (default: all). */
  seconds?: number;
  /** Movie side in (binned) pixels (default 96, about DANDI:000048's ~100 px). */
  fov?: number;
  /** Bin the Chen et al. full frame b×b before cropping (default 1). */
  bin?: number;
  /** Soma radius (px) of the synthetic image of cells without one (default 8). */
  somaRadius?: number;
  /** Sampling rate of the reconstructed voltage (Hz, default 20000). */
  ephysRate?: number;
  /** Replace existing output files (default true: the converter owns its output directory). */
  overwrite?: boolean;
}

/** Volts per int16 count of the stored voltage traces. */
export const VOLTS_PER_COUNT = 2e-6;
const TEMPLATE_RATE = 10000;
const BAND: [number, number] = [250, 5000];

const CITATIONS = {
  Chen2013:
    "Chen T-W, Wardill TJ, Sun Y, et al. (2013) Ultrasensitive fluorescent proteins for imaging neuronal activity. Nature 499:295-300. doi:10.1038/nature12354",
  Allen:
    "Huang L, Ledochowitsch P, Knoblich U, et al. (2021) Relationship between simultaneously recorded spiking activity and fluorescence signal in GCaMP6 transgenic mice. eLife 10:e51675. doi:10.7554/eLife.51675",
  CASCADE:
    "Rupprecht P, Carta S, Hoffmann A, et al. (2021) A database and deep learning toolbox for noise-optimized, generalized spike inference from calcium imaging. Nat Neurosci 24:1324-1337. doi:10.1038/s41593-021-00895-5",
};

/** File name of the converted recording, e.g. "Chen2013_GCaMP6f_cell1C_rec0.nwb". */
export function outputName(src: GroundTruthSource, index: number): string {
  const line = src.line ? `${src.line}_` : "";
  return `${src.lab}_${src.indicator}_${line}${src.cell}_rec${index}.nwb`;
}

/** The creation date in the MAT header ("Created on: Mon Oct 21 01:13:14 2019"), read as UTC. */
function headerDate(header: string): Date {
  const m = /Created on:\s*\w{3}\s+(\w{3})\s+(\d+)\s+(\d\d):(\d\d):(\d\d)\s+(\d{4})/.exec(header);
  if (!m) return new Date(Date.UTC(1970, 0, 1));
  const month = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
  ].indexOf(m[1]);
  return new Date(Date.UTC(+m[6], month, +m[2], +m[3], +m[4], +m[5]));
}

function frameRate(t: Float64Array): number {
  return (t.length - 1) / (t[t.length - 1] - t[0]);
}

interface Reconstruction {
  grid: MovieGrid;
  frames: number;
  movie: Uint16Array;
  f0: number;
  rawF: Float64Array;
  volts: Float64Array;
  filtered: Float64Array;
  ephysRate: number;
  duration: number;
  waveformSource: string;
}

type MovieOptions = Required<Pick<ConvertOptions, "fov" | "bin" | "somaRadius" | "ephysRate">> & {
  seconds?: number;
};

function reconstruct(rec: GroundTruthRecording, o: MovieOptions): Reconstruction {
  const rng = new Random(`${basename(rec.file)}#${rec.index}`);
  const lastFrame = rec.fluoTime[rec.fluoTime.length - 1] + 1 / frameRate(rec.fluoTime);
  const duration = o.seconds !== undefined ? Math.min(o.seconds, lastFrame) : lastFrame;
  let frames = 0;
  while (frames < rec.fluoTime.length && rec.fluoTime[frames] < duration) frames++;

  const grid =
    rec.meanImage && rec.roiMask
      ? gridFromImage(rec.meanImage, rec.roiMask, rec.deltaFOverF, o.fov, o.bin)
      : syntheticGrid(o.fov, o.somaRadius, rng);
  const movie = renderMovie(grid, rec.deltaFOverF, frames, rng);
  const f0 = roiBaseline(grid);
  const rawF = Float64Array.from(rec.deltaFOverF, (d) => f0 * (1 + d));

  const params = voltageParameters(rng, o.ephysRate);
  const waveform = rec.apTemplate
    ? waveformFromTemplate(rec.apTemplate, TEMPLATE_RATE, o.ephysRate)
    : syntheticWaveform(o.ephysRate);
  const waveformSource = rec.apTemplate
    ? "the recorded mean AP waveform of this cell (the ground truth's `template`, 10 kHz, cut to ±3 ms and resampled)"
    : "a synthetic cell-attached AP shape (0.18 ms-wide positive peak, 28 % undershoot at +0.7 ms; the ground truth has no waveform for this cell)";
  const volts = reconstructVoltage(rec.spikeTimes, duration, waveform, params, rng);
  const filtered = sosfiltfilt(butter(2, BAND, { btype: "bandpass", fs: o.ephysRate }), volts);
  return {
    grid,
    frames,
    movie,
    f0,
    rawF,
    volts,
    filtered,
    ephysRate: o.ephysRate,
    duration,
    waveformSource,
  };
}

/** How the objects that are not recorded start their description. */
const RECONSTRUCTED = "RECONSTRUCTED, not recorded:";

/** What the parts of one recording's description are made from. */
interface Recording {
  rec: GroundTruthRecording;
  src: GroundTruthSource;
  r: Reconstruction;
  /** Chen et al. 2013 (viral, with a mean image and ROI mask), else Allen (transgenic). */
  chen: boolean;
  /** "<file>, CAttached recording <n>": where the real values come from. */
  from: string;
  /** The note that the reconstruction is shorter than the recording, or "". */
  trimmed: string;
}

/** The NWB description of one recording (the reconstruction included). */
export function describeRecording(
  rec: GroundTruthRecording,
  header: string,
  options: ConvertOptions = {},
): NWBFileDescription {
  const src = identifySource(rec.file, options);
  const r = reconstruct(rec, movieOptions(options));
  const chen = src.lab === "Chen2013";
  const from = `${basename(rec.file)}, CAttached recording ${rec.index + 1}`;
  const trimmed =
    r.frames < rec.fluoTime.length
      ? ` Trimmed to the first ${r.duration} s (the real ΔF/F, F and spike times in this file are full-length).`
      : "";
  const g: Recording = { rec, src, r, chen, from, trimmed };
  const ephysNote = ephysReconstructionNote(g);
  return {
    identifier: `CASCADE-${src.lab}-${src.indicator}-${src.line ? `${src.line}-` : ""}${src.cell}-rec${rec.index}`,
    sessionDescription: sessionDescription(g),
    sessionStartTime: headerDate(header),
    experimentDescription:
      "Spike inference ground truth: simultaneous cell-attached spike recording and two-photon calcium imaging of the same neuron.",
    sessionId: `${src.cell}-rec${rec.index}`,
    institution: chen
      ? "Janelia Research Campus (Chen et al. 2013)"
      : "Allen Institute for Brain Science",
    keywords: [
      "ground truth",
      "spike inference",
      "calcium imaging",
      "cell-attached",
      src.indicator,
      "CASCADE",
    ],
    relatedPublications: [chen ? CITATIONS.Chen2013 : CITATIONS.Allen, CITATIONS.CASCADE],
    subject: subject(g),
    ...setup(g),
    acquisition: acquisition(g, ephysNote),
    processing: [ophysModule(g), ecephysModule(g, ephysNote)],
    units: {
      description: `Real spike times of the recorded neuron: events_AP / 1e4 s from ${from}.`,
      spikeTimes: [rec.spikeTimes],
    },
  };
}

function movieOptions(options: ConvertOptions): MovieOptions {
  return {
    fov: options.fov ?? 96,
    bin: options.bin ?? 1,
    somaRadius: options.somaRadius ?? 8,
    ephysRate: options.ephysRate ?? 20000,
    seconds: options.seconds,
  };
}

function sessionDescription({ rec, src, chen }: Recording): string {
  const dataset = src.dataset ? `CASCADE ${src.dataset}` : "CASCADE ground truth";
  return (
    `Simultaneous two-photon calcium imaging (${src.indicator}) and cell-attached recording of one mouse V1 layer 2/3 neuron ` +
    `(${chen ? "Chen et al. 2013" : "Huang, Ledochowitsch et al. 2021, Allen Institute"}), converted from ${dataset} file ${basename(rec.file)} ` +
    `(recording ${rec.index + 1}) into the DANDI:000048 layout. Real: ΔF/F (DfOverF), frame times, spike times (units)` +
    `${chen ? ", mean image and ROI mask" : ""}. Reconstructed (see each object's description): the cell-attached voltage traces, ` +
    `the TwoPhotonSeries movie and the raw fluorescence F. session_start_time is the creation time of the ground-truth .mat file ` +
    `(the recording date is not part of the ground truth).`
  );
}

/** How both voltage series were reconstructed (their descriptions end with it). */
function ephysReconstructionNote({ r, from, trimmed }: Recording): string {
  return `Reconstructed from the real spike times of ${from} (events_AP / 1e4 s) with ${r.waveformSource}; per-cell AP amplitude 0.7–1.2 mV with 4 % jitter and up to 20 % attenuation within bursts, white (12–18 µV) and 1 ms-correlated (8 µV) Gaussian noise and a 60–100 µV slow drift (sum of three sinusoids, periods 4–40 s), seeded from the file name and recording index. int16 counts of ${VOLTS_PER_COUNT * 1e6} µV.${trimmed}`;
}

function subject({ src, chen }: Recording): NWBFileDescription["subject"] {
  return {
    subjectId: `${src.lab}-${src.line ? `${src.line}-` : ""}${src.cell}`,
    species: "Mus musculus",
    sex: "U",
    description: chen
      ? `Mouse with viral (AAV) ${src.indicator} expression in V1 (Chen et al. 2013); the cell name ${src.cell} is from the ground-truth file name.`
      : `Transgenic ${src.indicator} mouse, ${src.line} Cre line (Huang et al. 2021)${src.dataset ? `, ${src.dataset}` : ""}.`,
  };
}

/** The devices, the electrode and the imaging plane, as in DANDI:000048. */
function setup({
  rec,
  src,
  r,
  chen,
}: Recording): Pick<
  NWBFileDescription,
  "devices" | "electrodeGroups" | "electrodes" | "imagingPlanes"
> {
  return {
    devices: [
      {
        name: "MultiClamp 700B",
        description: chen
          ? "cell-attached amplifier (name as in DANDI:000048; the Chen et al. amplifier model is not in the ground truth)"
          : "cell-attached amplifier",
        manufacturer: "Molecular Devices",
      },
      {
        name: "Bruker 2-p microscope",
        description: chen
          ? "two-photon microscope (name as in DANDI:000048)"
          : "two-photon microscope",
        manufacturer: "Bruker",
      },
    ],
    electrodeGroups: [
      {
        name: "2-p targeted cell-attached",
        description: "2-p targeted cell-attached recording electrode",
        location: "V1, layer 2/3",
        device: "MultiClamp 700B",
      },
    ],
    electrodes: [
      {
        group: "2-p targeted cell-attached",
        location: "V1, layer 2/3",
        filtering: "none (reconstructed trace)",
      },
    ],
    imagingPlanes: [
      {
        name: "ImagingPlane",
        description: `Two-photon imaging of the recorded soma; ${r.grid.provenance}.`,
        device: "Bruker 2-p microscope",
        excitationLambda: 920,
        imagingRate: frameRate(rec.fluoTime),
        indicator: src.indicator,
        location: "V1, layer 2/3",
        opticalChannels: [
          { name: "OpticalChannel", description: "green (GCaMP) emission", emissionLambda: 510 },
        ],
      },
    ],
  };
}

/** The reconstructed raw voltage and movie. */
function acquisition(
  { rec, r, trimmed }: Recording,
  ephysNote: string,
): NWBFileDescription["acquisition"] {
  return [
    {
      type: "ElectricalSeries",
      name: "ElectricalSeries_raw",
      description: `${RECONSTRUCTED} cell-attached voltage at ${r.ephysRate} Hz. ${ephysNote}`,
      data: toCounts(r.volts, VOLTS_PER_COUNT),
      conversion: VOLTS_PER_COUNT,
      resolution: VOLTS_PER_COUNT,
      electrodes: [0],
      timing: { rate: r.ephysRate, startingTime: 0 },
    },
    {
      type: "TwoPhotonSeries",
      name: "TwoPhotonSeries_green",
      description:
        `${RECONSTRUCTED} movie made from ${r.grid.provenance}; pixel p of frame t has the mean baseline(p)·(1 + w(p)·ΔF/F(t)) with the real ΔF/F ` +
        `and w the ROI coverage, then Poisson shot noise (${COUNTS_PER_PHOTON} counts per photon). The baseline image is chosen so that the movie's time average is the source image. Frame times are the real fluo_time.${trimmed}`,
      data: r.movie,
      shape: [r.frames, r.grid.size, r.grid.size],
      unit: "n.a.",
      imagingPlane: "ImagingPlane",
      timing: { timestamps: rec.fluoTime.slice(0, r.frames) },
    },
  ];
}

type ProcessingModule = NonNullable<NWBFileDescription["processing"]>[number];

/** processing/ophys: the ROI, the real ΔF/F, the reconstructed F, and (Chen et al.) the real images. */
function ophysModule({ rec, r, chen, from }: Recording): ProcessingModule {
  const grid = r.grid;
  const interfaces: ProcessingModule["interfaces"] = [
    {
      type: "ImageSegmentation",
      planeSegmentations: [
        {
          name: "plane_segmentation",
          description:
            `Soma ROI on the pixel grid of TwoPhotonSeries_green (grid pixels at least half inside the ROI). The grid is ${grid.provenance}.` +
            (chen
              ? " The real full-resolution ROI mask is processing/ophys/ground_truth_images/roi_mask."
              : ""),
          imagingPlane: "ImagingPlane",
          pixelMasks: [roiPixels(grid)],
          pixelMaskLayout: "int32x3",
        },
      ],
    },
    {
      type: "DfOverF",
      series: [
        {
          name: "roi_response_series",
          description: `Real ΔF/F of the soma ROI (fluo_mean of ${from})${chen ? "" : ", neuropil-corrected by the Allen Institute"}; unchanged.`,
          data: rec.deltaFOverF,
          unit: "n.a.",
          planeSegmentation: "ImageSegmentation/plane_segmentation",
          rois: [0],
          timing: { timestamps: rec.fluoTime },
        },
      ],
    },
    {
      type: "Fluorescence",
      series: [
        {
          name: "roi_response_series",
          description: `${RECONSTRUCTED} raw fluorescence F = F0·(1 + ΔF/F) with the real ΔF/F and F0 = ${r.f0.toFixed(3)} counts, the ROI-weighted mean of the movie's baseline image; so (F − F0)/F0 equals the DfOverF series.`,
          data: r.rawF,
          unit: "n.a.",
          planeSegmentation: "ImageSegmentation/plane_segmentation",
          rois: [0],
          timing: { timestamps: rec.fluoTime },
        },
      ],
    },
  ];
  if (chen && rec.meanImage && rec.roiMask) {
    interfaces.push({
      type: "Images",
      name: "ground_truth_images",
      description: `Real images of ${from}, unchanged (x = image row, y = column, as MATLAB/scipy index them).`,
      images: [
        {
          name: "mean_image",
          description: "AVG_movie: the mean image of the recorded movie",
          data: rec.meanImage.data,
          shape: [rec.meanImage.height, rec.meanImage.width],
        },
        {
          name: "roi_mask",
          description: "ROI_map_input: the soma ROI mask (1 inside)",
          data: rec.roiMask.data,
          shape: [rec.roiMask.height, rec.roiMask.width],
        },
      ],
    });
  }
  return {
    name: "ophys",
    description: "optical physiology: ROI, fluorescence and ΔF/F",
    interfaces,
  };
}

/** processing/ecephys: the band-passed reconstructed voltage. */
function ecephysModule({ r }: Recording, ephysNote: string): ProcessingModule {
  return {
    name: "ecephys",
    description: "processed extracellular electrophysiology (reconstructed)",
    interfaces: [
      {
        type: "ElectricalSeries",
        name: "ElectricalSeries_processed",
        description: `${RECONSTRUCTED} ElectricalSeries_raw band-pass filtered ${BAND[0]} Hz–${BAND[1]} Hz (2nd-order Butterworth band-pass, zero-phase sosfiltfilt). ${ephysNote}`,
        data: toCounts(r.filtered, VOLTS_PER_COUNT),
        conversion: VOLTS_PER_COUNT,
        resolution: VOLTS_PER_COUNT,
        electrodes: [0],
        filtering: `${BAND[0]}-${BAND[1]} Hz band-pass (Butterworth, order 2, zero-phase)`,
        timing: { rate: r.ephysRate, startingTime: 0 },
      },
    ],
  };
}

/**
 * Converts the recordings of one ground-truth .mat file (all, or the 0-based `recordings`) into
 * `outDir`; resolves to the files written. A file whose name does not say its lab, indicator and
 * line (see identifySource) needs them in `options`.
 */
export async function convertGroundTruthFile(
  matPath: string,
  outDir: string,
  options: ConvertOptions & { recordings?: number[] } = {},
): Promise<string[]> {
  const mat = readMat(matPath);
  const all = groundTruthFromMat(mat, matPath);
  const src = identifySource(matPath, options);
  for (const k of options.recordings ?? []) {
    if (!Number.isInteger(k) || k < 0 || k >= all.length) {
      throw new GroundTruthOptionError(
        `${matPath}: CAttached: a recording number between 1 and ${all.length}, got ${k + 1}`,
      );
    }
  }
  const recordings = options.recordings
    ? all.filter((r) => options.recordings!.includes(r.index))
    : all;
  const header = mat.header;
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const rec of recordings) {
    const description = describeRecording(rec, header, options);
    written.push(
      await writeNWB(join(outDir, outputName(src, rec.index)), description, {
        overwrite: options.overwrite ?? true,
      }),
    );
  }
  return written;
}

// A trained spike-inference model as scripts/train-spike-model.py writes it: an ensemble of
// networks, each a stack of 1-D convolutions (weights as little-endian float32, base64), whose
// outputs are averaged, with what it was trained on.

export interface TrainedConvLayer {
  inChannels: number;
  outChannels: number;
  kernel: number;
  dilation: number;
  /** ReLU after this layer (every layer but the last). */
  relu: boolean;
  /** outChannels × inChannels × kernel float32 values (torch's Conv1d layout), base64. */
  weight: string;
  /** outChannels float32 values, base64. */
  bias: string;
}

export interface TrainedSpikeModel {
  /** e.g. "60Hz" (all ground truth) or "60Hz-without-DS10" (a cross-validation fold). */
  id: string;
  /** The frame rate (Hz) the network works at; traces are brought to it. */
  rate: number;
  /** Ground-truth datasets trained on (folder names). */
  trainedOn: string[];
  /** The dataset left out (cross-validation fold model), or null. */
  heldOut: string | null;
  /** The noise levels ν (%·s^-1/2, CASCADE's definition) the training covered. */
  noiseRange: [number, number];
  /** The frame rates (Hz) of the ground truth it was trained from. */
  groundTruthRates: [number, number];
  /** The base seed: member k starts from seed + 7919·k (+ 104729 per retry after a collapsed network; each member records its own). */
  seed: number;
  /** Window of frames each output sees (odd; centred on its frame). */
  receptiveField: number;
  /** The noise channel holds ν / noiseScale. */
  noiseScale: number;
  /** σ (model frames) of the Gaussian that smoothed the training ground truth. */
  smoothingFrames: number;
  /** The ensemble: networks of the same architecture, trained with different seeds and validation cells. */
  members: { seed: number; layers: TrainedConvLayer[] }[];
  /** SHA-256 (hex) of every member's layers' weight then bias bytes, in order. */
  sha256: string;
}

export interface MeanSem {
  mean: number;
  sem: number;
  n: number;
}

/** One held-out dataset of the leave-one-dataset-out cross-validation at one model rate. */
export interface CrossValidationRow {
  dataset: string;
  cells: number;
  /** Spikefinder r (100 Hz, 40 ms bins) and CASCADE's correlation (truth smoothed by σ 0.2 s), per cell. */
  model: { spikefinder: MeanSem; cascade: MeanSem };
  oasis: { spikefinder: MeanSem; cascade: MeanSem };
}

export interface CrossValidationAtRate {
  rate: number;
  /** What OASIS ran on: the traces as recorded, or brought to the model rate as the model's are. */
  oasisInput: string;
  rows: CrossValidationRow[];
  /** Over all cells of the five datasets. */
  overall: {
    model: { spikefinder: MeanSem; cascade: MeanSem };
    oasis: { spikefinder: MeanSem; cascade: MeanSem };
  };
  /** The smallest per-dataset margin model − OASIS (spikefinder r). */
  minMargin: number;
}

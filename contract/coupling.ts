// CouplingView: how spikes become calcium. Left: voltage, detected spikes and ΔF/F of one cell on a
// shared time axis (TraceView lanes, zoomed with the same window requests). Right: ΔF/F averaged
// around isolated spike events, split by the number of APs in the event (1, 2, 3+), with fitted
// rise/decay — for one cell, or pooled per indicator group (GCaMP6s vs GCaMP6f).
import type { AlignedRows } from "./aligned.js";
import type { BaseState, ErrorReply, SupersededReply } from "./common.js";
import type { TimeLinkMemberState } from "./time-link.js";
import type { TraceLane, WindowReply, WindowRequest } from "./trace.js";

export type CouplingMode = "cell" | "groups";

/** AP-count classes, in display order. */
export const AP_CLASSES = ["1", "2", "3+"] as const;
export type ApClass = (typeof AP_CLASSES)[number];

/** Fitted kernel ΔF/F(t) = amplitude · (1 − e^(−(t−t0)/rise)) · e^(−(t−t0)/decay) for t ≥ t0. */
export interface KernelFit {
  amplitude: number;
  /** Rise and decay time constants (s). */
  riseTime: number;
  decayTime: number;
  /** Onset relative to the first AP (s). */
  onset: number;
  /** Peak of the fitted curve (ΔF/F) and its time after the first AP (s). */
  peak: number;
  timeToPeak: number;
  /** Coefficient of determination of the fit on the mean trace. */
  r2: number;
}

/** The event-triggered average of one AP-count class in one group. */
export interface TriggeredAverage {
  apClass: ApClass;
  /** Events averaged (0 → nothing drawn, and a message says so). */
  eventCount: number;
  /** Float32 per lag (see CouplingState.lags): mean ΔF/F and its standard error (NaN when eventCount < 2). */
  mean: ArrayBufferView;
  sem: ArrayBufferView;
  /** Null when there were too few events or the fit did not converge (a message says which). */
  fit: KernelFit | null;
  /** Float32 per lag: the fitted curve (empty buffer when fit is null). */
  fitCurve: ArrayBufferView;
}

export interface CouplingGroup {
  /** "cell 102086" in cell mode; "GCaMP6s" / "GCaMP6f" in groups mode (text). */
  label: string;
  color: string;
  /** Cells pooled into this group. */
  cellCount: number;
  averages: TriggeredAverage[];
}

/** A time-link member (`timeLink`, `cursor`): the left panel takes the link's window (`xRange`,
 *  session time); clicking an event row moves the cursor to the event. */
export interface CouplingState extends BaseState, TimeLinkMemberState {
  mode: CouplingMode;
  /** Cells available (one in cell mode); `group` is the indicator ("GCaMP6s", "GCaMP6f", or ""). */
  cells: { id: string; label: string; group: string }[];
  /** The cell whose traces are on the left; synced. The kernel replaces `lanes` when it changes. */
  cellIndex: number;
  /** Left panel: same lanes and window protocol as TraceView. */
  lanes: TraceLane[];
  fullRange: [number, number];
  xRange: [number, number];
  overviewPixels: number;
  /** Right panel: lag axis relative to the first AP of an event, Float32 seconds. */
  lags: ArrayBufferView;
  /** [before, after] the event (s) the averages span. */
  window: [number, number];
  /** An event is the APs within `burstGap` s of each other, preceded and followed by this much quiet (s). */
  burstGap: number;
  isolation: number;
  groups: CouplingGroup[];
  /** The shown cell's isolated AP events as aligned heat-map rows on `lags`, grouped by AP class
   *  (AlignedView's rows; a row's `time` is the event's onset in session time, `event` its first
   *  spike's index). Empty in notebooks saved before it existed. */
  events: AlignedRows;
}

/** The left panel zooms exactly like TraceView. */
export type CouplingRequest = WindowRequest;
export type CouplingReply = WindowReply | SupersededReply | ErrorReply;

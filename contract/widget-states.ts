// Each widget kind's state interface, by kind: what a model of that kind holds, in the kernel and in
// the browser alike.
import type { AlignedState } from "./aligned.js";
import type { CouplingState } from "./coupling.js";
import type { MovieState } from "./movie.js";
import type { RasterState } from "./raster.js";
import type { RoiState } from "./roi.js";
import type { TableState } from "./table.js";
import type { TraceState } from "./trace.js";
import type { TreeState } from "./tree.js";
import type { RecordingState } from "./recording.js";

export interface WidgetStates {
  trace: TraceState;
  raster: RasterState;
  roi: RoiState;
  movie: MovieState;
  coupling: CouplingState;
  table: TableState;
  tree: TreeState;
  aligned: AlignedState;
  recording: RecordingState;
}

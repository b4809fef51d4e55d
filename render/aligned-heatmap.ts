// The trials × lags heat map of an aligned view as a PNG data: URI (one pixel per trial and lag,
// stretched when drawn), shared by the SVG figure and the live view so both colour alike.
import type { AlignedState } from "../contract/aligned.js";
import { asFloat32 } from "../contract/typed-arrays.js";
import { applyColormap } from "./colormap.js";
import { base64, encodePngRgb } from "./png.js";

export const ALIGNED_COLORMAP = "viridis" as const;

/** The heat map image, or null when there are no trials. */
export function alignedHeatmapUri(state: AlignedState): string | null {
  const rows = state.trials.length;
  const cols = asFloat32(state.lags).length;
  if (rows === 0 || cols === 0) return null;
  const rgb = applyColormap(
    asFloat32(state.traces),
    state.valueRange[0],
    state.valueRange[1],
    ALIGNED_COLORMAP,
  );
  return `data:image/png;base64,${base64(encodePngRgb(cols, rows, rgb))}`;
}

/** The y-axis label of the averages: the signal and its unit. */
export function alignedValueLabel(state: AlignedState): string {
  return state.signal.unit ? `${state.signal.label} (${state.signal.unit})` : state.signal.label;
}

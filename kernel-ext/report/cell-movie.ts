// The report's movie of one recording: the first acquired movie (an ImageSeries with frames) as a
// MovieView with its preview frames, so report.html's linked cursor moves it with no kernel.
import type { NWBFile } from "../nwb/neurodata/file/nwb-file.js";
import type { WidgetSpec } from "../kernel/widget/widget.js";
import type { MovieModel } from "../models/movie/movie-model.js";
import { viewRegistry } from "../models/registry/view-registry.js";

/** The movie's spec and state (preview frames loaded), or undefined when the file has none. */
export async function recordingMovie(
  file: NWBFile,
): Promise<{ spec: WidgetSpec; state: object } | undefined> {
  for (const obj of file.acquisition.values()) {
    const entry = viewRegistry().find((v) => v.name === "movie");
    if (!entry?.canHandle(obj)) continue;
    const movie = (await entry.create(obj)) as MovieModel;
    try {
      await movie.loadPreview();
      return { spec: movie.spec, state: { ...movie.state } };
    } finally {
      movie.close();
    }
  }
  return undefined;
}

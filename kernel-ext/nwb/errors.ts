// The one error class of the NWB reader. Its message always names the file, the HDF5 path (when
// there is one) and what was expected, so a notebook user can tell what is wrong where.

export class NWBError extends Error {
  override readonly name = "NWBError";
  constructor(
    /** The file (path or URL) the error is about. */
    readonly file: string,
    /** The HDF5 path inside the file, or "" for the file as a whole. */
    readonly path: string,
    /** What the reader expected to find, or the cause. */
    readonly expected: string,
    options?: { cause?: unknown; fileUnusable?: boolean },
  ) {
    super(`${file}${path ? `: ${path}` : ""}: ${expected}`, options);
    this.fileUnusable = options?.fileUnusable ?? false;
  }

  /** True when nothing more can be read from this open file (HDF5 crashed or hung on it): reopen it. */
  readonly fileUnusable: boolean;
}

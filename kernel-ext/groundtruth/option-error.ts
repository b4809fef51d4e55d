// An option the caller gave, or must give, that does not fit the ground-truth file (its name does
// not say its source, a recording number it does not have): the caller's to fix, so the command
// line reports it as a usage error.
export class GroundTruthOptionError extends Error {
  override name = "GroundTruthOptionError";
}

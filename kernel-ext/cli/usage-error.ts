// A usage error (unknown or misspelled option, missing value, wrong arguments): `tsnwb` prints it
// as `tsnwb <command>: <message>` with a pointer to the command's help and exits with code 2.
export class UsageError extends Error {
  override name = "UsageError";
}

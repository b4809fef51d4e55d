// Which CASCADE ground-truth dataset a recording comes from, read from the session description
// that convert-groundtruth writes ("… converted from CASCADE DS10-…"). Such a cell is inferred by
// the cross-validation model that never saw its dataset, so its result is what a new cell gets.

/** "DS13" when a session description says the file was converted from that CASCADE dataset. */
export function groundTruthDatasetOf(sessionDescription: string | undefined): string | undefined {
  return /converted from CASCADE (DS\d\d)-/.exec(sessionDescription ?? "")?.[1];
}

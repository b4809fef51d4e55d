// Starting point for exporting results: the description of a NEW file that carries over the
// session and subject metadata of a source file (opened with openNWB), to which a notebook adds
// its processing modules (ΔF/F, inferred spikes, …). The source is only read, never written.
import type { NWBFileDescription, SubjectDescription } from "./description.js";
import { NWBWriteError } from "./timeseries.js";

/** What is read from the source: `NWBFile` from openNWB has all of these. */
export interface SourceMetadata {
  file?: string;
  identifier?: string;
  sessionDescription?: string;
  sessionStartTime?: string;
  timestampsReferenceTime?: string;
  experimenter?: string[];
  experimentDescription?: string;
  institution?: string;
  lab?: string;
  sessionId?: string;
  keywords?: string[];
  relatedPublications?: string[];
  subject?: {
    subjectId?: string;
    species?: string;
    sex?: string;
    age?: string;
    genotype?: string;
    strain?: string;
    description?: string;
  };
}

export interface DerivedOptions {
  /** Identifier of the new file (default: the source's + "-derived"). */
  identifier?: string;
  /** What the new file holds; prefixed to the source's session description. */
  description?: string;
}

/** Session and subject metadata of `source`, ready for `writeNWB` once modules are added. */
export function derivedFrom(
  source: SourceMetadata,
  options: DerivedOptions = {},
): NWBFileDescription {
  const where = source.file ?? "source";
  if (!source.sessionStartTime)
    throw new NWBWriteError(
      `${where}: session_start_time`,
      "a session start time in the source file",
    );
  const start = new Date(source.sessionStartTime);
  if (Number.isNaN(start.getTime()))
    throw new NWBWriteError(
      `${where}: session_start_time`,
      `an ISO 8601 date, found '${source.sessionStartTime}'`,
    );
  const reference = source.timestampsReferenceTime
    ? new Date(source.timestampsReferenceTime)
    : start;
  const s = source.subject;
  const subject: SubjectDescription | undefined = s
    ? {
        subjectId: s.subjectId,
        species: s.species,
        sex: s.sex,
        age: s.age,
        genotype: s.genotype,
        strain: s.strain,
        description: s.description,
      }
    : undefined;
  const from = `derived from ${source.identifier ?? where}`;
  return {
    identifier: options.identifier ?? `${source.identifier ?? "nwb"}-derived`,
    sessionDescription:
      `${options.description ? `${options.description} (${from})` : `Results ${from}`}: ${source.sessionDescription ?? ""}`.trim(),
    sessionStartTime: start,
    timestampsReferenceTime: Number.isNaN(reference.getTime()) ? start : reference,
    experimenter: source.experimenter?.length ? source.experimenter : undefined,
    experimentDescription: source.experimentDescription,
    institution: source.institution,
    lab: source.lab,
    sessionId: source.sessionId,
    keywords: source.keywords?.length ? source.keywords : undefined,
    relatedPublications: source.relatedPublications?.length
      ? source.relatedPublications
      : undefined,
    subject: subject && Object.values(subject).some((v) => v !== undefined) ? subject : undefined,
  };
}

// What a per-recording job carries from the coordinator to a worker, and what it returns.
export interface ChildJobData {
  batchId: string;
  /** The run's parent job id (its stats are kept under it). */
  parentId: string;
  index: number;
  source: string;
  /** Where the worker stores the encoded result (see names.ts: by input identity and analysis version). */
  resultKey: string;
  /** The coordinator's analysis version: a worker of another version refuses the job. */
  analysisVersion: string;
  /** Times the job was given back because its analysis went over the worker's memory limit. */
  memoryRequeues?: number;
}

export interface ChildJobResult {
  resultKey: string;
  /** host:pid of the worker that made the result (absent when an earlier result was reused). */
  worker: string;
  ms?: number;
  reused?: boolean;
}

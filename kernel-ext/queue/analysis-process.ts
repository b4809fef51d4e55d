// A queue worker's analysis process: analyses one recording per message and answers with the
// encoded result or the error. It is a process of its own (not a thread of the worker) so that its
// resident memory (h5wasm's heap and buffers included) can be measured and, over the limit, the
// whole of it given back by ending the process.
import "../nwb/remote/register-opener.js"; // URLs and DANDI references as well as paths
import { analyzeRecording } from "../report/analyze-file.js";
import { encodeAnalysis } from "./payload-codec.js";

export interface AnalysisRequest {
  id: number;
  source: string;
}

export type AnalysisReply =
  { id: number; ok: true; payload: Buffer; ms: number } | { id: number; ok: false; error: string };

if (!process.send)
  throw new Error(
    "kernel-ext/queue/analysis-process.js must be started with an IPC channel (child_process.fork)",
  );
const send = process.send.bind(process);
// The worker that started us is gone (killed, crashed): nothing will read our answers.
process.on("disconnect", () => process.exit(0));
process.on("message", (request: AnalysisRequest) => {
  const t0 = performance.now();
  analyzeRecording(request.source).then(
    (analysis) =>
      send({
        id: request.id,
        ok: true,
        payload: encodeAnalysis(analysis),
        ms: performance.now() - t0,
      } satisfies AnalysisReply),
    (error: unknown) =>
      send({
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies AnalysisReply),
  );
});
send({ ready: true });

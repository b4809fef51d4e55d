// Cells written for tslab (`import { display } from "tslab"`) keep working: tslab's display API
// calls `lastWriteDisplayData` of its jupyter module, which we point at this kernel.
import { createRequire } from "node:module";
import { kernelBridge } from "./bridge.js";

interface TslabDisplayData {
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  transient?: { display_id?: string };
}

export function registerTslabDisplay(): void {
  const jupyter = createRequire(import.meta.url)("tslab/dist/jupyter.js") as {
    lastWriteDisplayData: unknown;
  };
  jupyter.lastWriteDisplayData = (data: TslabDisplayData, update: boolean) =>
    kernelBridge()?.displayBundle(data.data, {
      metadata: data.metadata,
      displayId: data.transient?.display_id,
      update,
    });
}
